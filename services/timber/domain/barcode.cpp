#include "domain/barcode.h"

#include <array>
#include <cctype>

namespace greenlane::timber {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kRadix = 36;
constexpr std::size_t kSerialDigits = 9;
constexpr std::int64_t kSerialLimit = 1'000'000'000;
// "KK-CC-NNNNNNNNN-X"
constexpr std::size_t kLength = 2 + 1 + 2 + 1 + kSerialDigits + 1 + 1;

struct KindCode {
  BarcodeKind kind;
  std::string_view code;
  std::string_view name;
};
constexpr std::array<KindCode, 6> kKinds = {{
    {BarcodeKind::kTree, "TR", "tree"},
    {BarcodeKind::kStump, "ST", "stump"},
    {BarcodeKind::kLog, "LG", "log"},
    {BarcodeKind::kLot, "LT", "lot"},
    {BarcodeKind::kWaybill, "WB", "waybill"},
    {BarcodeKind::kCertificate, "EC", "certificate"},
}};

const KindCode& CodeOf(BarcodeKind kind) {
  for (const auto& entry : kKinds) {
    if (entry.kind == kind) return entry;
  }
  return kKinds[0];
}

bool IsUpperLetters(std::string_view text) {
  for (char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

core::Error Malformed(std::string_view text, std::string_view why) {
  return core::Error::InvalidArgument("barcode", "barcode '" + std::string(text) + "' " + std::string(why) +
                                                     "; expected KK-CC-NNNNNNNNN-X, e.g. LG-GA-000012345-J");
}

}  // namespace

std::string_view KindName(BarcodeKind kind) { return CodeOf(kind).name; }

char BarcodeCheckCharacter(std::string_view payload) {
  int factor = 2;
  int sum = 0;
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    const int code_point = static_cast<int>(kAlphabet.find(*it));
    int addend = factor * code_point;
    factor = factor == 2 ? 1 : 2;
    sum += addend / kRadix + addend % kRadix;
  }
  return kAlphabet[static_cast<std::size_t>((kRadix - sum % kRadix) % kRadix)];
}

core::Result<Barcode> Barcode::Parse(std::string_view text) {
  std::string upper(text);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.size() != kLength || upper[2] != '-' || upper[5] != '-' || upper[6 + kSerialDigits] != '-') {
    return Malformed(text, "is not laid out as four dash-separated parts");
  }
  const auto kind_code = std::string_view(upper).substr(0, 2);
  const KindCode* kind = nullptr;
  for (const auto& entry : kKinds) {
    if (entry.code == kind_code) kind = &entry;
  }
  if (kind == nullptr) return Malformed(text, "has unknown kind '" + std::string(kind_code) + "' (TR ST LG LT WB EC)");
  const auto country = std::string_view(upper).substr(3, 2);
  if (!IsUpperLetters(country)) return Malformed(text, "has country '" + std::string(country) + "', not two letters");
  const auto serial = std::string_view(upper).substr(6, kSerialDigits);
  for (char c : serial) {
    if (c < '0' || c > '9') return Malformed(text, "has serial '" + std::string(serial) + "', not nine digits");
  }
  const char expected = BarcodeCheckCharacter(std::string(kind_code) + std::string(country) + std::string(serial));
  if (upper.back() != expected) {
    return core::Error::InvalidArgument("barcode", "barcode '" + std::string(text) +
                                                       "' fails its check character; a character was mistyped or "
                                                       "two were swapped: read the tag again");
  }
  return Barcode(kind->kind, std::move(upper));
}

core::Result<Barcode> Barcode::Make(BarcodeKind kind, std::string_view country, std::int64_t serial) {
  if (country.size() != 2 || !IsUpperLetters(country)) {
    return core::Error::InvalidArgument(
        "country", "country '" + std::string(country) + "' is not an ISO 3166-1 alpha-2 code in capitals");
  }
  if (serial < 0 || serial >= kSerialLimit) {
    return core::Error::InvalidArgument("serial", "serial " + std::to_string(serial) + " is outside 0..999999999");
  }
  auto digits = std::to_string(serial);
  digits.insert(0, kSerialDigits - digits.size(), '0');
  const auto payload = std::string(CodeOf(kind).code) + std::string(country) + digits;
  const char check = BarcodeCheckCharacter(payload);
  return Barcode(kind, std::string(CodeOf(kind).code) + "-" + std::string(country) + "-" + digits + "-" + check);
}

}  // namespace greenlane::timber
