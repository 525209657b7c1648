#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "greenlane/instruments/formats.h"

namespace greenlane::instruments::testing {

/// The bytes of tests/data/instruments/<relative>, copied from the analyzers' sample exports.
inline std::string SampleFile(const std::string& relative) {
  const std::string path = std::string(GREENLANE_SOURCE_DIR) + "/tests/data/instruments/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test data " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline ParseOptions Named(std::string file_name) {
  ParseOptions options;
  options.file_name = std::move(file_name);
  return options;
}

/// Every CRLF of `text` as LF, or every LF as CRLF.
inline std::string WithLineEnds(const std::string& text, const std::string& ending) {
  std::string lf;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    lf.push_back(text[i]);
  }
  if (ending == "\n") return lf;
  std::string out;
  for (const char c : lf) {
    if (c == '\n')
      out += ending;
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace greenlane::instruments::testing
