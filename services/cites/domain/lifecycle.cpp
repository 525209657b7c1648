#include "domain/lifecycle.h"

#include <array>

namespace greenlane::cites {

namespace {
enum class Applies : std::uint8_t { kAnyDocument, kLeavingCountry, kImportPermit };

struct Transition {
  PermitState from;
  PermitEvent event;
  PermitState to;
  Applies applies;
};

constexpr std::array kTransitions{
    Transition{PermitState::kDraft, PermitEvent::kIssue, PermitState::kIssued, Applies::kAnyDocument},
    Transition{PermitState::kDraft, PermitEvent::kCancel, PermitState::kCancelled, Applies::kAnyDocument},
    Transition{PermitState::kIssued, PermitEvent::kEndorse, PermitState::kEndorsed, Applies::kLeavingCountry},
    Transition{PermitState::kIssued, PermitEvent::kAcceptAtImport, PermitState::kUsed, Applies::kImportPermit},
    Transition{PermitState::kEndorsed, PermitEvent::kAcceptAtImport, PermitState::kUsed, Applies::kLeavingCountry},
    Transition{PermitState::kIssued, PermitEvent::kCancel, PermitState::kCancelled, Applies::kAnyDocument},
    Transition{PermitState::kIssued, PermitEvent::kRevoke, PermitState::kRevoked, Applies::kAnyDocument},
    Transition{PermitState::kEndorsed, PermitEvent::kRevoke, PermitState::kRevoked, Applies::kAnyDocument},
    Transition{PermitState::kIssued, PermitEvent::kReplace, PermitState::kReplaced, Applies::kAnyDocument},
};

bool AppliesTo(Applies applies, DocumentType type) {
  switch (applies) {
    case Applies::kAnyDocument:
      return true;
    case Applies::kLeavingCountry:
      return LeavesCountry(type);
    case Applies::kImportPermit:
      return type == DocumentType::kImport;
  }
  return false;
}

core::Result<PermitRecord> Moved(const PermitRecord& record, PermitEvent event) {
  auto next = NextState(record.state, event, record.permit.type);
  if (!next.ok()) return next.error();
  PermitRecord moved = record;
  moved.state = *next;
  return moved;
}
// Cancelling and revoking take a permit out of use for good: the audit trail must say why.
core::Result<PermitRecord> MovedWithReason(const PermitRecord& record, PermitEvent event, const std::string& reason) {
  if (reason.empty()) {
    return RuleError("lifecycle.reason_required", "reason",
                     "say why you " + std::string(ToString(event)) + " permit " + record.permit.number);
  }
  auto moved = Moved(record, event);
  if (moved.ok()) moved->reason = reason;
  return moved;
}
}  // namespace

std::string_view ToString(PermitState state) {
  constexpr std::array<std::string_view, 7> kNames{"draft",     "issued",  "endorsed", "used",
                                                   "cancelled", "revoked", "replaced"};
  return kNames[static_cast<std::size_t>(state)];
}

std::string_view ToString(PermitEvent event) {
  constexpr std::array<std::string_view, 6> kNames{"issue",  "endorse", "accept at import",
                                                   "cancel", "revoke",  "replace"};
  return kNames[static_cast<std::size_t>(event)];
}

core::Result<PermitState> NextState(PermitState from, PermitEvent event, DocumentType type) {
  std::string allowed_from;
  for (const Transition& transition : kTransitions) {
    if (transition.event != event || !AppliesTo(transition.applies, type)) continue;
    if (transition.from == from) return transition.to;
    allowed_from += (allowed_from.empty() ? "" : " or ") + std::string(ToString(transition.from));
  }
  if (from == PermitState::kUsed && event == PermitEvent::kAcceptAtImport) {
    return RuleError("lifecycle.single_use", "state",
                     "this document was already accepted for import; a CITES document is valid for one import only "
                     "(Art. VI.6)");
  }
  const std::string action(ToString(event));
  const std::string document = std::string(ToString(type)) + " document";
  if (allowed_from.empty())
    return RuleError("lifecycle.transition", "state", "'" + action + "' never applies to an " + document);
  return RuleError("lifecycle.transition", "state",
                   "cannot " + action + " the " + document + " in state " + std::string(ToString(from)) +
                       ": allowed only from " + allowed_from);
}

core::Result<PermitRecord> Issue(const PermitRecord& record, const Problems& validation) {
  if (!validation.empty()) {
    return RuleError(
        "lifecycle.invalid", validation.front().field,
        std::to_string(validation.size()) + " validation problem(s) remain, first: " + validation.front().message);
  }
  return Moved(record, PermitEvent::kIssue);
}

core::Result<PermitRecord> Cancel(const PermitRecord& record, const std::string& reason) {
  return MovedWithReason(record, PermitEvent::kCancel, reason);
}

core::Result<PermitRecord> Revoke(const PermitRecord& record, const std::string& reason) {
  return MovedWithReason(record, PermitEvent::kRevoke, reason);
}

core::Result<PermitRecord> Replace(const PermitRecord& record, const std::string& replacement_number) {
  if (replacement_number.empty() || replacement_number == record.permit.number) {
    return RuleError("lifecycle.replacement_number", "replaced_by",
                     "name the number of the new permit that replaces " + record.permit.number);
  }
  auto moved = Moved(record, PermitEvent::kReplace);
  if (moved.ok()) moved->replaced_by = replacement_number;
  return moved;
}

}  // namespace greenlane::cites
