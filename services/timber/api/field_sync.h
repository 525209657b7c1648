#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "api/steps.h"
#include "greenlane/core/clock.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/v1/timber.pb.h"
#include "store/sync_repository.h"

namespace greenlane::timber {

/// Offline capture: field devices registered with an Ed25519 public key, and Sync, which applies the
/// records a device signed through the same Steps as the online calls.
///
/// Each record is decided once per (device, sequence): accepted (its row commits in the step's own
/// transaction), or rejected by a rule (stored with the rule). Sending it again answers the stored
/// decision with `replayed`; the same sequence with other bytes is a `conflict` and applies nothing.
/// A record whose signature does not verify is rejected (sync.signature) and not stored, so the
/// genuine record may still come. Consecutive register_tree records of a batch (an offline
/// inventory) are applied together in one transaction, with the same rules and answers as one by
/// one. An issue_waybill record refused by custody.transport is a double
/// spend (the piece was taken by a record accepted first, possibly from another device): it is
/// rejected and raises a sync.double_spend anomaly for officers.
class FieldSync {
 public:
  static constexpr std::size_t kMaxRecords = 1000;
  static constexpr std::size_t kMaxPayloadBytes = 256 * 1024;

  FieldSync(store::SyncRepository& sync, Steps& steps) : sync_(sync), steps_(steps) {}

  /// Officers and admins only (the service adapter checks the role).
  core::Status RegisterDevice(const v1::TimberRegisterDeviceRequest& q, const rpc::Caller& caller, v1::TimberDevice* r);
  /// kNotFound for an unknown device or one a trader-only caller does not own; kInvalidArgument for an
  /// empty or oversized batch; infrastructure failures fail the call (records decided so far stay
  /// decided, and resending the batch is safe).
  core::Status Sync(const v1::TimberSyncRequest& q, const rpc::Caller& caller, v1::TimberSyncResponse* r);

 private:
  /// A record whose signature verified, with the SHA-256 of its signed bytes and its answer.
  struct Verified {
    const v1::TimberSyncRecord* record;
    std::string digest;
    v1::TimberSyncResult* result;
  };

  /// Applies consecutive register_tree records in one transaction and answers each.
  core::Status DecideTrees(const store::Device& device, std::span<const Verified> run, const rpc::Caller& caller);
  /// Decides `verified` one by one, each after looking for a decision a concurrent sync made.
  core::Status DecideEach(const store::Device& device, std::span<const Verified> verified, const rpc::Caller& caller);
  /// Stores and answers the rejection of a record a step refused with `error`; a non-OK status is an
  /// infrastructure failure.
  core::Status Refuse(const store::Device& device, const v1::TimberSyncRecord& record, const std::string& digest,
                      const core::Error& error, const rpc::Caller& caller, v1::TimberSyncResult* result);
  /// Applies one verified record and answers it in `result`; a non-OK status is an infrastructure failure.
  core::Status Decide(const store::Device& device, const v1::TimberSyncRecord& record, const std::string& digest,
                      const rpc::Caller& caller, v1::TimberSyncResult* result);
  /// Runs the step the record names; its warnings go to `result`.
  core::Status Apply(const v1::TimberSyncRecord& record, const rpc::Caller& caller, const store::Caller& store_caller,
                     v1::TimberSyncResult* result);

  store::SyncRepository& sync_;
  Steps& steps_;
};

}  // namespace greenlane::timber
