#include "store/felling_repository.h"

#include <chrono>
#include <set>

#include "domain/rules/allowable_cut.h"
#include "domain/rules/felling_point.h"
#include "domain/rules/identity.h"
#include "domain/rules/minimum_diameter.h"
#include "domain/rules/species_consistency.h"
#include "domain/rules/volume_conservation.h"
#include "store/codes.h"
#include "store/concession_repository.h"
#include "store/pieces.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kFellTree = "timber_tree_fell";
constexpr const char* kFellTreeSql =
    "UPDATE timber.pieces SET state = 'felled', felled_at = $2::timestamptz WHERE barcode = $1";

constexpr const char* kFelledInYear = "timber_felled_in_year";
constexpr const char* kFelledInYearSql =
    "SELECT coalesce(sum(volume_dm3), 0)::bigint FROM timber.pieces WHERE kind = 'tree' AND "
    "concession_id = $1::uuid AND species = $2 AND felled_at >= $3::timestamptz AND felled_at < $4::timestamptz";

constexpr const char* kChildrenVolume = "timber_children_volume";
constexpr const char* kChildrenVolumeSql =
    "SELECT coalesce(sum(volume_dm3), 0)::bigint FROM timber.pieces WHERE parent = $1 AND kind = 'log'";

// The batch insert of inventory trees: one row per element of a JSON array (nlohmann quotes the
// text, which a PostgreSQL array literal would need done by hand).
constexpr const char* kInsertTrees = "timber_trees_insert";
constexpr const char* kInsertTreesSql =
    "INSERT INTO timber.pieces (barcode, kind, species, concession_id, dbh_cm, bole_height_cm, longitude, latitude, "
    "volume_dm3, state, created_at) "
    "SELECT t.barcode, t.kind, t.species, t.concession_id::uuid, t.dbh_cm, t.bole_height_cm, t.longitude, t.latitude, "
    "t.volume_dm3, t.state, $2::timestamptz FROM json_to_recordset($1::json) AS t(barcode text, kind text, "
    "species text, concession_id text, dbh_cm integer, bole_height_cm integer, longitude double precision, "
    "latitude double precision, volume_dm3 bigint, state text) "
    "ON CONFLICT (barcode) DO NOTHING RETURNING barcode";

constexpr const char* kRegisteredAmong = "timber_pieces_registered_among";
constexpr const char* kRegisteredAmongSql = "SELECT barcode FROM timber.pieces WHERE barcode = ANY($1::text[])";

// The calendar year (UTC) of `time` and the instants it starts and ends.
struct CalendarYear {
  int year;
  core::TimePoint start;
  core::TimePoint end;
};

CalendarYear YearOf(core::TimePoint time) {
  using namespace std::chrono;
  const year y = year_month_day(floor<days>(time)).year();
  return {static_cast<int>(y), sys_days(y / January / 1), sys_days((y + years(1)) / January / 1)};
}

core::Result<Barcode> ParseField(const std::string& text, const std::string& field) {
  auto barcode = Barcode::Parse(text);
  if (!barcode.ok()) return core::Error::InvalidArgument(field, barcode.error().message);
  return barcode;
}

// Runs barcode.new for a record about to be created.
core::Result<Barcode> NewBarcode(pqxx::work& tx, Findings& findings, const std::string& text, BarcodeKind kind) {
  if (auto s = findings.Judge(CheckNewBarcode(text, kind, PieceRegistered(tx, text))); !s.ok()) return s.error();
  return *Barcode::Parse(text);
}

// What a concurrent registration of the same tag looks like once the primary key refused ours.
core::Error TakenBarcode(const Barcode& barcode) {
  return RejectionError(CheckNewBarcode(barcode.text(), barcode.kind(), true));
}

const Species* KnownSpecies(const SpeciesCatalog& catalog, const std::string& name) { return catalog.Find(name); }

core::Error UnknownSpecies(const std::string& field, const std::string& name) {
  return core::Error::InvalidArgument(field, "'" + name +
                                                 "' is not a timber species the service knows; use a scientific "
                                                 "name from the species list");
}

nlohmann::json PointJson(const GeoPoint& point) { return {point.longitude, point.latitude}; }

// The checks of an inventory tree that need no database.
core::Status ValidateTree(const NewTree& fields, const SpeciesCatalog& catalog) {
  if (KnownSpecies(catalog, fields.species) == nullptr) return UnknownSpecies("species", fields.species);
  if (fields.dbh_cm <= 0 || fields.dbh_cm > 1000) {
    return core::Error::InvalidArgument("dbh_cm", std::to_string(fields.dbh_cm) + " is not a diameter in 1..1000 cm");
  }
  if (fields.bole_height_cm <= 0 || fields.bole_height_cm > 10000) {
    return core::Error::InvalidArgument("bole_height_cm",
                                        std::to_string(fields.bole_height_cm) + " is not a height in 1..10000 cm");
  }
  return core::Status::Ok();
}

Tree StandingTree(const Barcode& barcode, const NewTree& fields) {
  return {.barcode = barcode,
          .concession_id = fields.concession_id,
          .species = fields.species,
          .dbh_cm = fields.dbh_cm,
          .bole_height_cm = fields.bole_height_cm,
          .location = fields.location,
          .state = PieceState::kStanding};
}

security::AuditEntry TreeRegistered(const Tree& tree, const std::string& actor, const std::string& request_id) {
  return {actor,
          "tree.registered",
          "tree",
          tree.barcode.text(),
          std::nullopt,
          nlohmann::json{{"concession_id", tree.concession_id},
                         {"species", tree.species},
                         {"dbh_cm", tree.dbh_cm},
                         {"bole_height_cm", tree.bole_height_cm},
                         {"location", PointJson(tree.location)},
                         {"volume_dm3", TreeVolume(tree.dbh_cm, tree.bole_height_cm).dm3},
                         {"state", PieceStateCode(tree.state)}},
          request_id};
}

nlohmann::json TreeRow(const Tree& tree) {
  return {{"barcode", tree.barcode.text()},
          {"kind", PieceKindCode(BarcodeKind::kTree)},
          {"species", tree.species},
          {"concession_id", tree.concession_id},
          {"dbh_cm", tree.dbh_cm},
          {"bole_height_cm", tree.bole_height_cm},
          {"longitude", tree.location.longitude},
          {"latitude", tree.location.latitude},
          {"volume_dm3", TreeVolume(tree.dbh_cm, tree.bole_height_cm).dm3},
          {"state", PieceStateCode(tree.state)}};
}

core::Status ValidateCut(const CrossCut& cut, const SpeciesCatalog& catalog) {
  if (cut.logs.empty()) return core::Error::InvalidArgument("logs", "a cross-cut gives at least one log");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < cut.logs.size(); ++i) {
    const auto field = "logs/" + std::to_string(i);
    const auto& log = cut.logs[i];
    if (!seen.insert(log.barcode).second) {
      return core::Error::InvalidArgument(field + "/barcode", log.barcode + " is listed twice; every log has its tag");
    }
    if (auto s = ValidateLogMeasure(log.measure); !s.ok()) {
      return core::Error::InvalidArgument(field + "/" + s.error().field, s.error().message);
    }
    if (KnownSpecies(catalog, log.species) == nullptr) return UnknownSpecies(field + "/species", log.species);
  }
  return core::Status::Ok();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> FellingRepository::PreparedStatements() {
  return {{kFellTree, kFellTreeSql},
          {kFelledInYear, kFelledInYearSql},
          {kChildrenVolume, kChildrenVolumeSql},
          {kInsertTrees, kInsertTreesSql},
          {kRegisteredAmong, kRegisteredAmongSql}};
}

core::Result<Accepted<Tree>> FellingRepository::RegisterTree(const NewTree& fields, const Caller& caller) {
  if (auto s = ValidateTree(fields, context_.species); !s.ok()) return s.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  auto barcode = NewBarcode(tx, findings, fields.barcode, BarcodeKind::kTree);
  if (!barcode.ok()) return barcode.error();
  if (!LockConcession(tx, fields.concession_id)) {
    return core::Error::NotFound("no concession with id '" + fields.concession_id + "'");
  }
  Tree tree = StandingTree(*barcode, fields);
  if (!InsertPiece(tx,
                   {.barcode = tree.barcode,
                    .species = tree.species,
                    .concession_id = tree.concession_id,
                    .dbh_cm = tree.dbh_cm,
                    .bole_height_cm = tree.bole_height_cm,
                    .location = tree.location,
                    .volume = TreeVolume(tree.dbh_cm, tree.bole_height_cm),
                    .state = PieceState::kStanding},
                   now)) {
    return TakenBarcode(tree.barcode);
  }
  context_.audit.Append(tx, TreeRegistered(tree, caller.actor, caller.request_id), now);
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return std::move(findings).Accept(std::move(tree));
}

std::vector<core::Result<Tree>> FellingRepository::RegisterTrees(const std::vector<NewTree>& trees,
                                                                 const BatchCaller& caller) {
  // What RegisterTree checks without the database, tree by tree; `refused` holds each first error.
  std::vector<std::optional<core::Error>> refused(trees.size());
  std::vector<std::optional<Tree>> candidates(trees.size());
  for (std::size_t i = 0; i < trees.size(); ++i) {
    if (auto s = ValidateTree(trees[i], context_.species); !s.ok()) {
      refused[i] = s.error();
      continue;
    }
    const auto outcome = CheckNewBarcode(trees[i].barcode, BarcodeKind::kTree, false);
    if (outcome.severity == Severity::kError) {
      refused[i] = RejectionError(outcome);
      continue;
    }
    candidates[i] = StandingTree(*Barcode::Parse(trees[i].barcode), trees[i]);
  }
  std::vector<Barcode> wanted;
  std::set<std::string> concession_ids;
  for (const auto& tree : candidates) {
    if (!tree) continue;
    wanted.push_back(tree->barcode);
    concession_ids.insert(tree->concession_id);
  }

  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  std::set<std::string> registered;
  for (const auto& row : tx.exec_prepared(kRegisteredAmong, BarcodeArray(wanted))) registered.insert(row[0].c_str());
  // In id order, as every writer locks concessions, so two batches never wait on each other in a cycle.
  std::set<std::string> known_concessions;
  for (const auto& id : concession_ids) {
    if (LockConcession(tx, id)) known_concessions.insert(id);
  }
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < trees.size(); ++i) {
    if (!candidates[i]) continue;
    const auto& tree = *candidates[i];
    // A tag an earlier tree of the batch took is registered by the time this tree's turn comes.
    if (registered.contains(tree.barcode.text())) {
      refused[i] = TakenBarcode(tree.barcode);
    } else if (!known_concessions.contains(tree.concession_id)) {
      refused[i] = core::Error::NotFound("no concession with id '" + tree.concession_id + "'");
    } else {
      registered.insert(tree.barcode.text());
      rows.push_back(TreeRow(tree));
    }
  }
  std::set<std::string> inserted;
  if (!rows.empty()) {
    for (const auto& row : tx.exec_prepared(kInsertTrees, rows.dump(), SqlTime(now))) inserted.insert(row[0].c_str());
  }
  std::vector<std::size_t> accepted;
  std::vector<security::AuditLog::TimedEntry> audit;
  for (std::size_t i = 0; i < trees.size(); ++i) {
    if (refused[i] || !candidates[i]) continue;
    if (!inserted.contains(candidates[i]->barcode.text())) {
      refused[i] = TakenBarcode(candidates[i]->barcode);  // a concurrent writer took the tag first
      continue;
    }
    accepted.push_back(i);
    audit.push_back({TreeRegistered(*candidates[i], caller.actors.at(i), caller.request_id), now});
  }
  context_.audit.AppendMany(tx, audit);
  if (caller.in_transaction) caller.in_transaction(tx, accepted);
  tx.commit();

  std::vector<core::Result<Tree>> results;
  results.reserve(trees.size());
  for (std::size_t i = 0; i < trees.size(); ++i) {
    if (refused[i]) {
      results.emplace_back(std::move(*refused[i]));
    } else {
      results.emplace_back(std::move(*candidates[i]));
    }
  }
  return results;
}

core::Result<Accepted<Stump>> FellingRepository::Fell(const Felling& felling, const Caller& caller) {
  auto tree_barcode = ParseField(felling.tree, "tree");
  if (!tree_barcode.ok()) return tree_barcode.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  auto stump = NewBarcode(tx, findings, felling.stump, BarcodeKind::kStump);
  if (!stump.ok()) return stump.error();
  // Tree before concession: no step locks a concession and then an existing piece, so this order
  // cannot deadlock against tree registration (which locks the concession and inserts a new piece).
  const auto tree = LockPiece(tx, tree_barcode->text());
  if (auto s = findings.Judge(
          CheckParent(BarcodeKind::kStump, *tree_barcode, tree ? std::optional(tree->custody.state) : std::nullopt));
      !s.ok()) {
    return s.error();
  }
  const auto concession = LockConcession(tx, tree->concession_id);
  const auto* species = KnownSpecies(context_.species, tree->species);
  if (!concession || species == nullptr) {
    throw core::GreenlaneException(
        core::Error::Internal("tree " + tree->barcode.text() + " points to a missing concession or species"));
  }
  const auto year = YearOf(felling.felled_at);
  const Volume felled_before{
      tx.exec_prepared(kFelledInYear, concession->id, tree->species, SqlTime(year.start), SqlTime(year.end))[0][0]
          .as<std::int64_t>()};
  const auto& rules = context_.rules;
  for (auto outcome :
       {CheckConcessionValid(*concession, felling.felled_at),
        CheckMinimumDiameter(tree->barcode, *species, tree->dbh_cm, rules.minimum_diameter_shortfall_percent),
        CheckFellingPoint(tree->barcode, *concession, felling.location, rules.felling_outside_metres),
        CheckAllowableCut(*concession, tree->species, year.year, felled_before, tree->volume,
                          rules.allowable_cut_used_percent)}) {
    if (auto s = findings.Judge(std::move(outcome)); !s.ok()) return s.error();
  }
  Stump result{.barcode = *stump, .tree = tree->barcode, .felled_at = felling.felled_at, .location = felling.location};
  tx.exec_prepared(kFellTree, tree->barcode.text(), SqlTime(felling.felled_at));
  if (!InsertPiece(tx,
                   {.barcode = result.barcode,
                    .species = tree->species,
                    .parent = tree->barcode,
                    .concession_id = tree->concession_id,
                    .location = felling.location,
                    .state = PieceState::kFelled,
                    .felled_at = felling.felled_at},
                   now)) {
    return TakenBarcode(result.barcode);
  }
  context_.audit.Append(tx,
                        {caller.actor, "tree.felled", "tree", tree->barcode.text(),
                         nlohmann::json{{"state", PieceStateCode(PieceState::kStanding)}},
                         nlohmann::json{{"state", PieceStateCode(PieceState::kFelled)},
                                        {"stump", result.barcode.text()},
                                        {"felled_at", core::FormatRfc3339(felling.felled_at, 0)},
                                        {"location", PointJson(felling.location)}},
                         caller.request_id},
                        now);
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return std::move(findings).Accept(std::move(result));
}

core::Result<Accepted<std::vector<Log>>> FellingRepository::CutLogs(const CrossCut& cut, const Caller& caller) {
  auto parent_barcode = ParseField(cut.parent, "parent");
  if (!parent_barcode.ok()) return parent_barcode.error();
  if (auto s = ValidateCut(cut, context_.species); !s.ok()) return s.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  const auto parent = LockPiece(tx, parent_barcode->text());
  const auto parent_state = parent ? std::optional(parent->custody.state) : std::nullopt;
  std::vector<Log> logs;
  Volume children;
  for (const auto& fields : cut.logs) {
    auto barcode = NewBarcode(tx, findings, fields.barcode, BarcodeKind::kLog);
    if (!barcode.ok()) return barcode.error();
    if (auto s = findings.Judge(CheckParent(BarcodeKind::kLog, *parent_barcode, parent_state)); !s.ok()) {
      return s.error();
    }
    if (auto s =
            findings.Judge(CheckSpeciesConsistency(*barcode, fields.species, {{parent->barcode, parent->species}}));
        !s.ok()) {
      return s.error();
    }
    logs.push_back({.barcode = *barcode,
                    .parent = parent->barcode,
                    .species = fields.species,
                    .measure = fields.measure,
                    .volume = LogVolume(fields.measure),
                    .custody = {}});
    children += logs.back().volume;
  }
  const bool from_tree = parent->barcode.kind() == BarcodeKind::kTree;
  const auto site_id = from_tree ? cut.site_id : parent->custody.site_id;
  if (from_tree && !FindSite(tx, site_id)) {
    return core::Error::InvalidArgument("site_id", "no site with id '" + site_id + "'; name the forest site");
  }
  const Volume cut_before{tx.exec_prepared(kChildrenVolume, parent->barcode.text())[0][0].as<std::int64_t>()};
  if (auto s = findings.Judge(CheckVolumeConservation(parent->barcode, parent->volume, cut_before + children,
                                                      context_.rules.conservation_excess_percent));
      !s.ok()) {
    return s.error();
  }
  for (auto& log : logs) {
    log.custody = {.state = PieceState::kAtSite, .site_id = site_id, .document = std::nullopt};
    if (!InsertPiece(tx,
                     {.barcode = log.barcode,
                      .species = log.species,
                      .parent = log.parent,
                      .concession_id = parent->concession_id,
                      .measure = log.measure,
                      .volume = log.volume,
                      .state = log.custody.state,
                      .site_id = site_id},
                     now)) {
      return TakenBarcode(log.barcode);
    }
    context_.audit.Append(tx,
                          {caller.actor, "log.cut", "log", log.barcode.text(), std::nullopt,
                           nlohmann::json{{"parent", log.parent.text()},
                                          {"species", log.species},
                                          {"butt_diameter_cm", log.measure.butt_diameter_cm},
                                          {"top_diameter_cm", log.measure.top_diameter_cm},
                                          {"length_cm", log.measure.length_cm},
                                          {"volume_dm3", log.volume.dm3},
                                          {"custody", CustodyJson(log.custody)}},
                           caller.request_id},
                          now);
  }
  if (!from_tree) {
    const Custody consumed{.state = PieceState::kCrossCut, .site_id = site_id, .document = std::nullopt};
    SetCustody(tx, {parent->barcode}, consumed);
    context_.audit.Append(tx,
                          {caller.actor, "log.cross_cut", "log", parent->barcode.text(), CustodyJson(parent->custody),
                           CustodyJson(consumed), caller.request_id},
                          now);
  }
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return std::move(findings).Accept(std::move(logs));
}

}  // namespace greenlane::timber::store
