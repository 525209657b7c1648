#pragma once

#include <string>
#include <string_view>

#include "domain/permit.h"
#include "domain/problem.h"

namespace greenlane::cites {

/// The UN/CEFACT CITES e-permit v2 namespace (/work/shared/reference/cites.md, "box -> element").
inline constexpr std::string_view kEPermitNamespace = "urn:un:unece:uncefact:data:standard:CITESEPermit:2";

/// Largest e-permit document read, in bytes: a permit has a few dozen lines at most.
inline constexpr std::size_t kMaxEPermitBytes = 1 << 20;

/// A permit as UN/CEFACT e-permit XML (UTF-8, elements in the e-permit namespace), for partners
/// whose systems speak the standard rather than our JSON.
std::string EPermitToXml(const Permit& permit);

/// What ParseEPermitXml made of a document: the permit as far as it could be read, and every
/// problem found (empty when the document is a complete e-permit).
struct EPermitReading {
  Permit permit;
  Problems problems;
  bool ok() const { return problems.empty(); }
};

/// Reads e-permit XML leniently — any namespace prefix on child elements, elements in any order,
/// unknown elements ignored, surrounding whitespace trimmed, codes upper-cased, date-times cut to
/// their date — and validates strictly: a malformed document, a wrong root or namespace, a missing
/// box, a date or quantity that does not parse each give a Problem with the box's field path
/// (rules xml.size, xml.malformed, xml.doctype, xml.root, xml.namespace, xml.required, xml.type,
/// xml.date, xml.quantity). A quantity without unitCode counts specimens (NAR), as the trade
/// database writes it. Never reads the network; a DOCTYPE (and so any entity) is refused. The Convention's rules are
/// Validate's job once the document reads cleanly.
EPermitReading ParseEPermitXml(std::string_view xml);

}  // namespace greenlane::cites
