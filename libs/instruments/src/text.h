#pragma once

#include <string>
#include <string_view>

// Small text helpers shared by the parsers.
namespace greenlane::instruments::text {

/// ASCII-only: analyzer headers and keywords are ASCII, and labels are compared byte for byte.
char Upper(char c);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

/// Without surrounding spaces and tabs.
std::string_view Trim(std::string_view value);

/// The key a header name is looked up by: lower case without any whitespace, so " Units",
/// "units", "Cr Error 1s" and "Cr Error1s" match their canonical spellings.
std::string HeaderKey(std::string_view name);

/// `value` in double quotes for an error message, cut to a readable length: values come from
/// untrusted files and may be 64 KiB long.
std::string Quoted(std::string_view value);

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

}  // namespace greenlane::instruments::text
