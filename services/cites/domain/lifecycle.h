#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/permit.h"
#include "domain/problem.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// Where a permit is in its life. Used, cancelled, revoked and replaced are final.
enum class PermitState : std::uint8_t { kDraft, kIssued, kEndorsed, kUsed, kCancelled, kRevoked, kReplaced };
std::string_view ToString(PermitState state);

/// What can happen to a permit. Export, re-export and origin documents are endorsed at export and
/// then accepted at import; an import permit is accepted at import straight after issue.
enum class PermitEvent : std::uint8_t { kIssue, kEndorse, kAcceptAtImport, kCancel, kRevoke, kReplace };
std::string_view ToString(PermitEvent event);

/// Box 14: what customs at export saw leave, per line in the order of Permit::lines.
struct Endorsement {
  Date date;
  std::string port;
  std::string transport_document;  ///< box 15, bill of lading or air waybill
  std::vector<Quantity> quantities;
};

/// What the importing country recorded when it accepted (and so cancelled) the document.
struct ImportRecord {
  Date date;
  std::string country;  ///< ISO 3166-1 alpha-2 of the importing country
  std::string port;
  std::vector<Quantity> quantities;  ///< per line, as counted at import
};

/// A permit with its state and what happened to it so far.
struct PermitRecord {
  Permit permit;
  PermitState state = PermitState::kDraft;
  std::optional<Endorsement> endorsement;
  std::optional<ImportRecord> import;
  std::string reason;       ///< why it was cancelled or revoked
  std::string replaced_by;  ///< the number of the permit that replaces it
};

/// The state after `event`, or a refusal: rule lifecycle.transition (not allowed from this state or
/// for this document type) or lifecycle.single_use (a used document presented again).
core::Result<PermitState> NextState(PermitState from, PermitEvent event, DocumentType type);

/// Draft to issued, only when validation found nothing (rule lifecycle.invalid otherwise).
core::Result<PermitRecord> Issue(const PermitRecord& record, const Problems& validation);

/// Withdraws a draft or an unused issued permit; `reason` is required (lifecycle.reason_required).
core::Result<PermitRecord> Cancel(const PermitRecord& record, const std::string& reason);

/// Invalidates an issued or endorsed permit, e.g. after fraud; `reason` is required.
core::Result<PermitRecord> Revoke(const PermitRecord& record, const std::string& reason);

/// Marks an issued permit as replaced by `replacement_number` (Res. Conf. 12.3: the replacement
/// names the permit it replaces), which must differ from its own number.
core::Result<PermitRecord> Replace(const PermitRecord& record, const std::string& replacement_number);

}  // namespace greenlane::cites
