#include "greenlane/instruments/container.h"

#include <cctype>

#include "text.h"

namespace greenlane::instruments {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
using text::EqualsIgnoreCase;
using text::Upper;

// ISO 6346 letter values run from A = 10 upwards, skipping every multiple of 11.
int LetterValue(char letter) {
  int value = 10;
  for (char c = 'A'; c < letter; ++c) {
    ++value;
    if (value % 11 == 0) ++value;
  }
  return value;
}

// Owner code (3 letters), category (U, J or Z) and 6-digit serial: the part the check digit covers.
bool HasCheckedPartShape(std::string_view number) {
  if (number.size() < 10) return false;
  for (int i = 0; i < 4; ++i) {
    if (!std::isalpha(static_cast<unsigned char>(number[i]))) return false;
  }
  const char category = Upper(number[3]);
  if (category != 'U' && category != 'J' && category != 'Z') return false;
  for (std::size_t i = 4; i < 10; ++i) {
    if (!IsDigit(number[i])) return false;
  }
  return true;
}

bool HasContainerShape(std::string_view token) {
  return token.size() == 11 && HasCheckedPartShape(token) && IsDigit(token[10]);
}

// The alphanumeric token starting at or after `from`, and where it ends.
std::string_view NextToken(std::string_view text, std::size_t& from) {
  while (from < text.size() && !IsAlnum(text[from])) ++from;
  const std::size_t start = from;
  while (from < text.size() && IsAlnum(text[from])) ++from;
  return text.substr(start, from - start);
}

}  // namespace

std::optional<int> ContainerCheckDigit(std::string_view number) {
  if (!HasCheckedPartShape(number)) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 10; ++i) {
    const int value = i < 4 ? LetterValue(Upper(number[i])) : number[i] - '0';
    sum += value << i;
  }
  return sum % 11 % 10;
}

bool IsValidContainerNumber(std::string_view number) {
  if (!HasContainerShape(number)) return false;
  return ContainerCheckDigit(number) == number[10] - '0';
}

std::optional<ConsignmentRef> ExtractConsignment(std::string_view label) {
  std::size_t pos = 0;
  while (pos < label.size()) {
    const std::string_view token = NextToken(label, pos);
    if (!HasContainerShape(token)) continue;
    ConsignmentRef ref;
    for (const char c : token) ref.container.push_back(Upper(c));
    ref.check_digit_valid = IsValidContainerNumber(ref.container);
    if (pos < label.size() && label[pos] == '-') {
      ref.item = NextToken(label, pos);
      return ref;
    }
    while (pos < label.size()) {
      const std::string_view word = NextToken(label, pos);
      if (EqualsIgnoreCase(word, "item")) {
        ref.item = NextToken(label, pos);
        break;
      }
    }
    return ref;
  }
  return std::nullopt;
}

}  // namespace greenlane::instruments
