#include "greenlane/core/service_main.h"

#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>

#include "greenlane/core/log.h"

namespace greenlane::core {

int RunService(const std::string& service, int argc, char** argv, const ServiceHooks& hooks) {
  // Blocked before any thread starts, so every thread inherits the mask and sigwait below is the
  // only place the stop signals arrive.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  const std::string binary = "greenlane-" + service;
  try {
    Config config(service);
    if (argc > 1 && std::strcmp(argv[1], "--help-config") == 0) {
      config.SetDescribeOnly(true);
      try {
        hooks.configure(config);
      } catch (const ConfigError& e) {
        // Only listing: a rule across settings (e.g. "set at least one") may stop the reading early.
        std::cout << "(listing stopped at: " << e.what() << ")\n";
      }
      std::cout << config.Describe();
      return 0;
    }
    const std::string level = hooks.configure(config);
    log::Init(service, log::ParseLevel(level));
    const auto stop = hooks.start();
    int signal = 0;
    sigwait(&stop_signals, &signal);
    log::Info("stopping", {{"signal", signal}});
    stop();
    log::Info("stopped");
    log::Flush();
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << binary << ": configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    log::Error(binary + " failed to start", {{"error", e.what()}});
    log::Flush();
    return 1;
  }
}

}  // namespace greenlane::core
