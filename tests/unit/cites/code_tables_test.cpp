#include "domain/code_tables.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using greenlane::cites::testing::Codes;
using nlohmann::json;

namespace {
json MinimalTables() {
  return json::parse(R"({
    "purposes": [{"code": "T", "meaning": "commercial", "commercial": true}],
    "sources": [{"code": "W", "meaning": "wild", "kingdoms": ["Animalia", "Plantae"]}],
    "units": [{"code": "KGM", "meaning": "kilogram", "report_code": "kg"}],
    "terms": [{"code": "MEA", "meaning": "meat", "units": ["KGM"]}],
    "documents": [
      {"type": "export", "name": "export permit", "validity_months": 6, "appendices": ["I", "II", "III"]},
      {"type": "re-export", "name": "re-export certificate", "validity_months": 6, "appendices": ["I", "II", "III"]},
      {"type": "import", "name": "import permit", "validity_months": 12, "appendices": ["I"]},
      {"type": "origin", "name": "certificate of origin", "validity_months": 12, "appendices": ["III"]}
    ]})");
}

std::string LoadError(const json& document) {
  auto loaded = CodeTables::FromJson(document);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().kind == greenlane::core::ErrorKind::kInvalidArgument);
  return loaded.error().field;
}
}  // namespace

TEST_CASE("the project's code tables hold the Res. Conf. 12.3 codes and their rules") {
  const CodeTables& codes = Codes();
  CHECK(codes.PurposeCodes().size() == 12);
  CHECK(codes.Purpose("T")->commercial);
  CHECK_FALSE(codes.Purpose("S")->commercial);
  CHECK(codes.Source("A")->kingdoms == std::set<std::string>{"Plantae"});
  CHECK(codes.Source("C")->kingdoms == std::set<std::string>{"Animalia"});
  CHECK(codes.Source("D")->appendix_i_treated_as == Appendix::kII);
  for (const char* forbidden : {"W", "X", "F", "R", "U"}) CHECK_FALSE(codes.Source(forbidden)->appendix_i_commercial);
  CHECK(codes.Unit("NAR")->report_code.empty());
  CHECK(codes.Unit("MTQ")->report_code == "m3");
  CHECK(codes.TermAllowsUnit("SAW", "MTQ"));
  CHECK(codes.TermAllowsUnit("LIV", "NAR"));
  CHECK_FALSE(codes.TermAllowsUnit("LIV", "KGM"));
  CHECK_FALSE(codes.TermAllowsUnit("FIN", "NAR"));
  CHECK(codes.Document(DocumentType::kExport).validity_months == 6);
  CHECK(codes.Document(DocumentType::kImport).validity_months == 12);
  CHECK(codes.Document(DocumentType::kOrigin).appendices == std::set<Appendix>{Appendix::kIII});
  CHECK(codes.Purpose("K") == nullptr);
}

TEST_CASE("code tables load from a minimal document") {
  auto loaded = CodeTables::FromJson(MinimalTables());
  REQUIRE(loaded.ok());
  CHECK(loaded->TermAllowsUnit("MEA", "KGM"));
  CHECK(JoinCodes({"A", "B", "C"}) == "A, B or C");
}

TEST_CASE("malformed code tables are refused naming the bad field") {
  json document = MinimalTables();
  SECTION("a missing list") {
    document.erase("units");
    CHECK(LoadError(document) == "units");
  }
  SECTION("a list that is not an array") {
    document["purposes"] = "T";
    CHECK(LoadError(document) == "purposes");
  }
  SECTION("a code without meaning") {
    document["purposes"][0].erase("meaning");
    CHECK(LoadError(document) == "purposes[0].meaning");
  }
  SECTION("a term counted in a unit the units table lacks") {
    document["terms"][0]["units"].push_back("LBR");
    CHECK(LoadError(document) == "terms[0].units[1]");
  }
  SECTION("a source for a kingdom CITES does not list") {
    document["sources"][0]["kingdoms"][1] = "Fungi";
    CHECK(LoadError(document) == "sources[0].kingdoms[1]");
  }
  SECTION("a code listed twice") {
    document["units"].push_back(document["units"][0]);
    CHECK(LoadError(document) == "units[1].code");
  }
  SECTION("an unknown document type") {
    document["documents"][3]["type"] = "pre-convention";
    CHECK(LoadError(document) == "documents[3].type");
  }
  SECTION("a document type missing") {
    document["documents"].erase(3);
    CHECK(LoadError(document) == "documents");
  }
  SECTION("a validity of zero months") {
    document["documents"][0]["validity_months"] = 0;
    CHECK(LoadError(document) == "documents[0].validity_months");
  }
  SECTION("an appendix that does not exist") {
    document["documents"][0]["appendices"][2] = "IV";
    CHECK(LoadError(document) == "documents[0].appendices[2]");
  }
  SECTION("a flag of the wrong type") {
    document["sources"][0]["appendix_i_commercial"] = "no";
    CHECK(LoadError(document) == "sources[0].appendix_i_commercial");
  }
  SECTION("a document that is not an object") { CHECK(LoadError(json::array()) == "(root)"); }
}
