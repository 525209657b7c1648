#include "cli/commands.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "domain/roles.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/client_store.h"

namespace greenlane::cli {
namespace {

std::string Actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user ? user : "unknown");
}

// What the client commands need: one connection, the api audit log and the client store.
struct ClientCommand {
  explicit ClientCommand(const Options& options)
      : pool({options.pg_url, 1, std::chrono::milliseconds(10000), api::ClientStore::PreparedStatements()}),
        audit("api"),
        store(pool, audit, core::SystemClock::Instance(), options.secret_hash_iterations) {}
  pg::Pool pool;
  security::AuditLog audit;
  api::ClientStore store;
};

int Fail(const core::Error& error) {
  std::cerr << "greenlane: " << (error.field.empty() ? "" : error.field + ": ") << error.message << "\n";
  return 1;
}

nlohmann::json ClientJson(const api::Client& client) {
  return {{"id", client.id},
          {"name", client.name},
          {"roles", client.roles},
          {"disabled", client.disabled},
          {"created_at", client.created_at}};
}

}  // namespace

int Migrate(const Options& options) {
  namespace fs = std::filesystem;
  const fs::path root(options.migrations_dir);
  if (!fs::is_directory(root)) {
    std::cerr << "greenlane: migrations folder '" << root.string() << "' does not exist\n";
    return 1;
  }
  std::vector<std::string> services = options.services;
  if (services.empty()) {
    for (const auto& entry : fs::directory_iterator(root)) {
      if (entry.is_directory()) services.push_back(entry.path().filename().string());
    }
    std::sort(services.begin(), services.end());
  }
  pqxx::connection connection(options.pg_url);
  for (const auto& service : services) {
    const auto migrations = pg::LoadMigrations(root / service);
    auto report = pg::ApplyMigrations(connection, service, migrations);
    if (!report.ok()) return Fail(report.error());
    std::cout << service << ": at version " << report->current_version << " (" << report->applied.size()
              << " applied now)\n";
  }
  return 0;
}

int CreateClient(const Options& options) {
  auto roles = api::ParseRoles(options.roles);
  if (!roles.ok()) return Fail(roles.error());
  ClientCommand command(options);
  auto& store = command.store;
  auto created = store.Create(options.client_name, *roles, Actor());
  if (!created.ok()) return Fail(created.error());
  if (options.json) {
    auto out = ClientJson(created->client);
    out["secret"] = created->secret;
    std::cout << out.dump() << "\n";
  } else {
    std::cout << "client id:     " << created->client.id << "\n"
              << "client secret: " << created->secret << "\n"
              << "(the secret is shown once and stored only as a salted hash)\n";
  }
  return 0;
}

int ListClients(const Options& options) {
  ClientCommand command(options);
  auto& store = command.store;
  const auto clients = store.List();
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& client : clients) out.push_back(ClientJson(client));
    std::cout << out.dump() << "\n";
    return 0;
  }
  for (const auto& client : clients) {
    std::string roles;
    for (const auto& role : client.roles) roles += (roles.empty() ? "" : ",") + role;
    std::cout << client.id << "  " << client.name << "  [" << roles << "]" << (client.disabled ? "  disabled" : "")
              << "\n";
  }
  return 0;
}

int DisableClient(const Options& options) {
  ClientCommand command(options);
  auto& store = command.store;
  auto client = store.Disable(options.client_id, Actor());
  if (!client.ok()) return Fail(client.error());
  std::cout << "disabled " << client->id << " (" << client->name << ")\n";
  return 0;
}

int VerifyAudit(const Options& options) {
  static const std::regex kSchemaName("^[a-z_][a-z0-9_]{0,62}$");
  if (!std::regex_match(options.schema, kSchemaName)) {
    std::cerr << "greenlane: --schema must be a lower-case schema name, got '" << options.schema << "'\n";
    return 2;
  }
  pqxx::connection connection(options.pg_url);
  security::AuditLog audit(options.schema);
  const auto report = audit.Verify(connection);
  if (report.ok) {
    std::cout << "audit log " << options.schema << ": " << report.rows_checked << " rows, chain intact\n";
    return 0;
  }
  std::cout << "audit log " << options.schema << ": BROKEN at seq "
            << (report.first_broken_seq ? std::to_string(*report.first_broken_seq) : "?") << ": " << report.reason
            << " (" << report.rows_checked << " rows checked)\n";
  return 1;
}

}  // namespace greenlane::cli
