#include "greenlane/redis/reply.h"

#include <hiredis/hiredis.h>

#include "greenlane/core/error.h"

namespace greenlane::redis {
namespace {

[[noreturn]] void WrongType(std::string_view wanted, const Reply& reply) {
  throw core::GreenlaneException(core::Error::Internal("expected a Redis " + std::string(wanted) + " reply, got " +
                                                       std::string(reply.TypeName())));
}

}  // namespace

Reply::Reply(redisReply* reply)
    : root_(reply, [](const redisReply* r) { freeReplyObject(const_cast<redisReply*>(r)); }), node_(reply) {}

Reply::Reply(std::shared_ptr<const redisReply> root, const redisReply* node) : root_(std::move(root)), node_(node) {}

bool Reply::IsNil() const { return node_->type == REDIS_REPLY_NIL; }
bool Reply::IsError() const { return node_->type == REDIS_REPLY_ERROR; }
bool Reply::IsString() const { return node_->type == REDIS_REPLY_STRING; }
bool Reply::IsStatus() const { return node_->type == REDIS_REPLY_STATUS; }
bool Reply::IsInteger() const { return node_->type == REDIS_REPLY_INTEGER; }
bool Reply::IsArray() const { return node_->type == REDIS_REPLY_ARRAY; }

std::string_view Reply::AsView() const {
  if (!IsString() && !IsStatus() && !IsError()) WrongType("string", *this);
  return {node_->str, node_->len};
}

std::string Reply::AsString() const { return std::string(AsView()); }

std::int64_t Reply::AsInteger() const {
  if (!IsInteger()) WrongType("integer", *this);
  return node_->integer;
}

std::size_t Reply::size() const { return IsArray() ? node_->elements : 0; }

Reply Reply::operator[](std::size_t index) const {
  if (index >= size()) {
    throw core::GreenlaneException(core::Error::Internal("Redis reply element " + std::to_string(index) +
                                                         " requested from a " + std::string(TypeName()) + " of " +
                                                         std::to_string(size()) + " elements"));
  }
  return Reply(root_, node_->element[index]);
}

std::string_view Reply::TypeName() const {
  switch (node_->type) {
    case REDIS_REPLY_STRING:
      return "string";
    case REDIS_REPLY_ARRAY:
      return "array";
    case REDIS_REPLY_INTEGER:
      return "integer";
    case REDIS_REPLY_NIL:
      return "nil";
    case REDIS_REPLY_STATUS:
      return "status";
    case REDIS_REPLY_ERROR:
      return "error";
    default:
      return "unknown";
  }
}

}  // namespace greenlane::redis
