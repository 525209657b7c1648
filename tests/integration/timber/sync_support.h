#pragma once

#include <google/protobuf/util/json_util.h>

#include <string>

#include "domain/sync_record.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/v1/timber.pb.h"

namespace greenlane::timber::testing {

/// A field device as the app would be: its own Ed25519 key, signing records over the documented bytes.
struct FieldDevice {
  std::string id;
  security::Ed25519Key key = security::Ed25519Key::Generate();

  /// The RegisterDevice request for this device (its public key), owned by `owner` (may be empty).
  v1::TimberRegisterDeviceRequest Registration(const std::string& operator_id, const std::string& owner = {}) const {
    v1::TimberRegisterDeviceRequest request;
    auto* device = request.mutable_device();
    device->set_id(id);
    device->set_operator_id(operator_id);
    device->set_owner(owner);
    device->set_label("tablet " + id);
    device->set_public_key_pem(key.PublicPem());
    return request;
  }

  /// `step` (a request message) captured as record `sequence` of `kind`, signed by this device.
  v1::TimberSyncRecord Record(std::int64_t sequence, const std::string& kind,
                              const google::protobuf::Message& step) const {
    v1::TimberSyncRecord record;
    record.set_sequence(sequence);
    record.set_kind(kind);
    std::string payload;
    (void)google::protobuf::util::MessageToJsonString(step, &payload);
    record.set_payload(payload);
    record.set_signature(key.Sign(SyncSigningInput(id, sequence, kind, payload)));
    return record;
  }
};

}  // namespace greenlane::timber::testing
