#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace greenlane::testing {

/// A service binary run as a real child process, so a test can do to it what an operator or a
/// power cut does: SIGTERM, SIGKILL, start again. Its stdout and stderr go to a log file the test
/// prints the tail of when it fails. The child is SIGKILLed and reaped when this object goes, so
/// a failing test leaves nothing running.
class ChildProcess {
 public:
  /// Starts `binary` with `args` and exactly `env` as its environment (nothing is inherited, so a
  /// variable set in the test's shell cannot change the service's configuration). Throws
  /// std::runtime_error naming the binary when it cannot be started.
  ChildProcess(const std::string& binary, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env, std::filesystem::path log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Sends `signal` (SIGTERM, SIGKILL, ...) unless the process has already been reaped.
  void Signal(int signal);
  /// Waits up to `timeout` for the process to end; its wait status, or nullopt while it still runs.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  /// True until the process has ended (reaps it when it has).
  bool Running();

  /// The last `lines` lines of the log, for failure messages.
  std::string LogTail(std::size_t lines = 40) const;
  /// True once the log holds `text`.
  bool LogContains(const std::string& text) const;
  const std::filesystem::path& log_file() const { return log_file_; }

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::filesystem::path log_file_;
};

/// "exited with N" or "killed by signal N", for messages.
std::string DescribeWaitStatus(int status);

/// A TCP port free on 127.0.0.1 right now (bound and released), for a child told to listen on it.
unsigned short FreePort();

/// Whether something accepts TCP connections on 127.0.0.1:`port` within `timeout`.
bool WaitForPort(unsigned short port, std::chrono::milliseconds timeout);

}  // namespace greenlane::testing
