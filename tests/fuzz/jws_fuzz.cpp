// Feeds arbitrary bytes to the JWS and JWT verifiers: tokens arrive from anyone (Authorization
// headers, QR codes scanned by the public), so no input may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "greenlane/core/clock.h"
#include "greenlane/security/base64url.h"
#include "greenlane/security/jws.h"
#include "greenlane/security/jwt.h"

namespace {

using namespace greenlane::security;

// The RFC 8037 key, fixed so that kid "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" in an input reaches
// the signature check, and a seed corpus of real tokens stays valid across runs.
const KeySet& Keys() {
  static const KeySet keys = [] {
    KeySet set;
    set.Add(Ed25519Key::FromRawPublic(*Base64UrlDecode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")).value());
    return set;
  }();
  return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)Base64UrlDecode(input);
  (void)VerifyJws(Keys(), input);
  (void)VerifyJwt(Keys(), input, greenlane::core::SystemClock::Instance(), "issuer", "audience");
  return 0;
}
