// greenlane-api: the REST facade. Thin: configuration, wiring, run until SIGTERM/SIGINT, shut down.
#include <memory>

#include "api/api_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  api::ApiSettings settings;
  std::unique_ptr<api::ApiServer> server;
  return core::RunService("api", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = api::LoadApiSettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 server = std::make_unique<api::ApiServer>(settings);
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
