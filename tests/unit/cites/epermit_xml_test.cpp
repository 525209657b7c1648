#include "formats/epermit_xml.h"

#include <catch2/catch.hpp>

#include "domain/permit_json.h"
#include "fixtures.h"

using namespace greenlane::cites;
using namespace greenlane::cites::testing;
using Catch::Matchers::Contains;

namespace {

bool HasProblem(const Problems& problems, const std::string& field, const std::string& rule) {
  for (const auto& problem : problems) {
    if (problem.field == field && problem.rule == rule) return true;
  }
  return false;
}

std::string Describe(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) out += problem.field + " " + problem.rule + ": " + problem.message + "\n";
  return out;
}

Permit ReExport() {
  Permit permit = MahoganyExport();
  permit.type = DocumentType::kReExport;
  permit.number = "DE-RE-2025-000004";
  permit.special_conditions = "Only for <exhibition> & fair";
  permit.lines[0].origin_country = "BR";
  permit.lines[0].origin_permit = "BR-EX-2024-000777";
  permit.lines[0].export_permit = "BR-EX-2024-000777";
  PermitLine second = permit.lines[0];
  second.scientific_name = "Dalbergia nigra";
  second.quantity = Q("0.125");
  permit.lines.push_back(second);
  return permit;
}

// A partner's document written by hand: prefixes, odd spacing, lower-case codes, date-times, a
// decimal comma, an element we do not know, and a count without a unit.
constexpr const char* kPartnerDocument = R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CITESEPermit xmlns:rsm="urn:un:unece:uncefact:data:standard:CITESEPermit:2"
                  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
  <rsm:HeaderExchangedDocument>
    <ram:ID>  PE-EX-2026-000010 </ram:ID>
    <ram:TypeCode>Export</ram:TypeCode>
    <ram:IssueDateTime>2026-11-02T10:30:00-05:00</ram:IssueDateTime>
    <ram:PurposeCode>s</ram:PurposeCode>
    <ram:EffectiveSpecifiedPeriod>
      <ram:StartDateTime>20261102</ram:StartDateTime>
      <ram:EndDateTime>2027-05-01</ram:EndDateTime>
    </ram:EffectiveSpecifiedPeriod>
    <ram:FirstSignatoryDocumentAuthentication>
      <ram:ID>PE0001</ram:ID>
      <ram:ProviderTradeParty><ram:Name>SERFOR</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>pe</ram:CountryID></ram:PostalTradeAddress></ram:ProviderTradeParty>
    </ram:FirstSignatoryDocumentAuthentication>
    <ram:Remarks>ignored</ram:Remarks>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainConsignment>
    <ram:ConsignorTradeParty><ram:Name>Museo</ram:Name><ram:PostalTradeAddress><ram:CountryID>PE</ram:CountryID></ram:PostalTradeAddress></ram:ConsignorTradeParty>
    <ram:ConsigneeTradeParty><ram:Name>Museum</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress></ram:ConsigneeTradeParty>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:TypeCode>i</ram:TypeCode><ram:TypeExtensionCode>w</ram:TypeExtensionCode>
      <ram:SpecifiedTradeProduct><ram:ScientificName>Leopardus pardalis</ram:ScientificName><ram:TypeCode>spe</ram:TypeCode></ram:SpecifiedTradeProduct>
      <ram:TransportLogisticsPackage><ram:ItemQuantity>3</ram:ItemQuantity></ram:TransportLogisticsPackage>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:TypeCode>II</ram:TypeCode><ram:TypeExtensionCode>W</ram:TypeExtensionCode>
      <ram:SpecifiedTradeProduct><ram:ScientificName>Swietenia macrophylla</ram:ScientificName><ram:TypeCode>SAW</ram:TypeCode></ram:SpecifiedTradeProduct>
      <ram:TransportLogisticsPackage><ram:ItemQuantity unitCode="mtq">2,75</ram:ItemQuantity></ram:TransportLogisticsPackage>
    </ram:IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainConsignment>
</rsm:CITESEPermit>)";

}  // namespace

TEST_CASE("permits survive the trip to e-permit XML and back, box for box") {
  for (const Permit& permit : {MahoganyExport(), OcelotExport(), OcelotImportPermit(), ReExport()}) {
    INFO(permit.number);
    const std::string xml = EPermitToXml(permit);
    CHECK_THAT(xml, Contains("urn:un:unece:uncefact:data:standard:CITESEPermit:2"));
    const auto reading = ParseEPermitXml(xml);
    INFO(Describe(reading.problems));
    REQUIRE(reading.ok());
    CHECK(PermitToJson(reading.permit) == PermitToJson(permit));
  }
  CHECK_THAT(EPermitToXml(ReExport()), Contains("&lt;exhibition&gt; &amp; fair"));
}

TEST_CASE("partners' imperfect e-permits are read leniently") {
  const auto reading = ParseEPermitXml(kPartnerDocument);
  INFO(Describe(reading.problems));
  REQUIRE(reading.ok());
  const Permit& permit = reading.permit;
  CHECK(permit.number == "PE-EX-2026-000010");
  CHECK(permit.type == DocumentType::kExport);
  CHECK(FormatDate(permit.issued) == "2026-11-02");
  CHECK(FormatDate(permit.valid_from) == "2026-11-02");
  CHECK(permit.purpose == "S");
  CHECK(permit.issuer.country == "PE");
  CHECK(permit.importer.country == "DE");
  CHECK(permit.exporter.name == "Museo");
  REQUIRE(permit.lines.size() == 2);
  CHECK(permit.lines[0].appendix == "I");
  CHECK(permit.lines[0].term == "SPE");
  CHECK(permit.lines[0].unit == "NAR");
  CHECK(permit.lines[1].unit == "MTQ");
  CHECK(permit.lines[1].quantity.ToString() == "2.75");
}

TEST_CASE("an incomplete e-permit reports every missing box at once, each with its field") {
  const auto reading = ParseEPermitXml(R"(<CITESEPermit xmlns="urn:un:unece:uncefact:data:standard:CITESEPermit:2">
      <HeaderExchangedDocument><TypeCode>licence</TypeCode><IssueDateTime>22/11/2026</IssueDateTime></HeaderExchangedDocument>
      <SpecifiedSupplyChainConsignment>
        <IncludedSupplyChainTradeLineItem><TransportLogisticsPackage><ItemQuantity>a dozen</ItemQuantity></TransportLogisticsPackage></IncludedSupplyChainTradeLineItem>
      </SpecifiedSupplyChainConsignment></CITESEPermit>)");
  INFO(Describe(reading.problems));
  CHECK_FALSE(reading.ok());
  CHECK(HasProblem(reading.problems, "number", "xml.required"));
  CHECK(HasProblem(reading.problems, "type", "xml.type"));
  CHECK(HasProblem(reading.problems, "issued", "xml.date"));
  CHECK(HasProblem(reading.problems, "valid_from", "xml.required"));
  CHECK(HasProblem(reading.problems, "purpose", "xml.required"));
  CHECK(HasProblem(reading.problems, "issuer.country", "xml.required"));
  CHECK(HasProblem(reading.problems, "importer.country", "xml.required"));
  CHECK(HasProblem(reading.problems, "exporter.country", "xml.required"));
  CHECK(HasProblem(reading.problems, "lines[0].scientific_name", "xml.required"));
  CHECK(HasProblem(reading.problems, "lines[0].quantity", "xml.quantity"));

  const auto no_lines = ParseEPermitXml(EPermitToXml([] {
    Permit permit = MahoganyExport();
    permit.lines.clear();
    return permit;
  }()));
  CHECK(HasProblem(no_lines.problems, "lines", "xml.required"));
}

TEST_CASE("malformed, foreign and hostile XML is refused naming the rule") {
  const auto truncated = ParseEPermitXml(EPermitToXml(MahoganyExport()).substr(0, 300));
  REQUIRE(truncated.problems.size() == 1);
  CHECK(truncated.problems[0].rule == "xml.malformed");
  CHECK_THAT(truncated.problems[0].message, Contains("line"));
  CHECK(ParseEPermitXml("").problems.at(0).rule == "xml.malformed");
  CHECK(ParseEPermitXml("{\"permit\": 1}").problems.at(0).rule == "xml.malformed");
  CHECK(ParseEPermitXml("<Invoice xmlns=\"urn:x\"/>").problems.at(0).rule == "xml.root");

  std::string wrong_namespace = EPermitToXml(MahoganyExport());
  wrong_namespace.replace(wrong_namespace.find("CITESEPermit:2"), 14, "CITESEPermit:1");
  const auto v1 = ParseEPermitXml(wrong_namespace);
  CHECK(HasProblem(v1.problems, "document", "xml.namespace"));

  // Entity expansion (billion laughs) and external entities never get a chance.
  const auto laughs = ParseEPermitXml(
      "<?xml version=\"1.0\"?><!DOCTYPE CITESEPermit [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><CITESEPermit>&b;&x;</CITESEPermit>");
  REQUIRE_FALSE(laughs.ok());
  CHECK((laughs.problems[0].rule == "xml.doctype" || laughs.problems[0].rule == "xml.malformed"));

  const auto huge = ParseEPermitXml(std::string(kMaxEPermitBytes + 1, ' '));
  REQUIRE(huge.problems.size() == 1);
  CHECK(huge.problems[0].rule == "xml.size");
}
