#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace greenlane::risk {

/// `greenlane-risk backtest FILE [--data-dir DIR]`: replays a labelled history (JSON lines, see
/// ParseLabelledCase) in time order through the selection pipeline of the rules.json and model.json
/// in DIR (default GREENLANE_RISK_DATA_DIR, else the shipped data), learning profiles only from
/// earlier outcomes, and prints precision, recall and revenue recall had customs inspected the top
/// 1, 2, 5 and 10 %. Offline: no database, no network. Returns the exit code (0, or 2 on a bad
/// argument, file or line, named with its line number on `err`).
int RunBacktestCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace greenlane::risk
