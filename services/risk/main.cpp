// greenlane-risk: declaration risk scoring and lane selection. Thin: configuration, wiring, run
// until SIGTERM/SIGINT, shut down.
#include <memory>

#include "api/risk_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
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
                                 server = std::make_unique<risk::RiskServer>(settings);
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
