#include "domain/lifecycle.h"

#include <array>
#include <string>

namespace greenlane::timber {
namespace {

template <typename State, typename Event>
struct Transition {
  State from;
  Event event;
  State to;
};

constexpr std::array<Transition<WaybillState, WaybillEvent>, 3> kWaybillTransitions = {{
    {WaybillState::kIssued, WaybillEvent::kDepart, WaybillState::kInTransit},
    {WaybillState::kInTransit, WaybillEvent::kDeliver, WaybillState::kDelivered},
    {WaybillState::kIssued, WaybillEvent::kCancel, WaybillState::kCancelled},
}};

constexpr std::array<Transition<CertificateState, CertificateEvent>, 1> kCertificateTransitions = {{
    {CertificateState::kIssued, CertificateEvent::kShip, CertificateState::kShipped},
}};

std::string_view WaybillEventName(WaybillEvent event) {
  switch (event) {
    case WaybillEvent::kDepart:
      return "depart";
    case WaybillEvent::kDeliver:
      return "deliver";
    case WaybillEvent::kCancel:
      return "cancel";
  }
  return "unknown";
}

template <typename State, typename Event, std::size_t N, typename StateName>
core::Result<State> Next(const std::array<Transition<State, Event>, N>& table, State from, Event event,
                         std::string_view document, std::string_view event_name, StateName state_name,
                         std::string_view allowed) {
  for (const auto& transition : table) {
    if (transition.from == from && transition.event == event) return transition.to;
  }
  return core::Error::FailedPrecondition("a " + std::string(document) + " that is " + std::string(state_name(from)) +
                                         " cannot " + std::string(event_name) + "; the allowed steps are " +
                                         std::string(allowed));
}

}  // namespace

std::string_view WaybillStateName(WaybillState state) {
  switch (state) {
    case WaybillState::kIssued:
      return "issued";
    case WaybillState::kInTransit:
      return "in transit";
    case WaybillState::kDelivered:
      return "delivered";
    case WaybillState::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

std::string_view CertificateStateName(CertificateState state) {
  switch (state) {
    case CertificateState::kIssued:
      return "issued";
    case CertificateState::kShipped:
      return "shipped";
  }
  return "unknown";
}

core::Result<WaybillState> NextWaybillState(WaybillState from, WaybillEvent event) {
  return Next(kWaybillTransitions, from, event, "waybill", WaybillEventName(event), WaybillStateName,
              "issued -> in transit -> delivered, or issued -> cancelled; a new trip needs a new waybill");
}

core::Result<CertificateState> NextCertificateState(CertificateState from, CertificateEvent event) {
  return Next(kCertificateTransitions, from, event, "certificate", "ship", CertificateStateName,
              "issued -> shipped, once");
}

}  // namespace greenlane::timber
