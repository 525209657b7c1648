#include "domain/appendix.h"

#include <array>
#include <utility>

namespace greenlane::cites {

namespace {
constexpr std::array<std::pair<Appendix, std::string_view>, 3> kAppendixNames{
    {{Appendix::kI, "I"}, {Appendix::kII, "II"}, {Appendix::kIII, "III"}}};
constexpr std::array<std::pair<DocumentType, std::string_view>, 4> kDocumentNames{
    {{DocumentType::kExport, "export"},
     {DocumentType::kReExport, "re-export"},
     {DocumentType::kImport, "import"},
     {DocumentType::kOrigin, "origin"}}};

template <typename Enum, std::size_t N>
std::optional<Enum> Find(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "?";
}
}  // namespace

std::optional<Appendix> ParseAppendix(std::string_view text) { return Find(kAppendixNames, text); }
std::string_view ToString(Appendix appendix) { return NameOf(kAppendixNames, appendix); }
std::optional<DocumentType> ParseDocumentType(std::string_view text) { return Find(kDocumentNames, text); }
std::string_view ToString(DocumentType type) { return NameOf(kDocumentNames, type); }

}  // namespace greenlane::cites
