#pragma once

#include <string_view>

#include "domain/barcode.h"
#include "domain/model.h"
#include "domain/outcome.h"

namespace greenlane::timber {

/// Rule "custody.transport": a log or lot may be put on a waybill only while it rests at the
/// waybill's origin. A piece on an open waybill must be delivered before it moves again (a second
/// waybill for the same wood is a double spend), and consumed or exported wood cannot travel.
/// This is the pure state check; the store makes it atomic under concurrent attempts.
RuleOutcome CheckLoadable(const Barcode& piece, const Custody& custody, std::string_view origin_site_id);

/// Rule "custody.export": a log or lot is exported at most once, and only after it was delivered
/// (it rests at a site).
RuleOutcome CheckExportable(const Barcode& piece, const Custody& custody);

}  // namespace greenlane::timber
