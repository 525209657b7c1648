#include "store/document_repository.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

// Items, their distinct species and total volume come back as JSON and one sum, so a document of
// 2,000 items is one round trip.
constexpr const char* kWaybill = "timber_document_waybill";
constexpr const char* kWaybillSql =
    "SELECT w.state, coalesce(w.owner, ''), (extract(epoch FROM w.issued_at) * 1000000)::bigint, "
    "w.origin_site_id::text, w.destination_site_id::text, o.name, d.name, w.vehicle, w.driver, "
    "array_to_json(w.photo_refs)::text, (extract(epoch FROM w.departed_at) * 1000000)::bigint, "
    "(extract(epoch FROM w.arrived_at) * 1000000)::bigint, "
    "coalesce(json_agg(p.barcode ORDER BY p.barcode), '[]')::text, "
    "coalesce(json_agg(DISTINCT p.species), '[]')::text, coalesce(sum(p.volume_dm3), 0)::bigint "
    "FROM timber.waybills w JOIN timber.sites o ON o.id = w.origin_site_id "
    "JOIN timber.sites d ON d.id = w.destination_site_id "
    "LEFT JOIN timber.waybill_items i ON i.waybill = w.barcode LEFT JOIN timber.pieces p ON p.barcode = i.piece "
    "WHERE w.barcode = $1 GROUP BY w.barcode, o.name, d.name";

constexpr const char* kCertificate = "timber_document_certificate";
constexpr const char* kCertificateSql =
    "SELECT c.state, coalesce(c.owner, ''), (extract(epoch FROM c.issued_at) * 1000000)::bigint, c.hs_code, "
    "c.destination_country, c.container, coalesce(c.cites_permit, ''), "
    "(extract(epoch FROM c.shipped_at) * 1000000)::bigint, "
    "coalesce(json_agg(p.barcode ORDER BY p.barcode), '[]')::text, "
    "coalesce(json_agg(DISTINCT p.species), '[]')::text, coalesce(sum(p.volume_dm3), 0)::bigint "
    "FROM timber.export_certificates c LEFT JOIN timber.export_certificate_items i ON i.certificate = c.barcode "
    "LEFT JOIN timber.pieces p ON p.barcode = i.piece WHERE c.barcode = $1 GROUP BY c.barcode";

constexpr const char* kPieces = "timber_document_pieces";
const std::string kPiecesSql =
    std::string("SELECT ") + PieceColumns() + " FROM timber.pieces WHERE barcode = ANY($1::text[]) ORDER BY barcode";

std::optional<core::TimePoint> OptionalTime(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeFromMicros(field.as<std::int64_t>());
}

std::vector<std::string> JsonStrings(const pqxx::field& field) {
  return nlohmann::json::parse(field.as<std::string>()).get<std::vector<std::string>>();
}

std::vector<std::string> SortedStrings(const pqxx::field& field) {
  auto values = JsonStrings(field);
  std::sort(values.begin(), values.end());
  return values;
}

std::optional<DocumentView> ReadWaybill(pqxx::transaction_base& tx, const Barcode& number) {
  const auto rows = tx.exec_prepared(kWaybill, number.text());
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  DocumentView view{.number = number.text(), .kind = BarcodeKind::kWaybill};
  view.state = r[0].as<std::string>();
  view.owner = r[1].as<std::string>();
  view.issued_at = TimeFromMicros(r[2].as<std::int64_t>());
  view.origin_site_id = r[3].as<std::string>();
  view.destination_site_id = r[4].as<std::string>();
  view.origin_name = r[5].as<std::string>();
  view.destination_name = r[6].as<std::string>();
  view.vehicle = r[7].as<std::string>();
  view.driver = r[8].as<std::string>();
  view.photo_refs = JsonStrings(r[9]);
  view.departed_at = OptionalTime(r[10]);
  view.arrived_at = OptionalTime(r[11]);
  view.items = JsonStrings(r[12]);
  view.species = SortedStrings(r[13]);
  view.volume = {r[14].as<std::int64_t>()};
  return view;
}

std::optional<DocumentView> ReadCertificate(pqxx::transaction_base& tx, const Barcode& number) {
  const auto rows = tx.exec_prepared(kCertificate, number.text());
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  DocumentView view{.number = number.text(), .kind = BarcodeKind::kCertificate};
  view.state = r[0].as<std::string>();
  view.owner = r[1].as<std::string>();
  view.issued_at = TimeFromMicros(r[2].as<std::int64_t>());
  view.hs_code = r[3].as<std::string>();
  view.destination_country = r[4].as<std::string>();
  view.container = r[5].as<std::string>();
  view.cites_permit = r[6].as<std::string>();
  view.shipped_at = OptionalTime(r[7]);
  view.items = JsonStrings(r[8]);
  view.species = SortedStrings(r[9]);
  view.volume = {r[10].as<std::int64_t>()};
  return view;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DocumentRepository::PreparedStatements() {
  return {{kWaybill, kWaybillSql}, {kCertificate, kCertificateSql}, {kPieces, kPiecesSql}};
}

std::optional<DocumentView> ReadDocument(pqxx::transaction_base& tx, const Barcode& number) {
  return number.kind() == BarcodeKind::kWaybill ? ReadWaybill(tx, number) : ReadCertificate(tx, number);
}

core::Result<DocumentView> DocumentRepository::Get(const std::string& number) {
  auto barcode = Barcode::Parse(number);
  if (!barcode.ok()) return core::Error::InvalidArgument("number", barcode.error().message);
  if (barcode->kind() != BarcodeKind::kWaybill && barcode->kind() != BarcodeKind::kCertificate) {
    return core::Error::InvalidArgument("number", "'" + number + "' is a " + std::string(KindName(barcode->kind())) +
                                                      " tag, not a waybill or export certificate number");
  }
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  auto view = ReadDocument(tx, *barcode);
  if (!view)
    return core::Error::NotFound("no " + std::string(KindName(barcode->kind())) + " with number '" + number + "'");
  return std::move(*view);
}

core::Result<PieceRow> DocumentRepository::GetPiece(const std::string& barcode) {
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  auto piece = FindPiece(tx, barcode);
  if (!piece) return core::Error::NotFound("no tree, stump, log or lot with barcode '" + barcode + "'");
  return std::move(*piece);
}

}  // namespace greenlane::timber::store

namespace greenlane::timber::store {

std::vector<PieceRow> DocumentRepository::GetPieces(const std::vector<Barcode>& barcodes) {
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<PieceRow> pieces;
  for (const auto& row : tx.exec_prepared(kPieces, BarcodeArray(barcodes))) pieces.push_back(RowToPiece(row));
  return pieces;
}

}  // namespace greenlane::timber::store
