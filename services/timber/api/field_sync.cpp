#include "api/field_sync.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <vector>

#include "api/convert.h"
#include "domain/sync_record.h"
#include "greenlane/pg/migrations.h"
#include "store/findings.h"

namespace greenlane::timber {
namespace {

// Failures of the infrastructure, not of the record: the call fails and the record stays undecided.
bool IsInfrastructure(const core::Error& error) {
  return error.kind == core::ErrorKind::kUnavailable || error.kind == core::ErrorKind::kDeadlineExceeded ||
         error.kind == core::ErrorKind::kInternal;
}

void Reject(v1::TimberSyncResult* result, const std::string& rule, const std::string& message) {
  result->set_status("rejected");
  result->set_rule(rule);
  result->set_message(message);
}

// The stored decision for a record sent again: the same bytes replay it, other bytes conflict.
void AnswerDecided(const store::SyncDecision& decided, const std::string& digest, const std::string& device,
                   v1::TimberSyncResult* result) {
  result->clear_anomalies();
  if (decided.digest != digest) {
    result->set_status("conflict");
    result->set_rule("sync.sequence");
    result->set_message("sequence " + std::to_string(result->sequence()) + " of device " + device +
                        " was already decided for a different " + decided.kind +
                        " record; nothing was applied. A device never reuses a sequence number: capture the "
                        "record again under a new one");
    return;
  }
  result->set_replayed(true);
  result->set_status(decided.accepted ? "accepted" : "rejected");
  result->set_rule(decided.rule);
  result->set_message(decided.message);
}

template <typename Request>
core::Status ParsePayload(const std::string& payload, Request& request) {
  if (!google::protobuf::util::JsonStringToMessage(payload, &request).ok()) {
    return core::Error::InvalidArgument(
        "payload", "is not a " + Request::descriptor()->name() + " in proto3 JSON; fix the app that captured it");
  }
  return core::Status::Ok();
}

template <typename Request, typename Response, typename Step>
core::Status ParseAndRun(const std::string& payload, v1::TimberSyncResult* result, Step step) {
  Request request;
  if (auto parsed = ParsePayload(payload, request); !parsed.ok()) return parsed;
  Response response;
  auto status = step(request, &response);
  if (status.ok()) *result->mutable_anomalies() = response.anomalies();
  return status;
}

std::string RuleOf(const core::Error& error) {
  if (auto rejection = store::RejectedBy(error)) return rejection->rule;
  return "request." + std::string(core::MappingOf(error.kind).name);
}

std::string MessageOf(const core::Error& error) {
  return error.field.empty() ? error.message : error.field + ": " + error.message;
}

// Who the audit names for a record: the caller, on behalf of the device that captured it.
store::Caller DeviceCaller(const rpc::Caller& caller, const std::string& device, std::int64_t sequence) {
  auto store_caller = StoreCaller(caller);
  store_caller.actor += " (device " + device + " #" + std::to_string(sequence) + ")";
  return store_caller;
}

constexpr std::string_view kRegisterTreeKind = "register_tree";

}  // namespace

core::Status FieldSync::RegisterDevice(const v1::TimberRegisterDeviceRequest& q, const rpc::Caller& caller,
                                       v1::TimberDevice* r) {
  const auto& in = q.device();
  auto key = security::Ed25519Key::FromPublicPem(in.public_key_pem());
  if (!key.ok()) {
    return core::Error::InvalidArgument(
        "device.public_key_pem",
        "is not an Ed25519 public key PEM (-----BEGIN PUBLIC KEY-----): " + key.error().message);
  }
  auto device = sync_.Register({.id = in.id(),
                                .public_key = key->PublicRaw(),
                                .operator_id = in.operator_id(),
                                .owner = in.owner(),
                                .label = in.label(),
                                .registered_at = {}},
                               StoreCaller(caller));
  if (!device.ok()) return device.error();
  *r = in;
  r->set_public_key_pem(key->PublicPem());
  ToProto(device->registered_at, r->mutable_registered_at());
  return core::Status::Ok();
}

core::Status FieldSync::Sync(const v1::TimberSyncRequest& q, const rpc::Caller& caller, v1::TimberSyncResponse* r) {
  if (q.records().empty() || static_cast<std::size_t>(q.records_size()) > kMaxRecords) {
    return core::Error::InvalidArgument("records", "send 1 to " + std::to_string(kMaxRecords) + " records per batch");
  }
  auto device = sync_.Find(q.device_id());
  if (!device.ok()) return device.error();
  if (TraderOnly(caller) && device->owner != caller.actor) {
    return core::Error::NotFound("no field device '" + q.device_id() + "' registered for client '" + caller.actor +
                                 "'");
  }
  auto key = security::Ed25519Key::FromRawPublic(device->public_key);
  if (!key.ok()) return core::Error::Internal("device " + device->id + " has a stored key that does not parse");

  std::vector<const v1::TimberSyncRecord*> records;
  for (const auto& record : q.records()) records.push_back(&record);
  std::stable_sort(records.begin(), records.end(),
                   [](const auto* a, const auto* b) { return a->sequence() < b->sequence(); });
  std::vector<Verified> verified;
  for (const auto* record : records) {
    auto* result = r->add_results();
    result->set_sequence(record->sequence());
    if (record->sequence() <= 0) {
      Reject(result, "sync.sequence", "a sequence number is positive; nothing was applied");
      continue;
    }
    if (record->payload().size() > kMaxPayloadBytes) {
      Reject(result, "sync.payload",
             "the payload is larger than " + std::to_string(kMaxPayloadBytes) + " bytes; nothing was applied");
      continue;
    }
    const auto input = SyncSigningInput(device->id, record->sequence(), record->kind(), record->payload());
    if (!key->Verify(input, record->signature())) {
      Reject(result, "sync.signature",
             "the signature does not verify with device " + device->id +
                 "'s registered key: the record was altered after signing or signed by another key; nothing was "
                 "applied");
      continue;
    }
    verified.push_back({record, pg::Sha256Hex(input), result});
  }

  // Records decided before (a resent batch) are answered from one lookup; the rest are applied in
  // sequence order, a run of inventory trees at a time or one record at a time.
  std::vector<std::int64_t> sequences;
  for (const auto& v : verified) sequences.push_back(v.record->sequence());
  const auto decided = sync_.Decisions(device->id, sequences);
  std::vector<Verified> undecided;
  for (const auto& v : verified) {
    if (auto found = decided.find(v.record->sequence()); found != decided.end()) {
      AnswerDecided(found->second, v.digest, device->id, v.result);
    } else {
      undecided.push_back(v);
    }
  }
  for (std::size_t i = 0; i < undecided.size();) {
    std::size_t end = i + 1;
    while (end < undecided.size() && undecided[i].record->kind() == kRegisterTreeKind &&
           undecided[end].record->kind() == kRegisterTreeKind) {
      ++end;
    }
    // A record sent twice in one batch is applied once: the second meets the first's sequence row.
    const auto& first = undecided[i];
    auto status = end - i > 1 ? DecideTrees(*device, {undecided.data() + i, end - i}, caller)
                              : Decide(*device, *first.record, first.digest, caller, first.result);
    if (!status.ok()) return status;
    i = end;
  }
  return core::Status::Ok();
}

core::Status FieldSync::DecideTrees(const store::Device& device, std::span<const Verified> run,
                                    const rpc::Caller& caller) {
  std::vector<v1::TimberRegisterTreeRequest> requests;
  std::vector<const Verified*> parsed;
  store::BatchCaller batch{.actors = {}, .request_id = StoreCaller(caller).request_id};
  for (const auto& v : run) {
    v1::TimberRegisterTreeRequest request;
    if (auto status = ParsePayload(v.record->payload(), request); !status.ok()) {
      if (auto refused = Refuse(device, *v.record, v.digest, status.error(), caller, v.result); !refused.ok()) {
        return refused;
      }
      continue;
    }
    requests.push_back(std::move(request));
    parsed.push_back(&v);
    batch.actors.push_back(DeviceCaller(caller, device.id, v.record->sequence()).actor);
  }
  std::vector<store::SyncDecision> decisions;
  for (const auto* v : parsed) {
    decisions.push_back({.digest = v->digest, .kind = v->record->kind(), .accepted = true, .rule = {}, .message = {}});
  }
  batch.in_transaction = [&](pqxx::work& tx, const std::vector<std::size_t>& accepted) {
    std::vector<std::pair<std::int64_t, const store::SyncDecision*>> rows;
    for (const auto i : accepted) rows.emplace_back(parsed[i]->record->sequence(), &decisions[i]);
    sync_.RecordAcceptedMany(tx, device.id, rows);
  };
  std::vector<core::Status> statuses;
  try {
    statuses = steps_.RegisterTrees(requests, batch);
  } catch (const pqxx::unique_violation&) {
    // A concurrent sync decided some of these records first and the batch rolled back whole: decide
    // them one by one, which answers those with their stored decision.
    std::vector<Verified> again;
    for (const auto* v : parsed) again.push_back(*v);
    return DecideEach(device, again, caller);
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (statuses[i].ok()) {
      parsed[i]->result->set_status("accepted");
      continue;
    }
    if (IsInfrastructure(statuses[i].error())) return statuses[i];
    const auto& v = *parsed[i];
    if (auto refused = Refuse(device, *v.record, v.digest, statuses[i].error(), caller, v.result); !refused.ok()) {
      return refused;
    }
  }
  return core::Status::Ok();
}

core::Status FieldSync::DecideEach(const store::Device& device, std::span<const Verified> verified,
                                   const rpc::Caller& caller) {
  for (const auto& v : verified) {
    if (auto decided = sync_.Decision(device.id, v.record->sequence())) {
      AnswerDecided(*decided, v.digest, device.id, v.result);
      continue;
    }
    if (auto status = Decide(device, *v.record, v.digest, caller, v.result); !status.ok()) return status;
  }
  return core::Status::Ok();
}

core::Status FieldSync::Decide(const store::Device& device, const v1::TimberSyncRecord& record,
                               const std::string& digest, const rpc::Caller& caller, v1::TimberSyncResult* result) {
  store::SyncDecision decision{.digest = digest, .kind = record.kind(), .accepted = true, .rule = {}, .message = {}};
  auto store_caller = DeviceCaller(caller, device.id, record.sequence());
  store_caller.in_transaction = [&](pqxx::work& tx) {
    sync_.RecordAccepted(tx, device.id, record.sequence(), decision);
  };
  core::Status status = core::Status::Ok();
  try {
    status = Apply(record, caller, store_caller, result);
  } catch (const pqxx::unique_violation&) {
    // The hook met the row of a concurrent sync of the same record: the step rolled back.
    auto decided = sync_.Decision(device.id, record.sequence());
    if (!decided) throw;
    AnswerDecided(*decided, digest, device.id, result);
    return core::Status::Ok();
  }
  if (status.ok()) {
    result->set_status("accepted");
    return status;
  }
  if (IsInfrastructure(status.error())) return status;
  return Refuse(device, record, digest, status.error(), caller, result);
}

core::Status FieldSync::Refuse(const store::Device& device, const v1::TimberSyncRecord& record,
                               const std::string& digest, const core::Error& error, const rpc::Caller& caller,
                               v1::TimberSyncResult* result) {
  result->clear_anomalies();
  const store::SyncDecision decision{
      .digest = digest, .kind = record.kind(), .accepted = false, .rule = RuleOf(error), .message = MessageOf(error)};
  std::optional<RuleOutcome> double_spend;
  if (record.kind() == kIssueWaybillKind && decision.rule == "custody.transport") {
    const auto piece = store::RejectedBy(error)->subject;
    double_spend = RuleOutcome{.rule = "sync.double_spend",
                               .severity = Severity::kWarning,
                               .subject = piece,
                               .value = "device " + device.id + " #" + std::to_string(record.sequence()),
                               .limit = "first accepted record",
                               .message = piece + " was loaded offline by device " + device.id + " (sequence " +
                                          std::to_string(record.sequence()) + ") after another record had taken it: " +
                                          decision.message + ". Check both trucks and both waybills"};
  }
  const auto store_caller = DeviceCaller(caller, device.id, record.sequence());
  if (!sync_.RecordRejected(device.id, record.sequence(), decision, double_spend, store_caller)) {
    auto decided = sync_.Decision(device.id, record.sequence());
    if (!decided)
      return core::Error::Internal("sync record " + device.id + " #" + std::to_string(record.sequence()) +
                                   " vanished after a concurrent decision");
    AnswerDecided(*decided, digest, device.id, result);
    return core::Status::Ok();
  }
  Reject(result, decision.rule, decision.message);
  if (double_spend) ToProto(*double_spend, result->add_anomalies());
  return core::Status::Ok();
}

core::Status FieldSync::Apply(const v1::TimberSyncRecord& record, const rpc::Caller& caller,
                              const store::Caller& store_caller, v1::TimberSyncResult* result) {
  const auto& kind = record.kind();
  const auto& payload = record.payload();
  using StepResponse = v1::TimberStepResponse;
  using DocumentResponse = v1::TimberDocumentResponse;
  if (kind == kRegisterTreeKind) {
    return ParseAndRun<v1::TimberRegisterTreeRequest, StepResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.RegisterTree(q, store_caller, r); });
  }
  if (kind == "fell_tree") {
    return ParseAndRun<v1::TimberFellTreeRequest, StepResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.FellTree(q, store_caller, r); });
  }
  if (kind == "cut_logs") {
    return ParseAndRun<v1::TimberCutLogsRequest, StepResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.CutLogs(q, store_caller, r); });
  }
  if (kind == kIssueWaybillKind) {
    return ParseAndRun<v1::TimberIssueWaybillRequest, DocumentResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.IssueWaybill(q, caller, store_caller, r); });
  }
  if (kind == "depart_waybill") {
    return ParseAndRun<v1::TimberDepartWaybillRequest, DocumentResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.DepartWaybill(q, caller, store_caller, r); });
  }
  if (kind == "deliver_waybill") {
    return ParseAndRun<v1::TimberDeliverWaybillRequest, DocumentResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.DeliverWaybill(q, caller, store_caller, r); });
  }
  if (kind == "cancel_waybill") {
    return ParseAndRun<v1::TimberCancelWaybillRequest, DocumentResponse>(
        payload, result, [&](const auto& q, auto* r) { return steps_.CancelWaybill(q, caller, store_caller, r); });
  }
  return core::Error::InvalidArgument("kind", "'" + kind +
                                                  "' is not a step a field device captures (register_tree, fell_tree, "
                                                  "cut_logs, issue_waybill, depart_waybill, deliver_waybill, "
                                                  "cancel_waybill)");
}

}  // namespace greenlane::timber
