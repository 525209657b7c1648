#include "api/convert.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "domain/inspection.h"

namespace greenlane::risk {
namespace {

constexpr std::size_t kMaxDeclarationBytes = 4 << 20;
constexpr std::size_t kMaxChanges = 1000;

void SetTime(core::TimePoint time, google::protobuf::Timestamp* out) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
  *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(micros);
}

}  // namespace

core::Result<nlohmann::json> DeclarationDocument(const v1::AssessRequest& request) {
  std::string text;
  std::string field = "declaration_json";
  if (request.has_declaration()) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    if (!google::protobuf::util::MessageToJsonString(request.declaration(), &text, options).ok()) {
      return core::Error::InvalidArgument("declaration", "declaration: cannot be written as JSON");
    }
    field = "declaration";
  } else {
    text = request.declaration_json();
  }
  if (text.empty())
    return core::Error::InvalidArgument(field, "a declaration (declaration_json or declaration) is required");
  if (text.size() > kMaxDeclarationBytes) {
    return core::Error{core::ErrorKind::kPayloadTooLarge, "a declaration is at most 4 MiB", field};
  }
  auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return core::Error::InvalidArgument(field, "is not well-formed JSON");
  return document;
}

void ToProto(const StoredAssessment& stored, Audience audience, v1::Assessment* out) {
  const auto& a = stored.assessment;
  const bool officer = audience == Audience::kOfficer;
  out->set_declaration(a.declaration);
  out->set_lane(std::string(LaneName(stored.lane)));
  out->set_rule_set_version(a.rule_set_version);
  SetTime(a.assessed_at, out->mutable_assessed_at());
  out->set_view(officer ? "officer" : "trader");
  for (const auto& reason : a.reasons) {
    if (!officer && reason.confidential) continue;
    auto* r = out->add_reasons();
    r->set_rule_id(reason.rule_id);
    r->set_text(reason.text);
    for (int item : reason.items) r->add_items(item);
    if (!officer) continue;
    r->set_source(std::string(ReasonSourceName(reason.source)));
    r->set_instruction(reason.instruction);
    for (const auto& evidence : reason.evidence) r->add_evidence(evidence);
    r->set_confidential(reason.confidential);
  }
  if (!officer) return;
  out->set_assessment_id(stored.id);
  out->set_score(a.score);
  out->set_selected_lane(std::string(LaneName(a.lane)));
  out->set_mandatory(a.mandatory);
  out->set_random(a.random);
  out->set_capacity(a.capacity);
  out->set_model_version(a.model_version);
  for (const auto& reference : a.evidence_references) out->add_evidence_references(reference);
  for (const auto& reroute : stored.reroutes) {
    auto* r = out->add_reroutes();
    r->set_from_lane(std::string(LaneName(reroute.from)));
    r->set_to_lane(std::string(LaneName(reroute.to)));
    r->set_justification(reroute.justification);
    r->set_actor(reroute.actor);
    SetTime(reroute.at, r->mutable_at());
  }
}

void ToProto(const InspectionRecord& record, v1::Inspection* out) {
  out->set_id(record.id);
  out->set_declaration(record.input.declaration);
  out->set_assessment_id(record.assessment_id);
  out->set_result(std::string(InspectionResultName(record.input.result)));
  out->set_illicit(record.illicit);
  if (!record.input.seized_quantity.empty()) {
    out->mutable_seized_quantity()->set_value(record.input.seized_quantity);
    out->mutable_seized_quantity()->set_unit(record.input.seized_unit);
  }
  if (!record.input.revenue_currency.empty()) {
    out->mutable_revenue()->set_currency(record.input.revenue_currency);
    out->mutable_revenue()->set_minor_units(record.input.revenue_minor);
  }
  out->set_notes(record.input.notes);
  out->set_inspected_by(record.inspected_by);
  SetTime(record.recorded_at, out->mutable_recorded_at());
  out->set_random(record.random);
}

void ToProto(const RulePerformanceRow& row, v1::RulePerformance* out) {
  out->set_rule_id(row.rule_id);
  out->set_hits(row.hits);
  out->set_inspected(row.inspected);
  out->set_positives(row.positives);
  out->set_hit_rate(HitRate(row.inspected, row.positives));
}

void ToProto(const DryRunReport& report, v1::DryRunReport* out) {
  out->set_current_version(report.current_version);
  out->set_candidate_version(report.candidate_version);
  out->set_declarations(static_cast<std::int64_t>(report.declarations));
  for (std::size_t from = 0; from < report.transitions.size(); ++from) {
    for (std::size_t to = 0; to < report.transitions[from].size(); ++to) {
      if (report.transitions[from][to] == 0) continue;
      auto* t = out->add_transitions();
      t->set_from_lane(std::string(LaneName(static_cast<Lane>(from))));
      t->set_to_lane(std::string(LaneName(static_cast<Lane>(to))));
      t->set_declarations(static_cast<std::int64_t>(report.transitions[from][to]));
    }
  }
  for (std::size_t i = 0; i < report.changes.size() && i < kMaxChanges; ++i) {
    const auto& change = report.changes[i];
    auto* c = out->add_changes();
    c->set_declaration(change.declaration);
    c->set_before(std::string(LaneName(change.before)));
    c->set_after(std::string(LaneName(change.after)));
    c->set_score_before(change.score_before);
    c->set_score_after(change.score_after);
    for (const auto& id : change.rules_added) c->add_rules_added(id);
    for (const auto& id : change.rules_removed) c->add_rules_removed(id);
  }
}

void ToProto(const StoredRuleSet& set, v1::RuleSetInfo* out) {
  out->set_version(set.version);
  out->set_rules(set.rules);
  out->set_active(set.active);
  if (set.activated_at) SetTime(*set.activated_at, out->mutable_activated_at());
  out->set_activated_by(set.activated_by);
}

}  // namespace greenlane::risk
