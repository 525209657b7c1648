#include "formats/epermit_xml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <new>
#include <optional>

namespace greenlane::cites {
namespace {

// Box 12 and the import permit behind an Appendix I export, as UN/EDIFACT 1001 document codes.
constexpr std::string_view kOriginPermitCode = "861";
constexpr std::string_view kExportPermitCode = "811";
constexpr std::string_view kImportPermitCode = "911";

void Silent(void* /*context*/, const char* /*format*/, ...) {}

// Problems go into the reading; libxml2 must not also print to stderr (encoding errors bypass
// XML_PARSE_NOERROR). Its error handler is per thread, so each call sets it on its own thread.
void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(nullptr, Silent);
  });
  xmlSetGenericErrorFunc(nullptr, Silent);
}

const xmlChar* X(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

// --- writing -----------------------------------------------------------------------------------

class Writer {
 public:
  Writer() : doc_(xmlNewDoc(X("1.0")), xmlFreeDoc) {
    xmlNodePtr root = xmlNewNode(nullptr, X("CITESEPermit"));
    ns_ = xmlNewNs(root, X(std::string(kEPermitNamespace).c_str()), nullptr);
    xmlSetNs(root, ns_);
    xmlDocSetRootElement(doc_.get(), root);
  }

  xmlNodePtr root() const { return xmlDocGetRootElement(doc_.get()); }
  xmlNodePtr Node(xmlNodePtr parent, const char* name) { return xmlNewChild(parent, ns_, X(name), nullptr); }
  // xmlNewTextChild escapes &, < and > in the text; empty optional boxes are left out.
  xmlNodePtr Text(xmlNodePtr parent, const char* name, const std::string& text, bool optional = true) {
    if (optional && text.empty()) return nullptr;
    return xmlNewTextChild(parent, ns_, X(name), X(text.c_str()));
  }

  void Party(xmlNodePtr parent, const char* name, const cites::Party& party) {
    xmlNodePtr node = Node(parent, name);
    Text(node, "Name", party.name, false);
    xmlNodePtr address = Node(node, "PostalTradeAddress");
    Text(address, "LineOne", party.address);
    Text(address, "CountryID", party.country, false);
  }

  void Reference(xmlNodePtr parent, std::string_view code, const std::string& id, const std::string& country = "") {
    if (id.empty() && country.empty()) return;
    xmlNodePtr node = Node(parent, "AssociatedReferencedDocument");
    Text(node, "TypeCode", std::string(code), false);
    Text(node, "ID", id);
    Text(node, "IssuerCountryID", country);
  }

  std::string Dump() const {
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc_.get(), &buffer, &size, "UTF-8", 1);
    std::string out(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
    xmlFree(buffer);
    return out;
  }

 private:
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
  xmlNsPtr ns_ = nullptr;
};

std::string TypeCodeOf(DocumentType type) {
  return type == DocumentType::kOrigin ? "other" : std::string(ToString(type));
}

// --- reading -----------------------------------------------------------------------------------

std::string_view LocalName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// Children are matched by local name whatever their prefix or namespace: partners' systems differ.
std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view name) {
  std::vector<const xmlNode*> out;
  if (parent == nullptr) return out;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && LocalName(child) == name) out.push_back(child);
  }
  return out;
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  auto children = Children(parent, name);
  return children.empty() ? nullptr : children.front();
}

const xmlNode* Path(const xmlNode* node, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) node = Child(node, name);
  return node;
}

std::string Trim(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

std::string TextOf(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return Trim(std::move(text));
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string Attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  xmlChar* value = xmlGetProp(node, X(name));
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return Trim(std::move(text));
}

class Reader {
 public:
  explicit Reader(Problems& problems) : problems_(problems) {}

  // A required box: its trimmed text, or a problem naming the field and the element path.
  std::string Required(const xmlNode* node, const std::string& field, const char* element) {
    std::string text = TextOf(node);
    if (text.empty()) Add(field, "xml.required", std::string(element) + " is missing or empty");
    return text;
  }

  // "2026-11-22", "2026-11-22T08:00:00Z" (cut to its date) or "20261122" (UN/CEFACT format 102).
  Date DateOf(const xmlNode* node, const std::string& field, const char* element) {
    std::string text = Required(node, field, element);
    if (text.empty()) return {};
    if (text.size() > 10 && text[10] == 'T') text.resize(10);
    if (text.size() == 8 && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
      text = text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
    }
    const auto date = ParseDate(text);
    if (!date) Add(field, "xml.date", std::string(element) + " '" + text + "' is not a date (YYYY-MM-DD)");
    return date.value_or(Date{});
  }

  Quantity QuantityOf(const xmlNode* node, const std::string& field, const char* element) {
    std::string text = Required(node, field, element);
    if (text.empty()) return {};
    // A decimal comma is common in partners' data; a thousands separator is not accepted.
    if (text.find('.') == std::string::npos) std::replace(text.begin(), text.end(), ',', '.');
    auto quantity = Quantity::Parse(text, field);
    if (!quantity.ok()) {
      Add(field, "xml.quantity", std::string(element) + " '" + text + "': " + quantity.error().message);
      return {};
    }
    return *quantity;
  }

  void Add(std::string field, std::string rule, std::string message) {
    problems_.push_back({std::move(field), std::move(rule), std::move(message)});
  }

 private:
  Problems& problems_;
};

Party PartyOf(Reader& reader, const xmlNode* node, const std::string& field, const char* element) {
  Party party;
  party.name = TextOf(Child(node, "Name"));
  party.address = TextOf(Path(node, {"PostalTradeAddress", "LineOne"}));
  party.country = Upper(reader.Required(Path(node, {"PostalTradeAddress", "CountryID"}), field + ".country",
                                        (std::string(element) + "/PostalTradeAddress/CountryID").c_str()));
  return party;
}

// The AssociatedReferencedDocument children of `node` with TypeCode `code`.
const xmlNode* ReferenceOf(const xmlNode* node, std::string_view code) {
  for (const xmlNode* reference : Children(node, "AssociatedReferencedDocument")) {
    if (TextOf(Child(reference, "TypeCode")) == code) return reference;
  }
  return nullptr;
}

PermitLine LineOf(Reader& reader, const xmlNode* item, std::size_t index) {
  PermitLine line;
  const xmlNode* product = Child(item, "SpecifiedTradeProduct");
  line.scientific_name = reader.Required(Child(product, "ScientificName"), LinePath(index, "scientific_name"),
                                         "SpecifiedTradeProduct/ScientificName");
  line.common_name = TextOf(Child(product, "CommonName"));
  line.term =
      Upper(reader.Required(Child(product, "TypeCode"), LinePath(index, "term"), "SpecifiedTradeProduct/TypeCode"));
  line.appendix = Upper(reader.Required(Child(item, "TypeCode"), LinePath(index, "appendix"), "TypeCode"));
  line.source =
      Upper(reader.Required(Child(item, "TypeExtensionCode"), LinePath(index, "source"), "TypeExtensionCode"));
  const xmlNode* quantity = Path(item, {"TransportLogisticsPackage", "ItemQuantity"});
  if (quantity == nullptr) quantity = Child(item, "ItemQuantity");
  line.quantity = reader.QuantityOf(quantity, LinePath(index, "quantity"), "TransportLogisticsPackage/ItemQuantity");
  // The trade database leaves the unit empty for a number of specimens (Rec. 20: NAR).
  line.unit = Upper(Attribute(quantity, "unitCode"));
  if (line.unit.empty()) line.unit = "NAR";
  const xmlNode* origin = ReferenceOf(item, kOriginPermitCode);
  line.origin_permit = TextOf(Child(origin, "ID"));
  line.origin_country = Upper(TextOf(Child(origin, "IssuerCountryID")));
  line.export_permit = TextOf(Child(ReferenceOf(item, kExportPermitCode), "ID"));
  return line;
}

std::optional<DocumentType> TypeOf(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text == "other") return DocumentType::kOrigin;
  return ParseDocumentType(text);
}

void ReadPermit(const xmlNode* root, Reader& reader, Permit& permit) {
  const xmlNode* header = Child(root, "HeaderExchangedDocument");
  permit.number = reader.Required(Child(header, "ID"), "number", "HeaderExchangedDocument/ID");
  const std::string type = reader.Required(Child(header, "TypeCode"), "type", "HeaderExchangedDocument/TypeCode");
  if (!type.empty()) {
    if (auto parsed = TypeOf(type)) {
      permit.type = *parsed;
    } else {
      reader.Add("type", "xml.type",
                 "HeaderExchangedDocument/TypeCode '" + type + "' is not export, re-export, import or other");
    }
  }
  permit.issued = reader.DateOf(Child(header, "IssueDateTime"), "issued", "HeaderExchangedDocument/IssueDateTime");
  const xmlNode* period = Child(header, "EffectiveSpecifiedPeriod");
  permit.valid_from =
      reader.DateOf(Child(period, "StartDateTime"), "valid_from", "EffectiveSpecifiedPeriod/StartDateTime");
  permit.valid_until =
      reader.DateOf(Child(period, "EndDateTime"), "valid_until", "EffectiveSpecifiedPeriod/EndDateTime");
  permit.purpose =
      Upper(reader.Required(Child(header, "PurposeCode"), "purpose", "HeaderExchangedDocument/PurposeCode"));
  permit.special_conditions = TextOf(Child(header, "Information"));
  const xmlNode* signatory = Child(header, "FirstSignatoryDocumentAuthentication");
  permit.security_stamp = TextOf(Child(signatory, "ID"));
  const xmlNode* authority = Child(signatory, "ProviderTradeParty");
  permit.issuer.name = TextOf(Child(authority, "Name"));
  permit.issuer.country = Upper(reader.Required(Path(authority, {"PostalTradeAddress", "CountryID"}), "issuer.country",
                                                "ProviderTradeParty/PostalTradeAddress/CountryID"));
  permit.import_permit_number = TextOf(Child(ReferenceOf(header, kImportPermitCode), "ID"));

  const xmlNode* consignment = Child(root, "SpecifiedSupplyChainConsignment");
  permit.importer = PartyOf(reader, Child(consignment, "ConsigneeTradeParty"), "importer", "ConsigneeTradeParty");
  permit.exporter = PartyOf(reader, Child(consignment, "ConsignorTradeParty"), "exporter", "ConsignorTradeParty");
  const auto items = Children(consignment, "IncludedSupplyChainTradeLineItem");
  if (items.empty()) reader.Add("lines", "xml.required", "no IncludedSupplyChainTradeLineItem: a permit has lines");
  for (std::size_t i = 0; i < items.size(); ++i) permit.lines.push_back(LineOf(reader, items[i], i));
}

}  // namespace

std::string EPermitToXml(const Permit& permit) {
  InitLibxml();
  Writer writer;
  xmlNodePtr header = writer.Node(writer.root(), "HeaderExchangedDocument");
  writer.Text(header, "ID", permit.number, false);
  writer.Text(header, "TypeCode", TypeCodeOf(permit.type), false);
  writer.Text(header, "CopyIndicator", "false", false);
  writer.Text(header, "IssueDateTime", FormatDate(permit.issued), false);
  writer.Text(header, "PurposeCode", permit.purpose, false);
  writer.Text(header, "Information", permit.special_conditions);
  xmlNodePtr period = writer.Node(header, "EffectiveSpecifiedPeriod");
  writer.Text(period, "StartDateTime", FormatDate(permit.valid_from), false);
  writer.Text(period, "EndDateTime", FormatDate(permit.valid_until), false);
  xmlNodePtr signatory = writer.Node(header, "FirstSignatoryDocumentAuthentication");
  writer.Text(signatory, "ID", permit.security_stamp);
  writer.Party(signatory, "ProviderTradeParty", {permit.issuer.name, "", permit.issuer.country});
  writer.Reference(header, kImportPermitCode, permit.import_permit_number);

  xmlNodePtr consignment = writer.Node(writer.root(), "SpecifiedSupplyChainConsignment");
  writer.Party(consignment, "ConsigneeTradeParty", permit.importer);
  writer.Party(consignment, "ConsignorTradeParty", permit.exporter);
  for (const PermitLine& line : permit.lines) {
    xmlNodePtr item = writer.Node(consignment, "IncludedSupplyChainTradeLineItem");
    writer.Text(item, "TypeCode", line.appendix, false);
    writer.Text(item, "TypeExtensionCode", line.source, false);
    xmlNodePtr product = writer.Node(item, "SpecifiedTradeProduct");
    writer.Text(product, "ScientificName", line.scientific_name, false);
    writer.Text(product, "CommonName", line.common_name);
    writer.Text(product, "TypeCode", line.term, false);
    xmlNodePtr package = writer.Node(item, "TransportLogisticsPackage");
    xmlNodePtr quantity = writer.Text(package, "ItemQuantity", line.quantity.ToString(), false);
    xmlNewProp(quantity, X("unitCode"), X(line.unit.c_str()));
    writer.Reference(item, kOriginPermitCode, line.origin_permit, line.origin_country);
    writer.Reference(item, kExportPermitCode, line.export_permit);
  }
  return writer.Dump();
}

EPermitReading ParseEPermitXml(std::string_view xml) {
  EPermitReading reading;
  if (xml.size() > kMaxEPermitBytes) {
    reading.problems.push_back({"document", "xml.size",
                                "the document has " + std::to_string(xml.size()) + " bytes; at most " +
                                    std::to_string(kMaxEPermitBytes) + " are read"});
    return reading;
  }
  InitLibxml();
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> context(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!context) throw std::bad_alloc();
  // No network, no entity substitution, no DTD loading: untrusted bytes from partners.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(context.get(), xml.data(), static_cast<int>(xml.size()), "epermit.xml", nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      xmlFreeDoc);
  if (!doc) {
    const xmlError* error = xmlCtxtGetLastError(context.get());
    std::string message = error && error->message ? Trim(error->message) : "not well-formed";
    if (error) message = "line " + std::to_string(error->line) + ": " + message;
    reading.problems.push_back({"document", "xml.malformed", "the document is not well-formed XML: " + message});
    return reading;
  }
  if (doc->intSubset != nullptr) {
    reading.problems.push_back({"document", "xml.doctype", "a DOCTYPE is not allowed in an e-permit"});
    return reading;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || LocalName(root) != "CITESEPermit") {
    reading.problems.push_back({"document", "xml.root", "the root element must be CITESEPermit"});
    return reading;
  }
  const std::string_view ns = root->ns && root->ns->href ? reinterpret_cast<const char*>(root->ns->href) : "";
  if (ns != kEPermitNamespace) {
    reading.problems.push_back(
        {"document", "xml.namespace",
         "CITESEPermit must be in namespace " + std::string(kEPermitNamespace) + ", not '" + std::string(ns) + "'"});
  }
  Reader reader(reading.problems);
  ReadPermit(root, reader, reading.permit);
  return reading;
}

}  // namespace greenlane::cites
