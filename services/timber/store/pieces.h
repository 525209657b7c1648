#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "greenlane/core/clock.h"

namespace greenlane::timber::store {

/// A tree, stump, log or lot as timber.pieces holds it. Columns that do not apply to the kind are
/// zero or empty (a log has no dbh, a tree no parent).
struct PieceRow {
  Barcode barcode;
  std::string species;
  std::string parent;
  std::string concession_id;
  int dbh_cm = 0;
  int bole_height_cm = 0;
  LogMeasure measure;
  std::string product;
  Volume volume;
  Custody custody;
};

/// A row to insert into timber.pieces; empty or zero optional columns are stored as NULL.
struct NewPiece {
  Barcode barcode;
  std::string species;
  std::optional<Barcode> parent;
  std::string concession_id;
  int dbh_cm = 0;
  int bole_height_cm = 0;
  LogMeasure measure;
  std::string product;
  std::optional<GeoPoint> location;
  Volume volume;
  PieceState state = PieceState::kAtSite;
  std::string site_id;
  std::optional<core::TimePoint> felled_at;
};

/// The piece without locking it (reads), or nullopt when no piece has that barcode.
std::optional<PieceRow> FindPiece(pqxx::transaction_base& tx, const std::string& barcode);

/// The select list RowToPiece reads, for queries that return pieces (lineage).
const char* PieceColumns();
/// A row of PieceColumns(); throws core::GreenlaneException (kInternal) for a corrupted state.
PieceRow RowToPiece(const pqxx::row& row);

/// The piece, locked FOR UPDATE until the transaction ends, or nullopt when no piece has that barcode.
std::optional<PieceRow> LockPiece(pqxx::work& tx, const std::string& barcode);

/// The pieces among `barcodes` that exist, locked FOR UPDATE in barcode order, so two transactions
/// locking overlapping sets queue behind each other instead of deadlocking. Sorted by barcode.
std::vector<PieceRow> LockPieces(pqxx::work& tx, std::vector<Barcode> barcodes);

/// True when timber.pieces already holds `barcode` (of any kind).
bool PieceRegistered(pqxx::work& tx, const std::string& barcode);

/// Inserts the piece unless its barcode is taken (then returns false and changes nothing): the
/// primary key is the last line when two callers register the same tag at once.
bool InsertPiece(pqxx::work& tx, const NewPiece& piece, core::TimePoint created_at);

/// Moves pieces to a new custody: state, site (empty: none) and document (nullopt: none).
void SetCustody(pqxx::work& tx, const std::vector<Barcode>& barcodes, const Custody& custody);

/// The JSON of a piece's custody, for audit rows.
nlohmann::json CustodyJson(const Custody& custody);

/// A barcode read back from the database; throws core::GreenlaneException (kInternal) when the stored
/// text does not parse, which only a corrupted row can cause.
Barcode StoredBarcode(const std::string& text);

/// `barcodes` as a PostgreSQL text[] literal. Barcodes hold only [A-Z0-9-], so no quoting is needed.
std::string BarcodeArray(const std::vector<Barcode>& barcodes);

/// Statements these functions run, for pg::PoolOptions::prepared.
std::vector<std::pair<std::string, std::string>> PieceStatements();

}  // namespace greenlane::timber::store
