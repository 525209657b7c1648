#include "store/assessment_inputs_store.h"

#include <nlohmann/json.hpp>

#include "store/evidence_store.h"
#include "store/learning_store.h"
#include "store/rule_set_store.h"

namespace greenlane::risk {
namespace {

constexpr const char* kLoad = "risk_assessment_inputs";
constexpr int kCurrentColumns = AssessmentStore::kCurrentColumns;

// $1 a JSON array with one object per declaration: reference, keys (LearningStore::KeysArray) and
// containers. One row per object, in its order: the assessment in force first, as the seven
// columns StoredFromRow reads (NULL when there is none), then the active version, the profiles and
// the evidence. Built when the statements are prepared: the parts are other files' statics.
std::string LoadSql() {
  return "SELECT c.*, (" + std::string(RuleSetStore::ActiveVersionSql()) + "), " +
         LearningStore::ProfilesJsonSql("(q->'keys')") + ", " +
         EvidenceStore::LinkedJsonSql("(q->>'reference')", "(q->'containers')", "'[]'") +
         " FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS i(q, n) LEFT JOIN LATERAL (" +
         AssessmentStore::CurrentSelectSql("(q->>'reference')") + ") AS c ON true ORDER BY n";
}

AssessmentInputs InputsFromRow(const pqxx::row& row) {
  AssessmentInputs inputs;
  if (!row[0].is_null()) inputs.current = AssessmentStore::StoredFromRow(row);
  if (!row[kCurrentColumns].is_null()) inputs.active_rule_set = row[kCurrentColumns].as<std::string>();
  inputs.profiles = LearningStore::ProfilesFromJson(row[kCurrentColumns + 1].as<std::string>());
  inputs.evidence = EvidenceStore::FromJson(row[kCurrentColumns + 2].as<std::string>());
  return inputs;
}

}  // namespace

AssessmentInputsStore::AssessmentInputsStore(pg::Pool& pool, GroupHandOff hand_off)
    : pool_(pool),
      loads_(
          kMaxGroup, [this](const auto& group) { Read(group); }, std::move(hand_off)) {}

std::vector<std::pair<std::string, std::string>> AssessmentInputsStore::PreparedStatements() {
  return {{kLoad, LoadSql()}};
}

void AssessmentInputsStore::Load(PendingLoad& load, Grouped<PendingLoad>::Done done) {
  loads_.Submit(load, std::move(done));
}

void AssessmentInputsStore::Read(const std::vector<PendingLoad*>& group) {
  try {
    auto queries = nlohmann::json::array();
    for (const auto* load : group) {
      queries.push_back({{"reference", load->reference},
                         {"keys", LearningStore::KeysArray(load->keys)},
                         {"containers", load->containers}});
    }
    auto connection = pool_.Acquire();
    // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
    pqxx::nontransaction tx(*connection);
    const auto rows = tx.exec_prepared(kLoad, queries.dump());
    if (rows.size() != group.size()) {
      throw core::GreenlaneException(core::Error::Internal("the inputs of " + std::to_string(group.size()) +
                                                           " declarations came back as " + std::to_string(rows.size()) +
                                                           " rows"));
    }
    for (std::size_t i = 0; i < group.size(); ++i)
      group[i]->inputs = InputsFromRow(rows[static_cast<pqxx::result::size_type>(i)]);
  } catch (const std::exception&) {
    // A read fails for all or none (the database, not a declaration): each caller gets the failure.
    for (auto* load : group) load->failure = std::current_exception();
  }
}

}  // namespace greenlane::risk
