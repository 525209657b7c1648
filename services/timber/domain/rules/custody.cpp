#include "domain/rules/custody.h"

#include <string>

namespace greenlane::timber {
namespace {

std::string DocumentText(const Custody& custody) { return custody.document ? custody.document->text() : "unknown"; }

// Why a piece that does not rest at a site cannot take part in a new step, and what to do.
std::string Blocked(const Barcode& piece, const Custody& custody) {
  const auto& who = piece.text();
  switch (custody.state) {
    case PieceState::kInTransit:
      return who + " is still on open waybill " + DocumentText(custody) + "; deliver that waybill first";
    case PieceState::kExported:
      return who + " was already exported under certificate " + DocumentText(custody) +
             "; a piece leaves the country once";
    case PieceState::kCrossCut:
    case PieceState::kProcessed:
      return who + " no longer exists as such (" + std::string(PieceStateName(custody.state)) +
             "); use the logs or lots made from it";
    default:
      return who + " is " + std::string(PieceStateName(custody.state)) + ", not a log or lot resting at a site";
  }
}

}  // namespace

RuleOutcome CheckLoadable(const Barcode& piece, const Custody& custody, std::string_view origin_site_id) {
  constexpr std::string_view kRule = "custody.transport";
  const auto state = std::string(PieceStateName(custody.state));
  if (custody.state != PieceState::kAtSite) {
    return Reject(kRule, piece.text(), state, "at site", Blocked(piece, custody));
  }
  if (custody.site_id != origin_site_id) {
    return Reject(kRule, piece.text(), "at site " + custody.site_id, "at site " + std::string(origin_site_id),
                  piece.text() + " rests at site " + custody.site_id + ", not at the waybill's origin " +
                      std::string(origin_site_id) + "; issue the waybill from where the wood is");
  }
  return Pass(kRule, piece.text(), state, "at site");
}

RuleOutcome CheckExportable(const Barcode& piece, const Custody& custody) {
  constexpr std::string_view kRule = "custody.export";
  const auto state = std::string(PieceStateName(custody.state));
  if (custody.state != PieceState::kAtSite) {
    return Reject(kRule, piece.text(), state, "at site", Blocked(piece, custody));
  }
  return Pass(kRule, piece.text(), state, "at site");
}

}  // namespace greenlane::timber
