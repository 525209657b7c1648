#include "domain/validation.h"

#include <cmath>
#include <utility>

#include "domain/field_checks.h"
#include "domain/limits.h"
#include "domain/payload.h"

namespace greenlane::ingest {
namespace {

struct TextRule {
  const char* field;
  const std::string Reading::*member;
  std::size_t max_bytes;
  bool required;
};

constexpr TextRule kTextRules[] = {
    {"reading.device_serial", &Reading::device_serial, kMaxIdentifierBytes, true},
    {"reading.reading_number", &Reading::reading_number, kMaxIdentifierBytes, true},
    {"reading.operator_id", &Reading::operator_id, kMaxIdentifierBytes, false},
    {"reading.sample_label", &Reading::sample_label, kMaxLabelBytes, false},
    {"reading.consignment.declaration", &Reading::declaration, kMaxReferenceBytes, false},
    {"reading.consignment.container", &Reading::container, kMaxReferenceBytes, false},
    {"reading.consignment.item", &Reading::item, kMaxReferenceBytes, false},
    {"reading.source_file", &Reading::source_file, kMaxLabelBytes, false},
    {"reading.raw", &Reading::raw, kMaxRawBytes, false},
};

std::optional<std::string> LocationProblem(const std::optional<Location>& location) {
  if (!location) return std::nullopt;
  if (!std::isfinite(location->latitude) || std::abs(location->latitude) > 90) {
    return "latitude " + std::to_string(location->latitude) + " is outside -90..90";
  }
  if (!std::isfinite(location->longitude) || std::abs(location->longitude) > 180) {
    return "longitude " + std::to_string(location->longitude) + " is outside -180..180";
  }
  return std::nullopt;
}

std::string SequenceProblem(std::int64_t sequence, std::int64_t previous) {
  std::string problem = "is " + std::to_string(sequence);
  if (sequence <= 0) {
    problem += "; sequences start at 1";
  } else {
    problem += ", not above the previous " + std::to_string(previous) + " in this batch; sequences must increase";
  }
  return problem;
}

}  // namespace

std::optional<Rejection> ValidateReading(const SequencedReading& sequenced) {
  const Reading& reading = sequenced.reading;
  auto reject = [&](std::string field, std::string reason) {
    return Rejection{sequenced.sequence, std::move(field), std::move(reason)};
  };
  if (!IsKnownKind(reading.kind)) {
    std::string reason = "'";
    reason += reading.kind.substr(0, kMaxIdentifierBytes);
    reason += "' is not a reading kind; expected one of " + KnownKinds();
    return reject("reading.kind", std::move(reason));
  }
  for (const auto& rule : kTextRules) {
    if (auto problem = TextProblem(reading.*rule.member, rule.max_bytes, rule.required); !problem.empty()) {
      return reject(rule.field, std::move(problem));
    }
  }
  if (auto problem = TimeProblem(reading.captured_at); !problem.empty()) {
    return reject("reading.captured_at", std::move(problem));
  }
  if (reading.source_line < 0) {
    return reject("reading.source_line", "is " + std::to_string(reading.source_line) + "; it must not be negative");
  }
  if (auto problem = LocationProblem(reading.location)) return reject("reading.location", std::move(*problem));
  if (auto problem = PayloadProblem(reading.payload_json); !problem.empty()) {
    return reject("reading.payload_json", std::move(problem));
  }
  return std::nullopt;
}

ScreenedBatch ScreenBatch(std::vector<SequencedReading> batch) {
  ScreenedBatch screened;
  screened.valid.reserve(batch.size());
  std::int64_t previous = 0;
  for (auto& sequenced : batch) {
    if (sequenced.sequence <= previous) {
      screened.rejected.push_back({sequenced.sequence, "sequence", SequenceProblem(sequenced.sequence, previous)});
      continue;
    }
    previous = sequenced.sequence;
    screened.highest_sequence = sequenced.sequence;
    if (auto rejection = ValidateReading(sequenced)) {
      screened.rejected.push_back(std::move(*rejection));
    } else {
      screened.valid.push_back(std::move(sequenced));
    }
  }
  return screened;
}

}  // namespace greenlane::ingest
