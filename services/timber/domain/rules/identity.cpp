#include "domain/rules/identity.h"

#include <array>
#include <string>

namespace greenlane::timber {
namespace {

constexpr std::string_view kBarcodeRule = "barcode.new";
constexpr std::string_view kParentRule = "lineage.parent";

// Which parent may bear which child, and in what state the parent must be at that moment.
struct Descent {
  BarcodeKind child;
  BarcodeKind parent;
  PieceState required;
};
constexpr std::array<Descent, 4> kDescents = {{
    {BarcodeKind::kStump, BarcodeKind::kTree, PieceState::kStanding},
    {BarcodeKind::kLog, BarcodeKind::kTree, PieceState::kFelled},
    {BarcodeKind::kLog, BarcodeKind::kLog, PieceState::kAtSite},
    {BarcodeKind::kLot, BarcodeKind::kLog, PieceState::kAtSite},
}};

}  // namespace

RuleOutcome CheckNewBarcode(std::string_view text, BarcodeKind expected, bool already_registered) {
  const std::string subject(text);
  auto barcode = Barcode::Parse(text);
  if (!barcode.ok()) return Reject(kBarcodeRule, subject, subject, "a valid barcode", barcode.error().message);
  if (barcode->kind() != expected) {
    return Reject(kBarcodeRule, subject, std::string(KindName(barcode->kind())), std::string(KindName(expected)),
                  "barcode " + subject + " is a " + std::string(KindName(barcode->kind())) + " tag where a " +
                      std::string(KindName(expected)) + " tag is needed; attach a " + std::string(KindName(expected)) +
                      " tag");
  }
  if (already_registered) {
    return Reject(kBarcodeRule, subject, "already registered", "unused",
                  "barcode " + subject + " is already registered; every tag is used once: attach a fresh " +
                      std::string(KindName(expected)) + " tag, and report the duplicate tag to the forestry office");
  }
  return Pass(kBarcodeRule, subject);
}

RuleOutcome CheckParent(BarcodeKind child, const Barcode& parent, std::optional<PieceState> parent_state) {
  const auto& subject = parent.text();
  const Descent* descent = nullptr;
  for (const auto& entry : kDescents) {
    if (entry.child == child && entry.parent == parent.kind()) descent = &entry;
  }
  if (descent == nullptr) {
    return Reject(kParentRule, subject, std::string(KindName(parent.kind())), "a valid parent kind",
                  "a " + std::string(KindName(child)) + " cannot come from a " + std::string(KindName(parent.kind())) +
                      " (" + subject + "); name its real parent");
  }
  if (!parent_state) {
    return Reject(kParentRule, subject, "not registered", "registered",
                  "parent " + subject + " is not registered; record the " + std::string(KindName(parent.kind())) +
                      " first (an unknown parent is how undeclared wood enters the chain)");
  }
  if (*parent_state != descent->required) {
    return Reject(kParentRule, subject, std::string(PieceStateName(*parent_state)),
                  std::string(PieceStateName(descent->required)),
                  "parent " + subject + " is " + std::string(PieceStateName(*parent_state)) + ", but a " +
                      std::string(KindName(child)) + " can only come from a " + std::string(KindName(parent.kind())) +
                      " that is " + std::string(PieceStateName(descent->required)));
  }
  return Pass(kParentRule, subject, std::string(PieceStateName(*parent_state)),
              std::string(PieceStateName(descent->required)));
}

}  // namespace greenlane::timber
