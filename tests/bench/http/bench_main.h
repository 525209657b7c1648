#pragma once

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

// The command line and life cycle both load-test servers share, so wrk drives them the same way.
namespace greenlane::http::bench {

struct Args {
  unsigned short port = 0;
  int threads = 1;
  int workers = 2;
};

inline Args ParseArgs(int argc, char** argv, const std::string& description) {
  Args args;
  CLI::App app(description);
  app.add_option("--port", args.port, "port to listen on; 0 = any free port");
  app.add_option("--threads", args.threads, "I/O threads")->check(CLI::Range(1, 64));
  app.add_option("--workers", args.workers, "worker threads (libs/http only)")->check(CLI::Range(1, 64));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));
  }
  return args;
}

/// Blocks SIGINT and SIGTERM in the calling thread (and so in every thread started after), so that
/// WaitForStopSignal can take them synchronously.
inline sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

/// Prints the line the load driver waits for, then blocks until SIGINT or SIGTERM.
inline void AnnounceAndWait(unsigned short port, const sigset_t& signals) {
  std::cout << "listening " << port << std::endl;
  int received = 0;
  sigwait(&signals, &received);
}

}  // namespace greenlane::http::bench
