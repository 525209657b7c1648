#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace greenlane::edge {

/// What a poll sees of a file without reading it.
struct FileSignature {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  friend bool operator==(const FileSignature&, const FileSignature&) = default;
};

/// Decides when an analyzer has finished writing an export. Analyzers and the people copying files
/// off them write in several steps and never say when they are done, and importing a half-written
/// file would reject it (or worse, import a prefix). A file is complete once two consecutive polls
/// see the same size and modification time.
class ReadinessTracker {
 public:
  /// Records what this poll saw of `path`; true when the previous poll saw exactly the same.
  bool Observe(const std::string& path, FileSignature signature);

  /// Ends a poll: files this poll did not observe (moved, deleted) are forgotten, so a new file
  /// that later takes the same name starts from scratch.
  void EndPoll();

  std::size_t tracked() const { return files_.size(); }

 private:
  struct Entry {
    FileSignature signature;
    bool seen_this_poll = false;
  };
  std::map<std::string, Entry> files_;
};

}  // namespace greenlane::edge
