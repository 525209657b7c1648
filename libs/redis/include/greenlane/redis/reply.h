#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct redisReply;

namespace greenlane::redis {

/// A reply from Redis. Owns the hiredis reply; elements of an array are Replies that share the
/// ownership of the whole tree, so they stay valid as long as any of them lives. Cheap to copy.
///
/// A Redis error reply (e.g. "WRONGTYPE ...", "BUSYGROUP ...") is a Reply with IsError(), not an
/// exception: callers decide which errors are expected.
class Reply {
 public:
  /// Takes ownership of `reply` (freed with freeReplyObject).
  explicit Reply(redisReply* reply);

  bool IsNil() const;
  bool IsError() const;
  bool IsString() const;  ///< a bulk string (binary-safe)
  bool IsStatus() const;  ///< a simple string such as "OK" or "PONG"
  bool IsInteger() const;
  bool IsArray() const;

  /// The text of a string, status or error reply. Throws core::GreenlaneException (kInternal) for
  /// other types, which means the caller misread the protocol.
  std::string AsString() const;
  /// As AsString, without copying; valid while this Reply (or any copy) lives.
  std::string_view AsView() const;
  /// The value of an integer reply; throws like AsString for other types.
  std::int64_t AsInteger() const;

  /// Elements of an array reply; 0 for other types.
  std::size_t size() const;
  /// Element `index` of an array reply; throws core::GreenlaneException (kInternal) when out of range.
  Reply operator[](std::size_t index) const;

  /// The reply type as Redis names it ("string", "array", "error", ...), for messages.
  std::string_view TypeName() const;

 private:
  Reply(std::shared_ptr<const redisReply> root, const redisReply* node);

  std::shared_ptr<const redisReply> root_;
  const redisReply* node_;
};

}  // namespace greenlane::redis
