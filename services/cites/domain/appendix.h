#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace greenlane::cites {

/// The three CITES Appendices (Art. II): I threatened with extinction, II may become so unless trade
/// is controlled, III listed by one Party asking others to help control trade.
enum class Appendix : std::uint8_t { kI, kII, kIII };

/// "I", "II" or "III"; nullopt otherwise.
std::optional<Appendix> ParseAppendix(std::string_view text);
std::string_view ToString(Appendix appendix);

/// The four documents of Res. Conf. 12.3 that Greenlane issues and checks.
enum class DocumentType : std::uint8_t { kExport, kReExport, kImport, kOrigin };

/// "export", "re-export", "import", "origin" (certificate of origin); nullopt otherwise.
std::optional<DocumentType> ParseDocumentType(std::string_view text);
std::string_view ToString(DocumentType type);

/// Documents presented when specimens leave a country and are endorsed by customs there (box 14).
inline bool LeavesCountry(DocumentType type) { return type != DocumentType::kImport; }

}  // namespace greenlane::cites
