#include "greenlane/core/uuid.h"

#include <mutex>
#include <random>

namespace greenlane::core {
namespace {

struct V7State {
  std::mutex mutex;
  std::uint64_t last_ms = 0;
  std::uint16_t counter = 0;  // 12 bits used
  std::mt19937_64 random{std::random_device{}()};
};

V7State& State() {
  static V7State state;
  return state;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Uuid Uuid::NewV7(const Clock& clock) {
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(clock.Now().time_since_epoch()).count());
  std::uint64_t tail = 0;
  std::uint16_t counter = 0;
  {
    auto& state = State();
    std::lock_guard lock(state.mutex);
    if (ms > state.last_ms) {
      state.last_ms = ms;
      state.counter = static_cast<std::uint16_t>(state.random() & 0x1FF);  // leave room to count up
    } else {
      ms = state.last_ms;  // clock went back or same millisecond: stay monotonic
      if (++state.counter > 0xFFF) {
        ++state.last_ms;
        ms = state.last_ms;
        state.counter = 0;
      }
    }
    counter = state.counter;
    tail = state.random();
  }
  std::array<std::uint8_t, 16> b{};
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  b[6] = static_cast<std::uint8_t>(0x70 | ((counter >> 8) & 0x0F));
  b[7] = static_cast<std::uint8_t>(counter & 0xFF);
  for (int i = 0; i < 8; ++i) b[8 + i] = static_cast<std::uint8_t>(tail >> (56 - 8 * i));
  b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));
  return Uuid(b);
}

std::optional<Uuid> Uuid::Parse(const std::string& text) {
  if (text.size() != 36) return std::nullopt;
  std::array<std::uint8_t, 16> b{};
  std::size_t pos = 0;
  for (int i = 0; i < 16; ++i) {
    if (pos == 8 || pos == 13 || pos == 18 || pos == 23) {
      if (text[pos] != '-') return std::nullopt;
      ++pos;
    }
    const int hi = HexValue(text[pos]);
    const int lo = HexValue(text[pos + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    b[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    pos += 2;
  }
  return Uuid(b);
}

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes_[i] >> 4];
    out += kHex[bytes_[i] & 0x0F];
  }
  return out;
}

}  // namespace greenlane::core
