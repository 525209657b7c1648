#pragma once

#include <string>
#include <utility>
#include <vector>

namespace greenlane::timber::store {

/// Every statement the timber repositories run, for pg::PoolOptions::prepared of the pool they share.
std::vector<std::pair<std::string, std::string>> TimberStatements();

}  // namespace greenlane::timber::store
