#include "greenlane/core/uuid.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <mutex>
#include <system_error>

namespace greenlane::core {
namespace {

// Random bits come from the kernel's CSPRNG (getrandom), read in blocks: ids are visible to
// clients (X-Request-Id, client ids, event ids), so they must not be predictable from each other
// as a seeded Mersenne Twister's would be.
class RandomBlock {
 public:
  std::uint64_t Next() {
    if (next_ == words_.size()) Refill();
    return words_[next_++];
  }

 private:
  void Refill() {
    auto* bytes = reinterpret_cast<unsigned char*>(words_.data());
    std::size_t filled = 0;
    while (filled < sizeof words_) {
      const ssize_t n = getrandom(bytes + filled, sizeof words_ - filled, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::system_error(errno, std::generic_category(), "getrandom");
      filled += static_cast<std::size_t>(n);
    }
    next_ = 0;
  }

  std::array<std::uint64_t, 64> words_{};
  std::size_t next_ = words_.size();
};

struct V7State {
  std::mutex mutex;
  std::uint64_t last_ms = 0;
  std::uint16_t counter = 0;  // 12 bits used
  RandomBlock random;
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
      state.counter = static_cast<std::uint16_t>(state.random.Next() & 0x1FF);  // leave room to count up
    } else {
      ms = state.last_ms;  // clock went back or same millisecond: stay monotonic
      if (++state.counter > 0xFFF) {
        ++state.last_ms;
        ms = state.last_ms;
        state.counter = 0;
      }
    }
    counter = state.counter;
    tail = state.random.Next();
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
