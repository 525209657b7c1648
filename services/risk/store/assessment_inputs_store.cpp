#include "store/assessment_inputs_store.h"

#include "store/evidence_store.h"
#include "store/learning_store.h"
#include "store/pg_values.h"
#include "store/rule_set_store.h"

namespace greenlane::risk {
namespace {

constexpr const char* kLoad = "risk_assessment_inputs";
constexpr int kCurrentColumns = AssessmentStore::kCurrentColumns;

// $1 the reference, $2 the profile keys (LearningStore::KeysJson), $3 the containers (JSON array).
// The assessment in force comes first, as the seven columns StoredFromRow reads (NULL when there
// is none), then the active version, the profiles and the evidence. Built when the statements are
// prepared: the parts are other files' statics.
std::string LoadSql() {
  return "SELECT c.*, (" + std::string(RuleSetStore::ActiveVersionSql()) + "), " +
         LearningStore::ProfilesJsonSql("$2") + ", " + EvidenceStore::LinkedJsonSql("$1", "$3", "'[]'") +
         " FROM (SELECT) AS one LEFT JOIN LATERAL (" + AssessmentStore::CurrentSelectSql() + ") AS c ON true";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> AssessmentInputsStore::PreparedStatements() {
  return {{kLoad, LoadSql()}};
}

AssessmentInputs AssessmentInputsStore::Load(const std::string& reference, const std::vector<ProfileKey>& keys,
                                             const std::vector<std::string>& containers) {
  auto connection = pool_.Acquire();
  // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
  pqxx::nontransaction tx(*connection);
  const auto row = tx.exec_prepared1(kLoad, reference, LearningStore::KeysJson(keys), JsonList(containers));
  AssessmentInputs inputs;
  if (!row[0].is_null()) inputs.current = AssessmentStore::StoredFromRow(row);
  if (!row[kCurrentColumns].is_null()) inputs.active_rule_set = row[kCurrentColumns].as<std::string>();
  inputs.profiles = LearningStore::ProfilesFromJson(row[kCurrentColumns + 1].as<std::string>());
  inputs.evidence = EvidenceStore::FromJson(row[kCurrentColumns + 2].as<std::string>());
  return inputs;
}

}  // namespace greenlane::risk
