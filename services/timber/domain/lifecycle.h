#pragma once

#include <string_view>

#include "domain/model.h"
#include "greenlane/core/error.h"

namespace greenlane::timber {

enum class WaybillEvent { kDepart, kDeliver, kCancel };
enum class CertificateEvent { kShip };

std::string_view WaybillStateName(WaybillState state);
std::string_view CertificateStateName(CertificateState state);

/// The waybill's next state: issued → in transit → delivered, or issued → cancelled. A delivered
/// waybill never departs again (one permit, one trip: reusing it for a second load is the classic
/// fraud) and a truck already on the road cannot be cancelled, it must arrive. Anything else is a
/// FailedPrecondition naming both states.
core::Result<WaybillState> NextWaybillState(WaybillState from, WaybillEvent event);

/// The certificate's next state: issued → shipped, once.
core::Result<CertificateState> NextCertificateState(CertificateState from, CertificateEvent event);

}  // namespace greenlane::timber
