#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace greenlane::instruments {

/// The consignment a sample was taken from, as an officer wrote it in the sample label
/// ("CNT-MSKU4421907 item 3 ABS housing", "CNT-TGHU7781234-B12").
struct ConsignmentRef {
  std::string container;  ///< ISO 6346 number, upper case, e.g. "MSKU4421907"
  std::string item;       ///< "3" or "B12"; empty when the label names no item
  /// False when the 11th digit does not match the ISO 6346 check digit: the reading is still linked
  /// (a typo in a label must not lose a sample) but ingest can flag it for an officer to confirm.
  bool check_digit_valid = false;

  friend bool operator==(const ConsignmentRef&, const ConsignmentRef&) = default;
};

/// The ISO 6346 check digit of the first ten characters (owner code, category, serial), or nullopt
/// when they are not 3 letters, U/J/Z and 6 digits.
std::optional<int> ContainerCheckDigit(std::string_view number);

/// True when `number` is 11 characters whose last digit is the check digit of the first ten.
bool IsValidContainerNumber(std::string_view number);

/// Finds the first token shaped like a container number (4 letters ending in U, J or Z, then 7
/// digits) and the item after it: the word following "item", or the token after a '-' that
/// directly follows the number. Nullopt when the label names no container.
std::optional<ConsignmentRef> ExtractConsignment(std::string_view label);

}  // namespace greenlane::instruments
