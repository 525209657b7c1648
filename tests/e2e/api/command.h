#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace greenlane::testing {

struct CommandResult {
  int exit_code;
  std::string output;
};

/// Runs a shell command and returns its exit code and stdout+stderr.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult result{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace greenlane::testing
