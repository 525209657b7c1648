#include "domain/payload.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "domain/limits.h"

namespace greenlane::ingest {
namespace {

using Json = nlohmann::json;

// Streams through the document without building it, stopping at the first problem.
class PayloadChecker final : public nlohmann::json_sax<Json> {
 public:
  std::string problem;

  bool null() override { return Value(); }
  bool boolean(bool /*value*/) override { return Value(); }
  bool number_integer(number_integer_t /*value*/) override { return Value(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return Value(); }
  bool number_float(number_float_t value, const string_t& text) override {
    if (!std::isfinite(value) || ExponentTooLarge(text)) {
      return Fail("holds the number " + text.substr(0, 40) + ", outside the range a stored payload may hold");
    }
    return Value();
  }
  bool string(string_t& value) override { return Text(value) && Value(); }
  bool binary(binary_t& /*value*/) override { return Fail("holds binary data"); }
  bool key(string_t& value) override { return Text(value); }
  bool start_object(std::size_t /*size*/) override { return Open(true); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t /*size*/) override { return Open(false); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*e*/) override {
    return Fail("is not valid JSON (error at byte " + std::to_string(position) + ")");
  }

 private:
  bool Fail(std::string why) {
    if (problem.empty()) problem = std::move(why);
    return false;
  }
  bool Value() { return depth_ > 0 || Fail("must be a JSON object, not a scalar"); }
  bool Text(const string_t& value) {
    return value.find('\0') == string_t::npos || Fail("holds a NUL character (\\u0000), which cannot be stored");
  }
  bool Open(bool object) {
    if (depth_ == 0 && !object) return Fail("must be a JSON object, not an array");
    if (++depth_ > kMaxPayloadDepth) {
      return Fail("is nested deeper than " + std::to_string(kMaxPayloadDepth) + " levels");
    }
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }
  // A decimal exponent beyond this would overflow PostgreSQL's numeric (or lose the value in a double).
  static bool ExponentTooLarge(const string_t& text) {
    const auto e = text.find_first_of("eE");
    if (e == string_t::npos) return false;
    std::size_t start = e + 1;
    if (start < text.size() && text[start] == '+') ++start;
    int exponent = 0;
    const auto [end, error] = std::from_chars(text.data() + start, text.data() + text.size(), exponent);
    return error != std::errc() || exponent > 300 || exponent < -300;
  }

  int depth_ = 0;
};

}  // namespace

std::string PayloadProblem(std::string_view payload_json) {
  if (payload_json.empty()) return "is required (a JSON object)";
  if (payload_json.size() > kMaxPayloadBytes) {
    return "is " + std::to_string(payload_json.size()) + " bytes; at most " + std::to_string(kMaxPayloadBytes) +
           " are allowed";
  }
  PayloadChecker checker;
  Json::sax_parse(payload_json, &checker);
  return checker.problem;
}

}  // namespace greenlane::ingest
