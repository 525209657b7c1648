#include "store/species_store.h"

namespace greenlane::cites {
namespace {

constexpr const char* kColumns = "scientific_name, common_name, kingdom, taxon_group, notes, listings::text";
constexpr const char* kInsert = "cites_taxon_insert";
constexpr const char* kInsertSql =
    "INSERT INTO cites.taxa (name_key, scientific_name, common_name, kingdom, taxon_group, notes, listings, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz) ON CONFLICT (name_key) DO NOTHING";
constexpr const char* kUpsert = "cites_taxon_upsert";
constexpr const char* kUpsertSql =
    "INSERT INTO cites.taxa (name_key, scientific_name, common_name, kingdom, taxon_group, notes, listings, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz) ON CONFLICT (name_key) DO UPDATE SET "
    "common_name = EXCLUDED.common_name, kingdom = EXCLUDED.kingdom, listings = EXCLUDED.listings, "
    "updated_at = EXCLUDED.updated_at";
constexpr const char* kAll = "cites_taxon_all";
const std::string kAllSql = std::string("SELECT ") + kColumns + " FROM cites.taxa ORDER BY name_key";
constexpr const char* kGetForUpdate = "cites_taxon_get_for_update";
const std::string kGetForUpdateSql =
    std::string("SELECT ") + kColumns + " FROM cites.taxa WHERE name_key = $1 FOR UPDATE";
constexpr const char* kCursor = "cites_species_cursor";
const std::string kCursorSql = "SELECT " + MicrosOf("updated_since") + " FROM cites.species_import_cursor FOR UPDATE";
constexpr const char* kSaveCursor = "cites_species_cursor_save";
constexpr const char* kSaveCursorSql =
    "INSERT INTO cites.species_import_cursor (singleton, updated_since) VALUES (true, $1::timestamptz) "
    "ON CONFLICT (singleton) DO UPDATE SET updated_since = EXCLUDED.updated_since";

nlohmann::json ListingsJson(const std::vector<ListingChange>& listings) {
  nlohmann::json list = nlohmann::json::array();
  for (const ListingChange& change : listings) {
    list.push_back({{"from", FormatDate(change.from)},
                    {"appendix", change.appendix ? nlohmann::json(std::string(ToString(*change.appendix))) : nullptr}});
  }
  return list;
}

// A row in the species.json shape, so the registry's own loader checks it.
nlohmann::json EntryOf(const pqxx::row& row) {
  return {{"scientific_name", row[0].as<std::string>()}, {"common_name", row[1].as<std::string>()},
          {"kingdom", row[2].as<std::string>()},         {"group", row[3].as<std::string>()},
          {"notes", row[4].as<std::string>()},           {"listings", nlohmann::json::parse(row[5].as<std::string>())}};
}

std::optional<Taxon> TaxonOf(const pqxx::row& row) {
  auto registry = SpeciesRegistry::FromJson({{"species", nlohmann::json::array({EntryOf(row)})}});
  if (!registry.ok()) return std::nullopt;
  const Taxon* taxon = registry->Find(row[0].as<std::string>());
  return taxon != nullptr ? std::optional(*taxon) : std::nullopt;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SpeciesStore::PreparedStatements() {
  return {{kInsert, kInsertSql}, {kUpsert, kUpsertSql},        {kAll, kAllSql}, {kGetForUpdate, kGetForUpdateSql},
          {kCursor, kCursorSql}, {kSaveCursor, kSaveCursorSql}};
}

void SpeciesStore::Seed(const nlohmann::json& species_json) {
  const auto checked = SpeciesRegistry::FromJson(species_json);
  if (!checked.ok()) {
    throw core::GreenlaneException(core::Error::Internal("species.json: " + checked.error().message));
  }
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const std::string now = PgTimestamp(clock_.Now());
  for (const auto& entry : species_json.at("species")) {
    const std::string name = entry.at("scientific_name").get<std::string>();
    tx.exec_prepared(kInsert, NormalizedName(name), name, entry.value("common_name", ""),
                     entry.at("kingdom").get<std::string>(), entry.value("group", ""), entry.value("notes", ""),
                     entry.at("listings").dump(), now);
  }
  tx.commit();
}

SpeciesRegistry SpeciesStore::Load() {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  nlohmann::json species = nlohmann::json::array();
  for (const auto& row : tx.exec_prepared(kAll)) species.push_back(EntryOf(row));
  auto registry = SpeciesRegistry::FromJson({{"species", species}});
  if (!registry.ok()) {
    throw core::GreenlaneException(core::Error::Internal("stored species: " + registry.error().message));
  }
  return std::move(*registry);
}

core::Result<SpeciesImportCounts> SpeciesStore::Import(const SpeciesPlusPage& page,
                                                       std::optional<core::TimePoint> updated_since,
                                                       const Actor& actor) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  SpeciesImportCounts counts;
  counts.skipped = page.skipped;
  std::optional<core::TimePoint> newest;
  if (const auto rows = tx.exec_prepared(kCursor); !rows.empty()) newest = FromMicros(rows[0][0].as<std::int64_t>());
  const auto& cursor = updated_since;
  const std::string now = PgTimestamp(clock_.Now());
  for (const SpeciesPlusTaxon& update : page.taxa) {
    if (cursor && update.updated_at <= *cursor) {
      ++counts.unchanged;
      continue;
    }
    if (!newest || update.updated_at > *newest) newest = update.updated_at;
    const std::string key = NormalizedName(update.scientific_name);
    const auto rows = tx.exec_prepared(kGetForUpdate, key);
    const std::optional<Taxon> existing = rows.empty() ? std::nullopt : TaxonOf(rows[0]);
    const auto merged = MergeSpeciesPlus(existing ? &*existing : nullptr, update);
    if (!merged) {
      ++counts.unchanged;
      continue;
    }
    ++(existing ? counts.updated : counts.inserted);
    tx.exec_prepared(kUpsert, key, merged->scientific_name, merged->common_name, merged->kingdom, merged->group,
                     merged->notes, ListingsJson(merged->listings).dump(), now);
  }
  if (newest) {
    tx.exec_prepared(kSaveCursor, PgTimestamp(*newest));
    counts.updated_since = core::FormatRfc3339(*newest, 3);
  }
  audit_.Append(tx,
                {actor.name, "species.imported", "species", "species+", std::nullopt,
                 nlohmann::json{{"inserted", counts.inserted},
                                {"updated", counts.updated},
                                {"unchanged", counts.unchanged},
                                {"skipped", counts.skipped},
                                {"updated_since", counts.updated_since}},
                 actor.request_id},
                clock_.Now());
  tx.commit();
  return counts;
}

}  // namespace greenlane::cites
