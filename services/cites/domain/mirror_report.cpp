#include "domain/mirror_report.h"

#include <array>
#include <map>
#include <tuple>

#include "domain/species.h"

namespace greenlane::cites {

namespace {
using MirrorKey = std::tuple<std::string, std::string, std::string, std::string>;

template <typename Pick>
std::vector<TradeQuantity> LineQuantities(const std::vector<PermitRecord>& records, Pick pick) {
  std::vector<TradeQuantity> quantities;
  for (const PermitRecord& record : records) {
    const std::vector<Quantity>* recorded = pick(record);
    if (recorded == nullptr) continue;
    for (std::size_t i = 0; i < record.permit.lines.size() && i < recorded->size(); ++i) {
      const PermitLine& line = record.permit.lines[i];
      quantities.push_back({record.permit.number, line.scientific_name, line.term, line.unit, (*recorded)[i]});
    }
  }
  return quantities;
}

void Accumulate(std::map<MirrorKey, MirrorLine>& lines, const std::vector<TradeQuantity>& side,
                std::optional<Quantity> MirrorLine::*total) {
  for (const TradeQuantity& entry : side) {
    const MirrorKey key{entry.permit_number, NormalizedName(entry.scientific_name), entry.term, entry.unit};
    auto [it, inserted] = lines.try_emplace(key);
    if (inserted) {
      it->second.permit_number = entry.permit_number;
      it->second.scientific_name = entry.scientific_name;
      it->second.term = entry.term;
      it->second.unit = entry.unit;
    }
    std::optional<Quantity>& sum = it->second.*total;
    sum = sum.value_or(Quantity{}) + entry.quantity;
  }
}
}  // namespace

std::vector<TradeQuantity> EndorsedQuantities(const std::vector<PermitRecord>& records) {
  return LineQuantities(records, [](const PermitRecord& record) -> const std::vector<Quantity>* {
    return record.endorsement ? &record.endorsement->quantities : nullptr;
  });
}

std::vector<TradeQuantity> ImportedQuantities(const std::vector<PermitRecord>& records) {
  return LineQuantities(records, [](const PermitRecord& record) -> const std::vector<Quantity>* {
    return record.import ? &record.import->quantities : nullptr;
  });
}

std::string_view ToString(MirrorStatus status) {
  constexpr std::array<std::string_view, 4> kNames{"match", "differs", "only-exporter", "only-importer"};
  return kNames[static_cast<std::size_t>(status)];
}

std::vector<MirrorLine> CompareMirror(const std::vector<TradeQuantity>& exported,
                                      const std::vector<TradeQuantity>& imported) {
  std::map<MirrorKey, MirrorLine> lines;
  Accumulate(lines, exported, &MirrorLine::exported);
  Accumulate(lines, imported, &MirrorLine::imported);
  std::vector<MirrorLine> report;
  for (auto& [key, line] : lines) {
    line.difference = line.exported.value_or(Quantity{}) - line.imported.value_or(Quantity{});
    if (!line.imported) {
      line.status = MirrorStatus::kOnlyExporter;
    } else if (!line.exported) {
      line.status = MirrorStatus::kOnlyImporter;
    } else {
      line.status = line.difference.IsZero() ? MirrorStatus::kMatch : MirrorStatus::kDiffers;
    }
    report.push_back(std::move(line));
  }
  return report;
}

}  // namespace greenlane::cites
