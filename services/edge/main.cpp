// greenlane-edge: the port edge gateway. Thin: configuration, wiring, run until SIGTERM/SIGINT, shut down.
#include <memory>

#include "app/edge_metrics.h"
#include "app/settings.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/core/service_main.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/http/operations.h"
#include "greenlane/http/server.h"
#include "greenlane/metrics/registry.h"
#include "store/reading_queue.h"
#include "upload/uploader.h"
#include "watch/watcher.h"

namespace {

// /metrics for Prometheus and /healthz for the box's supervisor; nothing else listens.
greenlane::http::Router OperationsRouter(const prometheus::Registry& registry) {
  greenlane::http::Router router;
  router.Add(greenlane::http::HealthRoute());
  router.Add(greenlane::http::MetricsRoute([&registry] { return greenlane::metrics::Serialize(registry); }));
  return router;
}

// Everything the gateway runs, in start order; Stop() takes it down in the safe order.
struct Gateway {
  explicit Gateway(const greenlane::edge::EdgeSettings& settings)
      : registry(greenlane::metrics::DefaultRegistry()),
        edge_metrics(*registry),
        queue(settings.queue_path, clock),
        watcher(settings.watcher, queue, edge_metrics, clock),
        uploader(settings.uploader, queue, edge_metrics, greenlane::edge::SystemRandomSource()),
        router(OperationsRouter(*registry)),
        http_workers("edge-http", 1, 16),
        metrics_server({.address = settings.metrics_address, .port = settings.metrics_port}, router, {}, http_workers),
        poll("edge-watch", settings.poll_interval, [this] {
          if (watcher.Poll().readings_enqueued > 0) uploader.Wake();
          edge_metrics.SetQueue(queue.Depth(), queue.OldestEnqueuedAt(), clock.Now());
        }) {}

  void Start() {
    metrics_server.Start();
    uploader.Start();
    poll.Start();
  }

  // The watcher first, so no file is half-handled; unacknowledged readings stay queued for next time.
  void Stop() {
    poll.Stop();
    uploader.Stop();
    metrics_server.Stop();
  }

  const greenlane::core::Clock& clock = greenlane::core::SystemClock::Instance();
  std::shared_ptr<prometheus::Registry> registry;
  greenlane::edge::EdgeMetrics edge_metrics;
  greenlane::edge::ReadingQueue queue;
  greenlane::edge::Watcher watcher;
  greenlane::edge::Uploader uploader;
  const greenlane::http::Router router;
  greenlane::core::WorkerPool http_workers;
  greenlane::http::Server metrics_server;
  greenlane::core::PeriodicTask poll;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace greenlane;
  edge::EdgeSettings settings;
  std::unique_ptr<Gateway> gateway;
  return core::RunService("edge", argc, argv,
                          {.configure =
                               [&](core::Config& config) {
                                 settings = edge::LoadEdgeSettings(config);
                                 return settings.log_level;
                               },
                           .start =
                               [&] {
                                 gateway = std::make_unique<Gateway>(settings);
                                 gateway->Start();
                                 log::Info("started", {{"queue", settings.queue_path},
                                                       {"queued", gateway->queue.Depth()},
                                                       {"ingest", settings.uploader.channel.target},
                                                       {"watch_folders", settings.watcher.folders.size()},
                                                       {"metrics_port", gateway->metrics_server.port()}});
                                 return std::function<void()>([&] {
                                   gateway->Stop();
                                   log::Info("gateway stopped", {{"queued", gateway->queue.Depth()}});
                                 });
                               }});
}
