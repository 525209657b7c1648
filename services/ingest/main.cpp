// greenlane-ingest: readings from edge gateways and the device registry. Thin: configuration,
// wiring, run until SIGTERM/SIGINT, shut down.
#include <memory>

#include "api/ingest_server.h"
#include "greenlane/core/service_main.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  ingest::IngestSettings settings;
  std::unique_ptr<ingest::IngestServer> server;
  return core::RunService("ingest", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = ingest::LoadIngestSettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 server = std::make_unique<ingest::IngestServer>(settings);
                                 server->Start();
                                 return std::function<void()>([&] { server->Stop(); });
                               }});
}
