#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::timber {

/// What a barcode is attached to. The kind is part of the code, so a log tag can never be accepted
/// where a tree tag or a waybill number is expected.
enum class BarcodeKind { kTree, kStump, kLog, kLot, kWaybill, kCertificate };

/// "tree", "stump", "log", "lot", "waybill", "certificate".
std::string_view KindName(BarcodeKind kind);

/// A typed, self-checking identifier printed on tags, waybills and certificates:
///
///     KK-CC-NNNNNNNNN-X     e.g. LG-GA-000012345-J
///
/// KK is the kind (TR tree, ST stump, LG log, LT lot, WB waybill, EC export certificate), CC the
/// ISO 3166-1 alpha-2 country that issued the tag, N a nine-digit serial, and X a check character
/// computed with the Luhn mod N algorithm (N = 36, alphabet 0-9A-Z) over "KKCCNNNNNNNNN". The
/// check catches every single mistyped character and most swaps of two neighbours, the errors of
/// someone copying a tag by hand at a roadside. Parsing accepts lower case and stores upper case.
class Barcode {
 public:
  /// Parses and verifies a barcode; errors name the field "barcode", the text and what is wrong.
  static core::Result<Barcode> Parse(std::string_view text);
  /// Builds the barcode of `kind` for a country and serial (0..999999999), with its check character.
  static core::Result<Barcode> Make(BarcodeKind kind, std::string_view country, std::int64_t serial);

  BarcodeKind kind() const { return kind_; }
  const std::string& text() const { return text_; }

  friend bool operator==(const Barcode& a, const Barcode& b) { return a.text_ == b.text_; }
  friend auto operator<=>(const Barcode& a, const Barcode& b) { return a.text_ <=> b.text_; }

 private:
  Barcode(BarcodeKind kind, std::string text) : kind_(kind), text_(std::move(text)) {}

  BarcodeKind kind_;
  std::string text_;
};

/// The Luhn mod 36 check character of `payload` (characters 0-9A-Z only).
char BarcodeCheckCharacter(std::string_view payload);

}  // namespace greenlane::timber
