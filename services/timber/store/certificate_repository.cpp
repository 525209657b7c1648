#include "store/certificate_repository.h"

#include <regex>

#include "domain/lifecycle.h"
#include "domain/rules/cites_permit.h"
#include "domain/rules/custody.h"
#include "domain/rules/identity.h"
#include "greenlane/events/outbox.h"
#include "store/codes.h"
#include "store/findings.h"
#include "store/item_list.h"
#include "store/lineage_repository.h"
#include "store/pieces.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kExists = "timber_certificate_exists";
constexpr const char* kExistsSql = "SELECT EXISTS (SELECT 1 FROM timber.export_certificates WHERE barcode = $1)";

constexpr const char* kInsert = "timber_certificate_insert";
constexpr const char* kInsertSql =
    "INSERT INTO timber.export_certificates (barcode, hs_code, destination_country, container, cites_permit, state, "
    "issued_at, created_at, owner) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, $7::timestamptz, $8::timestamptz, "
    "NULLIF($9, '')) "
    "ON CONFLICT (barcode) DO NOTHING RETURNING barcode";

constexpr const char* kInsertItems = "timber_certificate_items_insert";
constexpr const char* kInsertItemsSql =
    "INSERT INTO timber.export_certificate_items (certificate, piece) SELECT $1, unnest($2::text[])";

constexpr const char* kExportedOn = "timber_certificate_exported_on";
constexpr const char* kExportedOnSql =
    "SELECT certificate, piece FROM timber.export_certificate_items WHERE piece = ANY($1::text[]) ORDER BY piece "
    "LIMIT 1";

constexpr const char* kLock = "timber_certificate_lock";
constexpr const char* kLockSql =
    "SELECT barcode, hs_code, destination_country, container, coalesce(cites_permit, ''), state, "
    "(extract(epoch FROM issued_at) * 1000000)::bigint, (extract(epoch FROM shipped_at) * 1000000)::bigint "
    "FROM timber.export_certificates WHERE barcode = $1 FOR UPDATE";

constexpr const char* kItems = "timber_certificate_items";
constexpr const char* kItemsSql =
    "SELECT piece FROM timber.export_certificate_items WHERE certificate = $1 ORDER BY piece";

constexpr const char* kShip = "timber_certificate_ship";
constexpr const char* kShipSql =
    "UPDATE timber.export_certificates SET state = $2, shipped_at = $3::timestamptz WHERE barcode = $1";

constexpr const char* kIssuedTopic = "timber.certificate.issued";

core::Status ValidateFields(const NewCertificate& fields) {
  static const std::regex kHsCode("[0-9]{4}(\\.[0-9]{2}){0,2}");
  static const std::regex kCountry("[A-Z]{2}");
  if (!std::regex_match(fields.hs_code, kHsCode)) {
    return core::Error::InvalidArgument("hs_code", "'" + fields.hs_code + "' is not an HS code such as 4403.49");
  }
  if (!std::regex_match(fields.destination_country, kCountry)) {
    return core::Error::InvalidArgument("destination_country",
                                        "'" + fields.destination_country + "' is not an ISO 3166-1 alpha-2 code");
  }
  if (fields.container.empty() || fields.container.size() > 20) {
    return core::Error::InvalidArgument("container", "the container number must be 1 to 20 characters");
  }
  if (fields.cites_permit && fields.cites_permit->size() > 100) {
    return core::Error::InvalidArgument("cites_permit", "a CITES permit number is at most 100 characters");
  }
  return core::Status::Ok();
}

nlohmann::json CertificateJson(const ExportCertificate& certificate) {
  auto items = nlohmann::json::array();
  for (const auto& item : certificate.items) items.push_back(item.text());
  return {{"state", CertificateStateCode(certificate.state)},
          {"items", items},
          {"hs_code", certificate.hs_code},
          {"destination_country", certificate.destination_country},
          {"container", certificate.container},
          {"cites_permit", certificate.cites_permit ? nlohmann::json(*certificate.cites_permit) : nlohmann::json()},
          {"issued_at", core::FormatRfc3339(certificate.issued_at, 0)},
          {"shipped_at", certificate.shipped_at ? nlohmann::json(core::FormatRfc3339(*certificate.shipped_at, 0))
                                                : nlohmann::json()}};
}

// What consumers (risk, cites) need to act without calling back: the pieces with species and volume.
nlohmann::json IssuedEvent(const ExportCertificate& certificate, const std::vector<PieceRow>& pieces) {
  auto items = nlohmann::json::array();
  Volume total;
  for (const auto& piece : pieces) {
    items.push_back({{"barcode", piece.barcode.text()},
                     {"kind", KindName(piece.barcode.kind())},
                     {"species", piece.species},
                     {"volume_dm3", piece.volume.dm3}});
    total += piece.volume;
  }
  auto event = CertificateJson(certificate);
  event["barcode"] = certificate.barcode.text();
  event["items"] = items;
  event["volume_dm3"] = total.dm3;
  return event;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> CertificateRepository::PreparedStatements() {
  return {{kExists, kExistsSql},
          {kInsert, kInsertSql},
          {kInsertItems, kInsertItemsSql},
          {kExportedOn, kExportedOnSql},
          {kLock, kLockSql},
          {kItems, kItemsSql},
          {kShip, kShipSql}};
}

core::Result<ExportCertificate> CertificateRepository::Issue(const NewCertificate& fields, const Caller& caller) {
  if (auto s = ValidateFields(fields); !s.ok()) return s.error();
  auto items = ParseItemList(fields.items, kMaxItems);
  if (!items.ok()) return items.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  const bool registered = tx.exec_prepared(kExists, fields.barcode)[0][0].as<bool>();
  if (auto s = findings.Judge(CheckNewBarcode(fields.barcode, BarcodeKind::kCertificate, registered)); !s.ok()) {
    return s.error();
  }
  ExportCertificate certificate{.barcode = *Barcode::Parse(fields.barcode),
                                .items = *items,
                                .hs_code = fields.hs_code,
                                .destination_country = fields.destination_country,
                                .container = fields.container,
                                .cites_permit = fields.cites_permit,
                                .issued_at = fields.issued_at,
                                .shipped_at = std::nullopt,
                                .state = CertificateState::kIssued};
  // Waits here for any transaction holding one of the pieces, then sees what it committed.
  const auto pieces = LockPieces(tx, certificate.items);
  if (auto s = RequireAll(certificate.items, pieces); !s.ok()) return s.error();
  std::vector<const Species*> species;
  for (const auto& piece : pieces) {
    if (auto s = findings.Judge(CheckExportable(piece.barcode, piece.custody)); !s.ok()) return s.error();
    const auto* known = context_.species.Find(piece.species);
    if (known == nullptr) {
      throw core::GreenlaneException(
          core::Error::Internal(piece.barcode.text() + " has unknown species " + piece.species));
    }
    species.push_back(known);
  }
  if (auto s = findings.Judge(CheckCitesPermit(certificate.barcode, species, certificate.cites_permit)); !s.ok()) {
    return s.error();
  }
  if (tx.exec_prepared(kInsert, certificate.barcode.text(), certificate.hs_code, certificate.destination_country,
                       certificate.container, certificate.cites_permit.value_or(""),
                       std::string(CertificateStateCode(certificate.state)), SqlTime(certificate.issued_at),
                       SqlTime(now), fields.owner)
          .empty()) {
    return RejectionError(CheckNewBarcode(fields.barcode, BarcodeKind::kCertificate, true));
  }
  try {
    tx.exec_prepared(kInsertItems, certificate.barcode.text(), BarcodeArray(certificate.items));
  } catch (const pqxx::unique_violation&) {
    // Only a writer that skipped the piece locks gets here; answer as custody.export would have.
    tx.abort();
    pqxx::read_transaction read(*connection);
    const auto holder = read.exec_prepared(kExportedOn, BarcodeArray(certificate.items));
    const auto exported_on = holder.empty() ? std::string("another certificate") : holder[0][0].as<std::string>();
    const auto piece = holder.empty() ? std::string("a piece") : holder[0][1].as<std::string>();
    return core::Error::FailedPrecondition("rule custody.export refused " + piece +
                                           ": already exported on certificate " + exported_on +
                                           "; a piece leaves the country once");
  }
  // Exported wood rests nowhere in the country any more; the certificate is where it is.
  SetCustody(tx, certificate.items, {.state = PieceState::kExported, .site_id = {}, .document = certificate.barcode});
  LineageRepository::Record(tx, certificate.barcode.text());
  context_.audit.Append(tx,
                        {caller.actor, "certificate.issued", "certificate", certificate.barcode.text(), std::nullopt,
                         CertificateJson(certificate), caller.request_id},
                        now);
  events::Publish(tx, "timber", kIssuedTopic, IssuedEvent(certificate, pieces));
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return certificate;
}

core::Result<ExportCertificate> CertificateRepository::Ship(const std::string& barcode, core::TimePoint shipped_at,
                                                            const Caller& caller) {
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  const auto rows = tx.exec_prepared(kLock, barcode);
  if (rows.empty()) return core::Error::NotFound("no export certificate with number '" + barcode + "'");
  const auto& row = rows[0];
  const auto state = ParseCertificateStateCode(row[5].as<std::string>());
  if (!state) throw core::GreenlaneException(core::Error::Internal("certificate " + barcode + " has an unknown state"));
  const auto permit = row[4].as<std::string>();
  ExportCertificate certificate{.barcode = StoredBarcode(row[0].as<std::string>()),
                                .items = {},
                                .hs_code = row[1].as<std::string>(),
                                .destination_country = row[2].as<std::string>(),
                                .container = row[3].as<std::string>(),
                                .cites_permit = permit.empty() ? std::nullopt : std::optional(permit),
                                .issued_at = TimeFromMicros(row[6].as<std::int64_t>()),
                                .shipped_at = std::nullopt,
                                .state = *state};
  for (const auto& item : tx.exec_prepared(kItems, barcode))
    certificate.items.push_back(StoredBarcode(item[0].c_str()));
  auto next = NextCertificateState(certificate.state, CertificateEvent::kShip);
  if (!next.ok()) return next.error();
  if (shipped_at < certificate.issued_at) {
    return core::Error::InvalidArgument(
        "shipped_at", "is before the certificate was issued at " + core::FormatRfc3339(certificate.issued_at, 0));
  }
  const auto before = CertificateJson(certificate);
  certificate.state = *next;
  certificate.shipped_at = shipped_at;
  tx.exec_prepared(kShip, barcode, std::string(CertificateStateCode(certificate.state)), SqlTime(shipped_at));
  context_.audit.Append(tx,
                        {caller.actor, "certificate.shipped", "certificate", barcode, before,
                         CertificateJson(certificate), caller.request_id},
                        now);
  CommitStep(tx, caller);
  return certificate;
}

}  // namespace greenlane::timber::store
