#pragma once

#include <string>
#include <vector>

namespace greenlane::cli {

struct Options {
  std::string pg_url;
  std::string migrations_dir;
  std::vector<std::string> services;
  std::string client_name;
  std::string roles;
  std::string client_id;
  std::string schema = "api";
  bool json = false;
  int secret_hash_iterations = 210000;
};

// Each command returns the process exit code.
int Migrate(const Options& options);
int CreateClient(const Options& options);
int ListClients(const Options& options);
int DisableClient(const Options& options);
int VerifyAudit(const Options& options);

}  // namespace greenlane::cli
