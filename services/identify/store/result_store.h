#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/answer/identification.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"

namespace greenlane::identify {

/// Identification results (identify.results), one per reading, each published as
/// identify.result.ready in the transaction that stores it.
class ResultStore {
 public:
  ResultStore(pg::Pool& pool, const core::Clock& clock) : pool_(pool), clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Stores `answer` (its reading_id set) inside `tx` and publishes identify.result.ready there
  /// too; sets result_id and produced_at. False, with nothing written, when the reading already has
  /// a result: a reading is answered once.
  bool Store(pqxx::work& tx, Identification& answer) const;

  /// kNotFound when absent; kInvalidArgument when `id` is not a UUID.
  core::Result<Identification> GetById(const std::string& id);
  core::Result<Identification> GetByReading(const std::string& reading_id);

  struct ListQuery {
    std::string declaration, container, kind;  ///< exactly one of declaration and container
    int page_size = 0;                         ///< 0 = kDefaultPageSize
    std::string page_token;
  };
  struct Page {
    std::vector<Identification> results;
    std::string next_page_token;  ///< "" on the last page
  };
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;
  /// Results of a consignment, newest first (keyset paging on produced_at, id).
  core::Result<Page> List(const ListQuery& query);

 private:
  core::Result<Identification> GetOne(const char* statement, const std::string& field, const std::string& id);

  pg::Pool& pool_;
  const core::Clock& clock_;
};

}  // namespace greenlane::identify
