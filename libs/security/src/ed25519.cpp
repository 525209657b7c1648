#include "greenlane/security/ed25519.h"

#include <openssl/pem.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "greenlane/security/base64url.h"
#include "openssl_util.h"

namespace greenlane::security {
namespace {

constexpr std::size_t kRawKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* key) { return {key, EVP_PKEY_free}; }

core::Error KeyError(const std::string& what) {
  return core::Error::InvalidArgument("key", what + " (" + detail::DrainOpenSslErrors() + ")");
}

[[noreturn]] void ThrowInternal(const std::string& what) {
  throw core::GreenlaneException(core::Error::Internal(what + ": " + detail::DrainOpenSslErrors()));
}

detail::BioPtr MemoryBio(std::string_view text) {
  detail::BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) ThrowInternal("BIO_new_mem_buf failed");
  return bio;
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return {data, static_cast<std::size_t>(length)};
}

}  // namespace

Ed25519Key::Ed25519Key(std::shared_ptr<evp_pkey_st> key, bool has_private)
    : key_(std::move(key)), has_private_(has_private) {
  const nlohmann::json members = {{"crv", "Ed25519"}, {"kty", "OKP"}, {"x", Base64UrlEncode(PublicRaw())}};
  kid_ = Base64UrlEncode(detail::Sha256(members.dump()));  // dump() sorts keys, as RFC 7638 §3 requires
}

Ed25519Key Ed25519Key::Generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr) ThrowInternal("Ed25519 key generation failed");
  return Ed25519Key(Own(key), true);
}

core::Result<Ed25519Key> Ed25519Key::LoadPrivatePem(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::InvalidArgument("key", "cannot read private key file " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto key = FromPrivatePem(text.str());
  if (!key.ok()) return core::Error::InvalidArgument("key", path.string() + ": " + key.error().message);
  return key;
}

core::Result<Ed25519Key> Ed25519Key::FromPrivatePem(std::string_view pem) {
  auto bio = MemoryBio(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return KeyError("not a PEM private key");
  auto owned = Own(key);
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    return core::Error::InvalidArgument("key", std::string("private key is ") + OBJ_nid2sn(EVP_PKEY_get_id(key)) +
                                                   ", expected ED25519 (openssl genpkey -algorithm ed25519)");
  }
  return Ed25519Key(std::move(owned), true);
}

core::Result<Ed25519Key> Ed25519Key::FromPublicPem(std::string_view pem) {
  auto bio = MemoryBio(pem);
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return KeyError("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
  auto owned = Own(key);
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    return core::Error::InvalidArgument(
        "key", std::string("public key is ") + OBJ_nid2sn(EVP_PKEY_get_id(key)) + ", expected ED25519");
  }
  return Ed25519Key(std::move(owned), false);
}

core::Result<Ed25519Key> Ed25519Key::FromPublicJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return core::Error::InvalidArgument("jwk", "must be a JSON object");
  const auto member = [&](const char* name) -> std::string {
    const auto it = jwk.find(name);
    return it != jwk.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (member("kty") != "OKP") {
    return core::Error::InvalidArgument("jwk.kty", "must be \"OKP\", got " + jwk.value("kty", nlohmann::json()).dump());
  }
  if (member("crv") != "Ed25519") {
    return core::Error::InvalidArgument("jwk.crv",
                                        "must be \"Ed25519\", got " + jwk.value("crv", nlohmann::json()).dump());
  }
  if (jwk.contains("d")) return core::Error::InvalidArgument("jwk.d", "a public JWK must not carry the private key");
  const auto raw = Base64UrlDecode(member("x"));
  if (!raw || raw->size() != kRawKeyBytes) {
    return core::Error::InvalidArgument("jwk.x", "must be 32 bytes in unpadded base64url");
  }
  auto key = FromRawPublic(*raw);
  if (key.ok() && jwk.contains("kid") && jwk["kid"] != key->Kid()) {
    return core::Error::InvalidArgument(
        "jwk.kid", "is " + jwk["kid"].dump() + " but the RFC 7638 thumbprint of x is \"" + key->Kid() + "\"");
  }
  return key;
}

core::Result<Ed25519Key> Ed25519Key::FromRawPrivate(std::string_view seed) {
  if (seed.size() != kRawKeyBytes) {
    return core::Error::InvalidArgument("key",
                                        "Ed25519 private key must be 32 bytes, got " + std::to_string(seed.size()));
  }
  EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                               reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  if (key == nullptr) return KeyError("not an Ed25519 private key");
  return Ed25519Key(Own(key), true);
}

core::Result<Ed25519Key> Ed25519Key::FromRawPublic(std::string_view public_key) {
  if (public_key.size() != kRawKeyBytes) {
    return core::Error::InvalidArgument(
        "key", "Ed25519 public key must be 32 bytes, got " + std::to_string(public_key.size()));
  }
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(public_key.data()), public_key.size());
  if (key == nullptr) return KeyError("not an Ed25519 public key");
  return Ed25519Key(Own(key), false);
}

bool Ed25519Key::HasPrivate() const { return has_private_; }

std::string Ed25519Key::PublicRaw() const {
  std::string raw(kRawKeyBytes, '\0');
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key_.get(), reinterpret_cast<unsigned char*>(raw.data()), &length) != 1 ||
      length != kRawKeyBytes) {
    ThrowInternal("EVP_PKEY_get_raw_public_key failed");
  }
  return raw;
}

nlohmann::json Ed25519Key::PublicJwk() const {
  return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", Base64UrlEncode(PublicRaw())},
          {"kid", kid_},  {"alg", "EdDSA"},   {"use", "sig"}};
}

std::string Ed25519Key::PublicPem() const {
  detail::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) ThrowInternal("writing the public key PEM failed");
  return BioContents(bio.get());
}

std::string Ed25519Key::PrivatePem() const {
  if (!has_private_) throw std::logic_error("PrivatePem on a public-only Ed25519 key " + kid_);
  detail::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ThrowInternal("writing the private key PEM failed");
  }
  return BioContents(bio.get());
}

std::string Ed25519Key::Sign(std::string_view message) const {
  if (!has_private_) throw std::logic_error("Sign with a public-only Ed25519 key " + kid_);
  detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  std::string signature(kSignatureBytes, '\0');
  std::size_t length = signature.size();
  // Ed25519 hashes internally, so there is no digest to name and the one-shot call is the only one allowed.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      length != kSignatureBytes) {
    ThrowInternal("Ed25519 signing failed");
  }
  return signature;
}

bool Ed25519Key::Verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kSignatureBytes) return false;
  detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
    ThrowInternal("Ed25519 verification setup failed");
  }
  const bool valid =
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  if (!valid) ERR_clear_error();  // a bad signature is an answer, not an error to report later
  return valid;
}

}  // namespace greenlane::security
