// greenlane-ingest: readings from edge gateways and the device registry. Thin: configuration,
// wiring, run until SIGTERM/SIGINT, shut down.
#include <csignal>
#include <cstring>
#include <iostream>

#include "api/ingest_server.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    core::Config config("ingest");
    const auto settings = ingest::LoadIngestSettings(config);
    if (argc > 1 && std::strcmp(argv[1], "--help-config") == 0) {
      std::cout << config.Describe();
      return 0;
    }
    log::Init("ingest", log::ParseLevel(settings.log_level));
    ingest::IngestServer server(settings);
    server.Start();
    int signal = 0;
    sigwait(&stop_signals, &signal);
    log::Info("stopping", {{"signal", signal}});
    server.Stop();
    log::Info("stopped");
    return 0;
  } catch (const core::ConfigError& e) {
    std::cerr << "greenlane-ingest: configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    log::Error("greenlane-ingest failed to start", {{"error", e.what()}});
    return 1;
  }
}
