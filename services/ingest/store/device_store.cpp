#include "store/device_store.h"

#include <nlohmann/json.hpp>

#include "greenlane/core/uuid.h"
#include "store/pg_values.h"

namespace greenlane::ingest {
namespace {

// A device row with its latest verification (NULLs when it has none), in kDeviceColumns order.
const std::string kDeviceSelect =
    "SELECT d.serial, d.kind, d.model, d.office, d.gateway_id, " + MicrosOf("v.performed_at") + ", v.result, " +
    "v.reference_material, " + MicrosOf("v.next_due") +
    " FROM ingest.devices d LEFT JOIN LATERAL (SELECT performed_at, result, reference_material, next_due "
    "FROM ingest.verifications WHERE device_serial = d.serial ORDER BY performed_at DESC, id DESC LIMIT 1) v ON true ";

constexpr const char* kFind = "ingest_device_find";
const std::string kFindSql = kDeviceSelect + "WHERE d.serial = ANY($1::text[])";
constexpr const char* kGetForUpdate = "ingest_device_get_for_update";
const std::string kGetForUpdateSql = kDeviceSelect + "WHERE d.serial = $1 FOR UPDATE OF d";
constexpr const char* kList = "ingest_device_list";
const std::string kListSql =
    kDeviceSelect + "WHERE ($1 = '' OR d.office = $1) AND d.serial > $2 ORDER BY d.serial LIMIT $3";
constexpr const char* kUpsert = "ingest_device_upsert";
constexpr const char* kUpsertSql =
    "INSERT INTO ingest.devices (serial, kind, model, office, gateway_id, registered_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz) ON CONFLICT (serial) DO UPDATE SET "
    "kind = EXCLUDED.kind, model = EXCLUDED.model, office = EXCLUDED.office, gateway_id = EXCLUDED.gateway_id, "
    "updated_at = EXCLUDED.updated_at";
constexpr const char* kInsertVerification = "ingest_verification_insert";
constexpr const char* kInsertVerificationSql =
    "INSERT INTO ingest.verifications (id, device_serial, performed_at, result, reference_material, next_due, "
    "recorded_at) VALUES ($1::uuid, $2, $3::timestamptz, $4, $5, $6::timestamptz, $7::timestamptz)";

Device DeviceFromRow(const pqxx::row& row) {
  Device device{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                row[3].as<std::string>(), row[4].as<std::string>(), std::nullopt};
  if (!row[5].is_null()) {
    device.last_verification =
        Verification{device.serial, FromMicros(row[5].as<std::int64_t>()), row[6].as<std::string>(),
                     row[7].as<std::string>(), FromMicros(row[8].as<std::int64_t>())};
  }
  return device;
}

nlohmann::json DeviceJson(const Device& device) {
  return {{"serial", device.serial},
          {"kind", device.kind},
          {"model", device.model},
          {"office", device.office},
          {"gateway_id", device.gateway_id}};
}

nlohmann::json VerificationJson(const Verification& v) {
  return {{"device_serial", v.device_serial},
          {"performed_at", PgTimestamp(v.performed_at)},
          {"result", v.result},
          {"reference_material", v.reference_material},
          {"next_due", PgTimestamp(v.next_due)}};
}

core::Status RequireActor(const Actor& actor) {
  if (actor.id.empty()) return core::Error::InvalidArgument("audit.actor", "who makes the change is required");
  return core::Status::Ok();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DeviceStore::PreparedStatements() {
  return {{kFind, kFindSql},
          {kGetForUpdate, kGetForUpdateSql},
          {kList, kListSql},
          {kUpsert, kUpsertSql},
          {kInsertVerification, kInsertVerificationSql}};
}

core::Result<Device> DeviceStore::Register(const Device& device, const Actor& actor) {
  if (auto status = ValidateDevice(device); !status.ok()) return status.error();
  if (auto status = RequireActor(actor); !status.ok()) return status.error();
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto before_rows = tx.exec_prepared(kGetForUpdate, device.serial);
  std::optional<nlohmann::json> before;
  if (!before_rows.empty()) before = DeviceJson(DeviceFromRow(before_rows[0]));
  const auto now = clock_.Now();
  tx.exec_prepared(kUpsert, device.serial, device.kind, device.model, device.office, device.gateway_id,
                   PgTimestamp(now));
  Device stored = DeviceFromRow(tx.exec_prepared1(kGetForUpdate, device.serial));
  audit_.Append(tx,
                {actor.id, before ? "device.updated" : "device.registered", "device", device.serial, before,
                 DeviceJson(stored), actor.request_id},
                now);
  tx.commit();
  return stored;
}

core::Result<Verification> DeviceStore::RecordVerification(const Verification& verification, const Actor& actor) {
  if (auto status = ValidateVerification(verification); !status.ok()) return status.error();
  if (auto status = RequireActor(actor); !status.ok()) return status.error();
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto device_rows = tx.exec_prepared(kGetForUpdate, verification.device_serial);
  if (device_rows.empty()) {
    return core::Error{core::ErrorKind::kNotFound,
                       "no device with serial '" + verification.device_serial + "'; register it first",
                       "verification.device_serial"};
  }
  const auto before = DeviceFromRow(device_rows[0]).last_verification;
  const auto now = clock_.Now();
  tx.exec_prepared(kInsertVerification, core::Uuid::NewV7(clock_).ToString(), verification.device_serial,
                   PgTimestamp(verification.performed_at), verification.result, verification.reference_material,
                   PgTimestamp(verification.next_due), PgTimestamp(now));
  audit_.Append(tx,
                {actor.id, "device.verified", "device", verification.device_serial,
                 before ? std::optional(VerificationJson(*before)) : std::nullopt, VerificationJson(verification),
                 actor.request_id},
                now);
  tx.commit();
  return verification;
}

std::vector<Device> DeviceStore::List(const std::string& office, const std::string& after_serial, int limit) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<Device> devices;
  for (const auto& row : tx.exec_prepared(kList, office, after_serial, limit)) devices.push_back(DeviceFromRow(row));
  return devices;
}

std::unordered_map<std::string, Device> DeviceStore::Find(pqxx::transaction_base& tx,
                                                          const std::vector<std::string>& serials) {
  std::unordered_map<std::string, Device> devices;
  for (const auto& row : tx.exec_prepared(kFind, PgTextArray(serials))) {
    auto device = DeviceFromRow(row);
    devices.emplace(device.serial, std::move(device));
  }
  return devices;
}

}  // namespace greenlane::ingest
