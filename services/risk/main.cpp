// greenlane-risk: declaration risk scoring and lane selection. Thin: configuration, wiring, run
// until SIGTERM/SIGINT, shut down. `greenlane-risk backtest FILE` replays a labelled history offline.
#include <iostream>
#include <memory>
#include <string_view>

#include "api/backtest_command.h"
#include "api/document_services.h"
#include "api/risk_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  if (argc >= 2 && std::string_view(argv[1]) == "backtest") {
    return risk::RunBacktestCommand({argv + 2, argv + argc}, std::cout, std::cerr);
  }
  risk::RiskSettings settings;
  std::unique_ptr<risk::RiskServer> server;
  return core::RunService("risk", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = risk::LoadRiskSettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 server = std::make_unique<risk::RiskServer>(settings, core::SystemClock::Instance(),
                                                                             nullptr,
                                                                             risk::ConnectDocumentServices(settings));
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
