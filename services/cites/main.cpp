// greenlane-cites: electronic CITES permits. Thin: configuration, wiring, run until SIGTERM/SIGINT,
// shut down.
#include <memory>

#include "api/cites_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  cites::CitesSettings settings;
  std::unique_ptr<cites::CitesServer> server;
  return core::RunService("cites", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = cites::LoadCitesSettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 server = std::make_unique<cites::CitesServer>(settings);
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
