// greenlane-identify: species and substance identification. Thin: configuration, wiring, run until
// SIGTERM/SIGINT, shut down.
#include <memory>

#include "api/identify_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  identify::IdentifySettings settings;
  std::unique_ptr<identify::IdentifyServer> server;
  return core::RunService("identify", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = identify::LoadIdentifySettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 server = std::make_unique<identify::IdentifyServer>(settings);
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
