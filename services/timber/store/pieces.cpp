#include "store/pieces.h"

#include <algorithm>

#include "greenlane/core/error.h"
#include "store/codes.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kPieceColumns =
    "barcode, species, coalesce(parent, ''), coalesce(concession_id::text, ''), coalesce(dbh_cm, 0), "
    "coalesce(bole_height_cm, 0), coalesce(butt_diameter_cm, 0), coalesce(top_diameter_cm, 0), coalesce(length_cm, 0), "
    "coalesce(product, ''), volume_dm3, state, coalesce(site_id::text, ''), coalesce(document, '')";

constexpr const char* kLockOne = "timber_piece_lock_one";
const std::string kLockOneSql =
    std::string("SELECT ") + kPieceColumns + " FROM timber.pieces WHERE barcode = $1 FOR UPDATE";

// ORDER BY sits below the row-locking step in the plan, so rows are locked in barcode order.
constexpr const char* kLockMany = "timber_piece_lock_many";
const std::string kLockManySql = std::string("SELECT ") + kPieceColumns +
                                 " FROM timber.pieces WHERE barcode = ANY($1::text[]) ORDER BY barcode FOR UPDATE";

constexpr const char* kExists = "timber_piece_exists";
constexpr const char* kExistsSql = "SELECT EXISTS (SELECT 1 FROM timber.pieces WHERE barcode = $1)";

constexpr const char* kInsert = "timber_piece_insert";
constexpr const char* kInsertSql =
    "INSERT INTO timber.pieces (barcode, kind, species, parent, concession_id, dbh_cm, bole_height_cm, "
    "butt_diameter_cm, top_diameter_cm, length_cm, product, longitude, latitude, volume_dm3, state, site_id, "
    "felled_at, created_at) "
    "VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, '')::uuid, NULLIF($6::integer, 0), NULLIF($7::integer, 0), "
    "NULLIF($8::integer, 0), NULLIF($9::integer, 0), NULLIF($10::integer, 0), NULLIF($11, ''), "
    "CASE WHEN $12::boolean THEN $13::double precision END, CASE WHEN $12::boolean THEN $14::double precision END, "
    "$15, $16, NULLIF($17, '')::uuid, NULLIF($18, '')::timestamptz, $19::timestamptz) "
    "ON CONFLICT (barcode) DO NOTHING RETURNING barcode";

constexpr const char* kSetCustody = "timber_piece_set_custody";
constexpr const char* kSetCustodySql =
    "UPDATE timber.pieces SET state = $2, site_id = NULLIF($3, '')::uuid, document = NULLIF($4, '') "
    "WHERE barcode = ANY($1::text[])";

constexpr const char* kFind = "timber_piece_find";
const std::string kFindSql = std::string("SELECT ") + kPieceColumns + " FROM timber.pieces WHERE barcode = $1";

}  // namespace

const char* PieceColumns() { return kPieceColumns; }

PieceRow RowToPiece(const pqxx::row& row) {
  const auto state_code = row[11].as<std::string>();
  const auto state = ParsePieceStateCode(state_code);
  if (!state) {
    throw core::GreenlaneException(
        core::Error::Internal("timber.pieces row " + row[0].as<std::string>() + " has unknown state " + state_code));
  }
  const auto document = row[13].as<std::string>();
  return {.barcode = StoredBarcode(row[0].as<std::string>()),
          .species = row[1].as<std::string>(),
          .parent = row[2].as<std::string>(),
          .concession_id = row[3].as<std::string>(),
          .dbh_cm = row[4].as<int>(),
          .bole_height_cm = row[5].as<int>(),
          .measure = {row[6].as<int>(), row[7].as<int>(), row[8].as<int>()},
          .product = row[9].as<std::string>(),
          .volume = {row[10].as<std::int64_t>()},
          .custody = {.state = *state,
                      .site_id = row[12].as<std::string>(),
                      .document = document.empty() ? std::nullopt : std::optional(StoredBarcode(document))}};
}

std::optional<PieceRow> FindPiece(pqxx::transaction_base& tx, const std::string& barcode) {
  const auto rows = tx.exec_prepared(kFind, barcode);
  if (rows.empty()) return std::nullopt;
  return RowToPiece(rows[0]);
}

std::optional<PieceRow> LockPiece(pqxx::work& tx, const std::string& barcode) {
  const auto rows = tx.exec_prepared(kLockOne, barcode);
  if (rows.empty()) return std::nullopt;
  return RowToPiece(rows[0]);
}

std::vector<PieceRow> LockPieces(pqxx::work& tx, std::vector<Barcode> barcodes) {
  std::sort(barcodes.begin(), barcodes.end());
  std::vector<PieceRow> pieces;
  for (const auto& row : tx.exec_prepared(kLockMany, BarcodeArray(barcodes))) pieces.push_back(RowToPiece(row));
  return pieces;
}

bool PieceRegistered(pqxx::work& tx, const std::string& barcode) {
  return tx.exec_prepared(kExists, barcode)[0][0].as<bool>();
}

bool InsertPiece(pqxx::work& tx, const NewPiece& piece, core::TimePoint created_at) {
  const auto location = piece.location.value_or(GeoPoint{});
  const auto rows =
      tx.exec_prepared(kInsert, piece.barcode.text(), std::string(PieceKindCode(piece.barcode.kind())), piece.species,
                       piece.parent ? piece.parent->text() : std::string(), piece.concession_id, piece.dbh_cm,
                       piece.bole_height_cm, piece.measure.butt_diameter_cm, piece.measure.top_diameter_cm,
                       piece.measure.length_cm, piece.product, piece.location.has_value(), location.longitude,
                       location.latitude, piece.volume.dm3, std::string(PieceStateCode(piece.state)), piece.site_id,
                       piece.felled_at ? SqlTime(*piece.felled_at) : std::string(), SqlTime(created_at));
  return !rows.empty();
}

void SetCustody(pqxx::work& tx, const std::vector<Barcode>& barcodes, const Custody& custody) {
  tx.exec_prepared(kSetCustody, BarcodeArray(barcodes), std::string(PieceStateCode(custody.state)), custody.site_id,
                   custody.document ? custody.document->text() : std::string());
}

nlohmann::json CustodyJson(const Custody& custody) {
  return {{"state", PieceStateCode(custody.state)},
          {"site_id", custody.site_id},
          {"document", custody.document ? nlohmann::json(custody.document->text()) : nlohmann::json()}};
}

Barcode StoredBarcode(const std::string& text) {
  auto barcode = Barcode::Parse(text);
  if (!barcode.ok()) {
    throw core::GreenlaneException(
        core::Error::Internal("stored barcode '" + text + "' does not parse: " + barcode.error().message));
  }
  return *barcode;
}

std::string BarcodeArray(const std::vector<Barcode>& barcodes) {
  std::string literal = "{";
  for (const auto& barcode : barcodes) literal += (literal.size() > 1 ? "," : "") + barcode.text();
  return literal + "}";
}

std::vector<std::pair<std::string, std::string>> PieceStatements() {
  return {{kFind, kFindSql},     {kLockOne, kLockOneSql}, {kLockMany, kLockManySql},
          {kExists, kExistsSql}, {kInsert, kInsertSql},   {kSetCustody, kSetCustodySql}};
}

}  // namespace greenlane::timber::store
