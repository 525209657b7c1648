#include "domain/field_checks.h"

#include <array>
#include <chrono>

#include "greenlane/instruments/reading.h"

namespace greenlane::ingest {
namespace {

using instruments::ReadingKind;
constexpr std::array kKinds{ReadingKind::kXrf, ReadingKind::kRefrigerant, ReadingKind::kWoodImage, ReadingKind::kQpcr,
                            ReadingKind::kDart};

constexpr auto kEarliest = std::chrono::sys_days{std::chrono::year{2000} / 1 / 1};
constexpr auto kLatest = std::chrono::sys_days{std::chrono::year{2100} / 1 / 1};

}  // namespace

std::string TextProblem(std::string_view value, std::size_t max_bytes, bool required) {
  if (required && value.empty()) return "is required";
  if (value.size() > max_bytes) {
    return "is " + std::to_string(value.size()) + " bytes; at most " + std::to_string(max_bytes) + " are allowed";
  }
  if (value.find('\0') != std::string_view::npos) return "contains a NUL byte";
  return {};
}

std::string TimeProblem(core::TimePoint time) {
  if (time < kEarliest || time >= kLatest) {
    return "is " + core::FormatRfc3339(time) +
           "; it must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z (missing, or the device clock "
           "is not set)";
  }
  return {};
}

bool IsKnownKind(std::string_view kind) {
  for (const auto known : kKinds) {
    if (instruments::KindName(known) == kind) return true;
  }
  return false;
}

std::string KnownKinds() {
  std::string out;
  for (const auto known : kKinds) out += (out.empty() ? "" : ", ") + std::string(instruments::KindName(known));
  return out;
}

}  // namespace greenlane::ingest
