#include "store/client_store.h"

#include <sstream>

#include "greenlane/core/log.h"
#include "greenlane/core/uuid.h"
#include "greenlane/security/secret_hash.h"

namespace greenlane::api {
namespace {

constexpr const char* kInsert = "api_client_insert";
constexpr const char* kInsertSql =
    "INSERT INTO api.clients (id, name, secret_hash, roles) VALUES ($1::uuid, $2, $3, string_to_array($4, ',')) "
    "ON CONFLICT (name) DO NOTHING "
    "RETURNING id::text, name, array_to_string(roles, ','), disabled, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
constexpr const char* kList = "api_client_list";
constexpr const char* kListSql =
    "SELECT id::text, name, array_to_string(roles, ','), disabled, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM api.clients ORDER BY created_at, id";
constexpr const char* kDisable = "api_client_disable";
constexpr const char* kDisableSql =
    "UPDATE api.clients SET disabled = true, disabled_at = now() WHERE id = $1::uuid AND NOT disabled "
    "RETURNING id::text, name, array_to_string(roles, ','), disabled, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
constexpr const char* kDisabledIds = "api_client_disabled_ids";
constexpr const char* kDisabledIdsSql = "SELECT id::text FROM api.clients WHERE disabled";
constexpr const char* kFindSecret = "api_client_find_secret";
constexpr const char* kFindSecretSql =
    "SELECT id::text, name, array_to_string(roles, ','), disabled, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), secret_hash "
    "FROM api.clients WHERE id = $1::uuid";

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) items.push_back(item);
  return items;
}

Client ClientFromRow(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(), Split(row[2].as<std::string>()), row[3].as<bool>(),
          row[4].as<std::string>()};
}

nlohmann::json ClientJson(const Client& client) {
  return {{"id", client.id}, {"name", client.name}, {"roles", client.roles}, {"disabled", client.disabled}};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ClientStore::PreparedStatements() {
  return {{kInsert, kInsertSql},
          {kList, kListSql},
          {kDisable, kDisableSql},
          {kFindSecret, kFindSecretSql},
          {kDisabledIds, kDisabledIdsSql}};
}

core::Result<ClientStore::Created> ClientStore::Create(const std::string& name, const std::vector<std::string>& roles,
                                                       const std::string& actor) {
  if (name.empty() || name.size() > 100) {
    return core::Error::InvalidArgument("name", "a client name must be 1 to 100 characters");
  }
  const std::string secret = security::RandomToken(32);
  const std::string hash = security::HashSecret(secret, secret_hash_iterations_);
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto rows = tx.exec_prepared(kInsert, core::Uuid::NewV7(clock_).ToString(), name, hash, Join(roles));
  if (rows.empty()) {
    return core::Error{core::ErrorKind::kAlreadyExists, "a client named '" + name + "' already exists", "name"};
  }
  Client client = ClientFromRow(rows[0]);
  audit_.Append(
      tx, {actor, "client.created", "client", client.id, std::nullopt, ClientJson(client), log::CurrentRequestId()},
      clock_.Now());
  tx.commit();
  return Created{std::move(client), secret};
}

std::vector<Client> ClientStore::List() {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<Client> clients;
  for (const auto& row : tx.exec_prepared(kList)) clients.push_back(ClientFromRow(row));
  return clients;
}

core::Result<Client> ClientStore::Disable(const std::string& id, const std::string& actor) {
  if (!core::Uuid::Parse(id)) return core::Error::InvalidArgument("id", "'" + id + "' is not a client id (a UUID)");
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto rows = tx.exec_prepared(kDisable, id);
  if (rows.empty()) return core::Error::NotFound("no enabled client with id " + id);
  Client client = ClientFromRow(rows[0]);
  Client before = client;
  before.disabled = false;
  audit_.Append(
      tx, {actor, "client.disabled", "client", id, ClientJson(before), ClientJson(client), log::CurrentRequestId()},
      clock_.Now());
  tx.commit();
  return client;
}

std::unordered_set<std::string> ClientStore::DisabledIds() {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::unordered_set<std::string> ids;
  for (const auto& row : tx.exec_prepared(kDisabledIds)) ids.insert(row[0].as<std::string>());
  return ids;
}

core::Result<Client> ClientStore::Authenticate(const std::string& id, const std::string& secret) {
  static const std::string kRefusal = "unknown client or wrong secret";
  if (!core::Uuid::Parse(id)) return core::Error::Unauthenticated(kRefusal);
  Client client;
  std::string secret_hash;
  {
    // Released before hashing: the KDF is slow on purpose and must not hold a connection.
    auto connection = pool_.Acquire();
    pqxx::read_transaction tx(*connection);
    const auto rows = tx.exec_prepared(kFindSecret, id);
    if (rows.empty()) {
      std::call_once(decoy_once_, [this] { decoy_hash_ = security::HashSecret("decoy", secret_hash_iterations_); });
      secret_hash = decoy_hash_;
    } else {
      client = ClientFromRow(rows[0]);
      secret_hash = rows[0][5].as<std::string>();
    }
  }
  if (!security::VerifySecret(secret, secret_hash) || client.id.empty()) return core::Error::Unauthenticated(kRefusal);
  if (client.disabled) return core::Error::Unauthenticated("client " + id + " is disabled");
  return client;
}

}  // namespace greenlane::api
