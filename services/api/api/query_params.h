#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "greenlane/core/error.h"
#include "greenlane/v1/common.pb.h"

namespace greenlane::api {

using QueryParams = std::map<std::string, std::string>;

/// InvalidArgument naming the first parameter not in `known` and listing the accepted ones, so a
/// misspelt filter is an error instead of a silently unfiltered list.
core::Status RejectUnknown(const QueryParams& params, const std::set<std::string>& known);

/// `text` as an integer in [min, max]; the error names `field` and the range.
core::Result<std::int64_t> ParseInteger(const std::string& field, const std::string& text, std::int64_t min,
                                        std::int64_t max);

/// The RFC 3339 parameter `name` as a protobuf Timestamp, nullopt when absent.
core::Result<std::optional<google::protobuf::Timestamp>> TimeParam(const QueryParams& params, const std::string& name);

/// `page_size` (1..max_page_size) and `page_token` into a v1.PageRequest.
core::Result<v1::PageRequest> PageParams(const QueryParams& params, std::int64_t max_page_size);

/// The value of `name`, or "" when absent.
std::string StringParam(const QueryParams& params, const std::string& name);

}  // namespace greenlane::api
