#include "greenlane/metrics/registry.h"

#include <prometheus/text_serializer.h>

namespace greenlane::metrics {

std::shared_ptr<prometheus::Registry> DefaultRegistry() {
  // Leaked on purpose: worker threads may record metrics during static destruction.
  static auto* registry = new std::shared_ptr<prometheus::Registry>(std::make_shared<prometheus::Registry>());
  return *registry;
}

std::string Serialize(const prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

}  // namespace greenlane::metrics
