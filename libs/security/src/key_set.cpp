#include "greenlane/security/key_set.h"

#include <algorithm>

namespace greenlane::security {

void KeySet::Add(Ed25519Key key) {
  const auto same = std::find_if(keys_.begin(), keys_.end(), [&](const Ed25519Key& k) { return k.Kid() == key.Kid(); });
  if (same != keys_.end()) {
    *same = std::move(key);
  } else {
    keys_.push_back(std::move(key));
  }
}

const Ed25519Key* KeySet::Find(std::string_view kid) const {
  // A verifier trusts a handful of keys (current and the one being rotated out), so a scan beats a map.
  const auto it = std::find_if(keys_.begin(), keys_.end(), [&](const Ed25519Key& k) { return k.Kid() == kid; });
  return it == keys_.end() ? nullptr : &*it;
}

nlohmann::json KeySet::Jwks() const {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& key : keys_) keys.push_back(key.PublicJwk());
  return {{"keys", std::move(keys)}};
}

}  // namespace greenlane::security
