// greenlane-timber: chain of custody from standing tree to export. Thin: configuration, wiring, run
// until SIGTERM/SIGINT, shut down.
#include <memory>

#include "api/timber_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  timber::TimberSettings settings;
  std::unique_ptr<timber::TimberServer> server;
  return core::RunService("timber", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = timber::LoadTimberSettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 server = std::make_unique<timber::TimberServer>(settings);
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
