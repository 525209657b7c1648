#include "greenlane/metrics/http_metrics.h"

#include <array>

namespace greenlane::metrics {
namespace {

// Clients choose the method token; only the standard ones become label values, so a client
// inventing methods cannot create new series without bound.
std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 9> kStandard{"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
                                                             "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  for (const auto standard : kStandard) {
    if (method == standard) return standard;
  }
  return "other";
}

}  // namespace

HttpMetrics::HttpMetrics(prometheus::Registry& registry, const std::string& service)
    : calls_(registry,
             {.counter_name = "greenlane_http_requests_total",
              .counter_help = "HTTP requests answered, by method, route pattern and status",
              .histogram_name = "greenlane_http_request_duration_seconds",
              .histogram_help = "Time to answer an HTTP request, by method and route pattern",
              .call_labels = {"method", "route"},
              .outcome_label = "status"},
             service) {}

void HttpMetrics::Observe(const std::string& method, const std::string& route, unsigned status, double seconds) {
  const std::array<std::string_view, 2> call_values{MethodLabel(method), route};
  calls_.Observe(call_values, std::to_string(status), seconds);
}

}  // namespace greenlane::metrics
