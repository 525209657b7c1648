#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace greenlane::testing {

/// A real service process for end-to-end and fault tests: started with its own environment and
/// its output in a log file, stopped politely (SIGTERM) or brutally (SIGKILL) when the test says,
/// and always killed when the object goes away so a failing test leaves nothing running.
class ChildProcess {
 public:
  /// Starts `program` with `args`, this process's environment plus `env`, stdout and stderr
  /// appended to `log_file`. Throws std::runtime_error when it cannot start.
  ChildProcess(std::string program, std::vector<std::string> args, std::map<std::string, std::string> env,
               std::string log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Starts the same program again (after Kill or Terminate), appending to the same log.
  void Restart();
  /// SIGTERM and wait up to `grace`, then SIGKILL. Returns the exit status (as waitpid gives it).
  int Terminate(std::chrono::milliseconds grace = std::chrono::seconds(10));
  /// SIGKILL and reap.
  void Kill();
  [[nodiscard]] bool Running();
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// The last `lines` lines of the log, for failure messages.
  [[nodiscard]] std::string LogTail(int lines = 40) const;

 private:
  void Spawn();

  std::string program_;
  std::vector<std::string> args_;
  std::map<std::string, std::string> env_;
  std::string log_file_;
  pid_t pid_ = -1;
};

/// A TCP port free on 127.0.0.1 right now (bound and released), for a child told to listen on it.
unsigned short FreePort();

/// Whether something accepts TCP connections on 127.0.0.1:`port` within `timeout`.
bool WaitForPort(unsigned short port, std::chrono::milliseconds timeout);

}  // namespace greenlane::testing
