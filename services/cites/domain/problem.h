#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::cites {

/// One broken rule: where (a field path such as "lines[2].unit"), which rule (a stable id such as
/// "term_unit.pair" that clients and tests can match), and what was wrong and what to do.
struct Problem {
  std::string field;
  std::string rule;
  std::string message;
};

/// Every problem of a document at once, so a partner or officer fixes them in one round.
using Problems = std::vector<Problem>;

/// A refusal as a core::Error of kind failed-precondition whose message starts with the rule id
/// ("lifecycle.single_use: ..."), for transitions that stop at the first broken rule.
inline core::Error RuleError(std::string_view rule, std::string field, std::string message) {
  return core::Error{core::ErrorKind::kFailedPrecondition, std::string(rule) + ": " + message, std::move(field)};
}

}  // namespace greenlane::cites
