#include <set>

#include "api/query_params.h"
#include "api/routes.h"
#include "greenlane/core/clock.h"
#include "greenlane/http/response.h"

namespace greenlane::api {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

core::Result<security::AuditLog::Query> ParseAuditQuery(const std::map<std::string, std::string>& params) {
  static const std::set<std::string> kKnown = {"actor", "action", "entity_type", "entity_id",
                                               "since", "until",  "after_seq",   "limit"};
  security::AuditLog::Query query;
  query.limit = kDefaultPageSize;
  for (const auto& [name, value] : params) {
    if (!kKnown.count(name)) {
      return core::Error::InvalidArgument(
          name,
          "unknown filter '" + name + "': use actor, action, entity_type, entity_id, since, until, after_seq, limit");
    }
    if (name == "actor") query.actor = value;
    if (name == "action") query.action = value;
    if (name == "entity_type") query.entity_type = value;
    if (name == "entity_id") query.entity_id = value;
    if (name == "since" || name == "until") {
      auto time = core::ParseRfc3339(value);
      if (!time) return core::Error::InvalidArgument(name, name + " must be an RFC 3339 time, got '" + value + "'");
      (name == "since" ? query.since : query.until) = *time;
    }
    if (name == "after_seq") {
      auto seq = ParseInteger(name, value, 0, INT64_MAX);
      if (!seq.ok()) return seq.error();
      query.after_seq = *seq;
    }
    if (name == "limit") {
      auto limit = ParseInteger(name, value, 1, kMaxPageSize);
      if (!limit.ok()) return limit.error();
      query.limit = static_cast<int>(*limit);
    }
  }
  return query;
}

// The same query with after_seq moved past the last row: the raw parameters are reused as the
// client sent them, so nothing needs re-encoding.
std::string NextLink(const std::string& target, std::int64_t last_seq) {
  std::string link = "/v1/audit?after_seq=" + std::to_string(last_seq);
  const auto question = target.find('?');
  if (question == std::string::npos) return link;
  std::size_t start = question + 1;
  while (start < target.size()) {
    const std::size_t amp = std::min(target.find('&', start), target.size());
    const std::string pair = target.substr(start, amp - start);
    if (!pair.empty() && pair.rfind("after_seq=", 0) != 0) link += "&" + pair;
    start = amp + 1;
  }
  return link;
}

http::Response ListAudit(ApiContext& context, http::Request& request) {
  auto query = ParseAuditQuery(request.query);
  if (!query.ok()) return http::Problem(query.error(), request.path);
  auto connection = context.pg.Acquire();
  const auto rows = context.audit.List(*connection, *query);
  nlohmann::json body = {{"items", rows}};
  if (static_cast<int>(rows.size()) == query->limit && !rows.empty()) {
    body["next"] = NextLink(request.target, rows.back().at("seq").get<std::int64_t>());
  }
  return http::Response::Json(200, body);
}

}  // namespace

std::vector<http::Route> AuditRoutes(ApiContext& context) {
  return {{.method = "GET",
           .pattern = "/v1/audit",
           .summary = "The hash-chained audit log, filtered and paged by sequence number",
           .roles = {"admin"},
           .content_types = {},
           .non_blocking = false,
           .handler = [&context](http::Request& request) { return ListAudit(context, request); }}};
}

}  // namespace greenlane::api
