#include "store/lineage_repository.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

// Wood only moves one way: a certificate holds lots and logs, a lot comes from the logs of one
// sawmill run, a log from a tree or a longer log. So the walk is set-based where it is wide (the
// thousands of input logs of the lots, joined at once) and recursive only over the few distinct
// parents above them. Stumps are no ancestors of logs and are added beside the trees found. It runs
// once, when the certificate is issued (migration 0006 for older ones): the lineage is fixed then.
constexpr const char* kRecord = "timber_lineage_record";
constexpr const char* kRecordSql =
    "INSERT INTO timber.certificate_lineage (certificate, piece, species, parent, concession_id, dbh_cm, "
    "bole_height_cm, butt_diameter_cm, top_diameter_cm, length_cm, product, volume_dm3, state, site_id, document) "
    "WITH RECURSIVE items AS (SELECT piece FROM timber.export_certificate_items WHERE certificate = $1),"
    " below AS ("
    "  SELECT piece AS barcode FROM items"
    "  UNION"
    "  SELECT i.piece FROM items JOIN timber.processing_outputs o ON o.piece = items.piece"
    "  JOIN timber.processing_inputs i ON i.processing_id = o.processing_id),"
    " up(barcode) AS ("
    "  SELECT DISTINCT p.parent FROM below JOIN timber.pieces p ON p.barcode = below.barcode"
    "  WHERE p.parent IS NOT NULL"
    "  UNION"
    "  SELECT p.parent FROM up JOIN timber.pieces p ON p.barcode = up.barcode WHERE p.parent IS NOT NULL)"
    " SELECT $1, barcode, species, parent, concession_id, dbh_cm, bole_height_cm, butt_diameter_cm, top_diameter_cm,"
    " length_cm, product, volume_dm3, state, site_id, document FROM timber.pieces"
    " WHERE barcode IN (SELECT barcode FROM below UNION ALL SELECT barcode FROM up)"
    " OR (kind = 'stump' AND parent IN (SELECT barcode FROM up))";

// The lineage holds a copy of each piece's row (migration 0007, custody kept current by a trigger):
// one index range, no probe into timber.pieces per piece. The alias names its piece column as
// timber.pieces names it, so the same column list reads both.
constexpr const char* kRecordWaybills = "timber_lineage_record_waybills";
constexpr const char* kRecordWaybillsSql =
    "INSERT INTO timber.certificate_lineage_waybills (certificate, waybill, items_in_lineage) "
    "SELECT $1, i.waybill, count(*) FROM timber.certificate_lineage l "
    "JOIN timber.waybill_items i ON i.piece = l.piece WHERE l.certificate = $1 GROUP BY i.waybill";

constexpr const char* kPieces = "timber_lineage_pieces";
const std::string kPiecesSql = std::string("SELECT ") + PieceColumns() +
                               " FROM timber.certificate_lineage AS l (certificate, barcode) WHERE certificate = $1";

// Lots first, then logs, stumps and trees: from the certificate back to the forest.
int KindRank(BarcodeKind kind) {
  switch (kind) {
    case BarcodeKind::kLot:
      return 0;
    case BarcodeKind::kLog:
      return 1;
    case BarcodeKind::kStump:
      return 2;
    default:
      return 3;
  }
}

// The pieces behind `certificate`, in the order the rows come.
std::vector<PieceRow> ReadPieces(pqxx::transaction_base& tx, const std::string& certificate) {
  const auto rows = tx.exec_prepared(kPieces, certificate);
  std::vector<PieceRow> pieces;
  pieces.reserve(rows.size());
  for (const auto& row : rows) pieces.push_back(RowToPiece(row));
  return pieces;
}

// Sorted here rather than in SQL (comparing two small keys beats PostgreSQL sorting wide rows), and
// through a permutation: each wide row then moves once instead of at every step of the sort.
std::vector<PieceRow> InLineageOrder(std::vector<PieceRow> pieces) {
  std::vector<std::size_t> order(pieces.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto ka = KindRank(pieces[a].barcode.kind()), kb = KindRank(pieces[b].barcode.kind());
    return ka != kb ? ka < kb : pieces[a].barcode < pieces[b].barcode;
  });
  std::vector<PieceRow> sorted;
  sorted.reserve(pieces.size());
  for (std::size_t i : order) sorted.push_back(std::move(pieces[i]));
  return sorted;
}

// A lineage's concessions: by the ids its pieces name when they were read anyway, else from the copy.
constexpr const char* kConcessions = "timber_lineage_concessions";
constexpr const char* kConcessionsSql =
    "SELECT id::text, name, operator_id::text FROM timber.concessions WHERE id = ANY($1::uuid[]) ORDER BY name";
constexpr const char* kLineageConcessions = "timber_lineage_concessions_of";
constexpr const char* kLineageConcessionsSql =
    "SELECT id::text, name, operator_id::text FROM timber.concessions WHERE id IN (SELECT DISTINCT concession_id "
    "FROM timber.certificate_lineage WHERE certificate = $1 AND concession_id IS NOT NULL) ORDER BY name";

constexpr const char* kWaybills = "timber_lineage_waybills";
constexpr const char* kWaybillsSql =
    "SELECT w.barcode, w.state, w.origin_site_id::text, w.destination_site_id::text, w.vehicle, "
    "(extract(epoch FROM w.issued_at) * 1000000)::bigint, l.items_in_lineage "
    "FROM timber.certificate_lineage_waybills l JOIN timber.waybills w ON w.barcode = l.waybill "
    "WHERE l.certificate = $1 ORDER BY w.issued_at, w.barcode";

// Sawmill runs output lots, and the only lots in a lineage are the certificate's own items (runs
// take logs), so the runs are found from the few items, not the thousands of pieces.
constexpr const char* kProcessings = "timber_lineage_processings";
constexpr const char* kProcessingsSql =
    "SELECT r.id::text, r.sawmill_site_id::text, (extract(epoch FROM r.processed_at) * 1000000)::bigint, "
    "r.input_dm3, r.output_dm3 FROM timber.processings r "
    "WHERE r.id IN (SELECT o.processing_id FROM timber.export_certificate_items c "
    "JOIN timber.processing_outputs o ON o.piece = c.piece WHERE c.certificate = $1) "
    "ORDER BY r.processed_at, r.id";

constexpr const char* kAnomalies = "timber_lineage_anomalies";
const std::string kAnomaliesSql =
    std::string("SELECT ") + AnomalyColumns() +
    " FROM timber.anomalies WHERE subject IN (SELECT piece FROM timber.certificate_lineage WHERE certificate = $1)"
    " OR subject = ANY($2::text[]) ORDER BY id";

// A PostgreSQL array literal of values that never need quoting (barcodes, UUIDs, document numbers).
std::string ArrayLiteral(const std::set<std::string>& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    if (literal.size() > 1) literal += ',';
    literal += value;
  }
  return literal + "}";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> LineageRepository::PreparedStatements() {
  return {{kRecord, kRecordSql},
          {kRecordWaybills, kRecordWaybillsSql},
          {kPieces, kPiecesSql},
          {kConcessions, kConcessionsSql},
          {kLineageConcessions, kLineageConcessionsSql},
          {kWaybills, kWaybillsSql},
          {kProcessings, kProcessingsSql},
          {kAnomalies, kAnomaliesSql}};
}

void LineageRepository::Record(pqxx::work& tx, const std::string& certificate) {
  tx.exec_prepared(kRecord, certificate);
  tx.exec_prepared(kRecordWaybills, certificate);
}

core::Result<Lineage> LineageRepository::Trace(const std::string& certificate, bool with_pieces) {
  auto number = Barcode::Parse(certificate);
  if (!number.ok()) return core::Error::InvalidArgument("certificate", number.error().message);
  if (number->kind() != BarcodeKind::kCertificate) {
    return core::Error::InvalidArgument("certificate", "'" + certificate + "' is a " +
                                                           std::string(KindName(number->kind())) +
                                                           " tag, not an export certificate number");
  }
  auto connection = context_.pool.Acquire();
  // One snapshot: a waybill or anomaly committed mid-trace cannot appear half.
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(*connection);
  auto view = ReadDocument(tx, *number);
  if (!view) return core::Error::NotFound("no export certificate with number '" + certificate + "'");
  Lineage lineage{.certificate = std::move(*view)};
  pqxx::result concessions;
  if (with_pieces) {
    lineage.pieces = InLineageOrder(ReadPieces(tx, certificate));
    std::set<std::string> ids;
    for (const auto& piece : lineage.pieces) {
      if (!piece.concession_id.empty()) ids.insert(piece.concession_id);
    }
    concessions = tx.exec_prepared(kConcessions, ArrayLiteral(ids));
  } else {
    concessions = tx.exec_prepared(kLineageConcessions, certificate);
  }
  // Anomalies on the pieces are found through certificate_lineage; these are the other subjects.
  std::set<std::string> subjects = {certificate};
  for (const auto& r : concessions) {
    lineage.concessions.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
    subjects.insert(lineage.concessions.back().id);
  }
  for (const auto& r : tx.exec_prepared(kWaybills, certificate)) {
    lineage.waybills.push_back({.number = r[0].as<std::string>(),
                                .state = r[1].as<std::string>(),
                                .origin_site_id = r[2].as<std::string>(),
                                .destination_site_id = r[3].as<std::string>(),
                                .vehicle = r[4].as<std::string>(),
                                .issued_at = TimeFromMicros(r[5].as<std::int64_t>()),
                                .items_in_lineage = r[6].as<int>()});
    subjects.insert(lineage.waybills.back().number);
  }
  for (const auto& r : tx.exec_prepared(kProcessings, certificate)) {
    lineage.processings.push_back({.id = r[0].as<std::string>(),
                                   .sawmill_site_id = r[1].as<std::string>(),
                                   .processed_at = TimeFromMicros(r[2].as<std::int64_t>()),
                                   .input = {r[3].as<std::int64_t>()},
                                   .output = {r[4].as<std::int64_t>()}});
    subjects.insert(lineage.processings.back().id);
  }
  for (const auto& row : tx.exec_prepared(kAnomalies, certificate, ArrayLiteral(subjects))) {
    lineage.anomalies.push_back(RowToAnomaly(row));
  }
  tx.commit();
  return lineage;
}

}  // namespace greenlane::timber::store
