#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace greenlane::timber {

/// The bytes a field device signs for one record: "GLT1\n" + device + "\n" + sequence (decimal) + "\n"
/// + kind + "\n" + payload. The version tag and the device id keep a signature from being replayed
/// under another format or device; the payload goes last and verbatim, so no JSON canonicalisation
/// is needed on either side.
std::string SyncSigningInput(std::string_view device, std::int64_t sequence, std::string_view kind,
                             std::string_view payload);

/// The kind whose refusal by custody.transport is a double spend: the device loaded a piece that
/// another record had already taken.
inline constexpr std::string_view kIssueWaybillKind = "issue_waybill";

}  // namespace greenlane::timber
