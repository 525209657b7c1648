#include "domain/sync_record.h"

namespace greenlane::timber {
std::string SyncSigningInput(std::string_view device, std::int64_t sequence, std::string_view kind,
                             std::string_view payload) {
  std::string input = "GLT1\n";
  input.append(device).append("\n").append(std::to_string(sequence)).append("\n").append(kind).append("\n");
  input.append(payload);
  return input;
}

}  // namespace greenlane::timber
