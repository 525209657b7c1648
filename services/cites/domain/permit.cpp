#include "domain/permit.h"

namespace greenlane::cites {

std::string LinePath(std::size_t index) { return "lines[" + std::to_string(index) + "]"; }
std::string LinePath(std::size_t index, const char* field) { return LinePath(index) + "." + field; }

}  // namespace greenlane::cites
