#include "store/codes.h"

#include <array>
#include <utility>

namespace greenlane::timber::store {
namespace {

template <typename Enum, std::size_t N>
using CodeTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr CodeTable<PieceState, 7> kPieceStates = {{
    {PieceState::kStanding, "standing"},
    {PieceState::kFelled, "felled"},
    {PieceState::kAtSite, "at_site"},
    {PieceState::kInTransit, "in_transit"},
    {PieceState::kCrossCut, "cross_cut"},
    {PieceState::kProcessed, "processed"},
    {PieceState::kExported, "exported"},
}};

constexpr CodeTable<SiteKind, 4> kSiteKinds = {{
    {SiteKind::kForest, "forest"},
    {SiteKind::kLogYard, "log_yard"},
    {SiteKind::kSawmill, "sawmill"},
    {SiteKind::kPort, "port"},
}};

constexpr CodeTable<WaybillState, 4> kWaybillStates = {{
    {WaybillState::kIssued, "issued"},
    {WaybillState::kInTransit, "in_transit"},
    {WaybillState::kDelivered, "delivered"},
    {WaybillState::kCancelled, "cancelled"},
}};

constexpr CodeTable<CertificateState, 2> kCertificateStates = {{
    {CertificateState::kIssued, "issued"},
    {CertificateState::kShipped, "shipped"},
}};

template <typename Enum, std::size_t N>
std::string_view CodeOf(const CodeTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, code] : table) {
    if (candidate == value) return code;
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> EnumOf(const CodeTable<Enum, N>& table, std::string_view code) {
  for (const auto& [value, candidate] : table) {
    if (candidate == code) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view PieceStateCode(PieceState state) { return CodeOf(kPieceStates, state); }
std::optional<PieceState> ParsePieceStateCode(std::string_view code) { return EnumOf(kPieceStates, code); }

std::string_view SiteKindCode(SiteKind kind) { return CodeOf(kSiteKinds, kind); }
std::optional<SiteKind> ParseSiteKindCode(std::string_view code) { return EnumOf(kSiteKinds, code); }

std::string_view WaybillStateCode(WaybillState state) { return CodeOf(kWaybillStates, state); }
std::optional<WaybillState> ParseWaybillStateCode(std::string_view code) { return EnumOf(kWaybillStates, code); }

std::string_view CertificateStateCode(CertificateState state) { return CodeOf(kCertificateStates, state); }
std::optional<CertificateState> ParseCertificateStateCode(std::string_view code) {
  return EnumOf(kCertificateStates, code);
}

std::string_view PieceKindCode(BarcodeKind kind) { return KindName(kind); }

}  // namespace greenlane::timber::store
