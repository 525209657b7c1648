// greenlane-edge: the port edge gateway. Thin: configuration, wiring, run until SIGTERM/SIGINT, shut down.
#include <csignal>
#include <cstring>
#include <iostream>

#include "app/edge_metrics.h"
#include "app/settings.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/http/server.h"
#include "greenlane/metrics/registry.h"
#include "store/reading_queue.h"
#include "upload/uploader.h"
#include "watch/watcher.h"

namespace {

// /metrics for Prometheus and /healthz for the box's supervisor; nothing else listens.
greenlane::http::Router OperationsRouter(const prometheus::Registry& registry) {
  using namespace greenlane;
  http::Router router;
  router.Add({.method = "GET",
              .pattern = "/healthz",
              .summary = "Liveness: the process is up",
              .roles = {},
              .content_types = {},
              .non_blocking = true,
              .handler = [](http::Request&) {
                return http::Response::Json(200, {{"status", "ok"}});
              }});
  router.Add({.method = "GET",
              .pattern = "/metrics",
              .summary = "Prometheus metrics (text exposition format)",
              .roles = {},
              .content_types = {},
              .non_blocking = true,
              .handler = [&registry](http::Request&) {
                return http::Response::Text(200, metrics::Serialize(registry),
                                            "text/plain; version=0.0.4; charset=utf-8");
              }});
  return router;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace greenlane;
  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    core::Config config("edge");
    const auto settings = edge::LoadEdgeSettings(config);
    if (argc > 1 && std::strcmp(argv[1], "--help-config") == 0) {
      std::cout << config.Describe();
      return 0;
    }
    log::Init("edge", log::ParseLevel(settings.log_level));
    const core::Clock& clock = core::SystemClock::Instance();
    auto registry = metrics::DefaultRegistry();
    edge::EdgeMetrics edge_metrics(*registry);
    edge::ReadingQueue queue(settings.queue_path, clock);
    edge::Watcher watcher(settings.watcher, queue, edge_metrics, clock);
    edge::Uploader uploader(settings.uploader, queue, edge_metrics, edge::SystemRandomSource());

    const http::Router router = OperationsRouter(*registry);
    core::WorkerPool http_workers("edge-http", 1, 16);
    http::Server metrics_server({.address = settings.metrics_address, .port = settings.metrics_port}, router, {},
                                http_workers);
    metrics_server.Start();

    core::PeriodicTask poll("edge-watch", settings.poll_interval, [&] {
      if (watcher.Poll().readings_enqueued > 0) uploader.Wake();
      edge_metrics.SetQueue(queue.Depth(), queue.OldestEnqueuedAt(), clock.Now());
    });
    uploader.Start();
    poll.Start();
    log::Info("started", {{"queue", settings.queue_path},
                          {"queued", queue.Depth()},
                          {"ingest", settings.uploader.channel.target},
                          {"watch_folders", settings.watcher.folders.size()},
                          {"metrics_port", metrics_server.port()}});

    int signal = 0;
    sigwait(&stop_signals, &signal);
    log::Info("stopping", {{"signal", signal}});
    // The watcher first, so no file is half-handled; unacknowledged readings stay queued for next time.
    poll.Stop();
    uploader.Stop();
    metrics_server.Stop();
    log::Info("stopped", {{"queued", queue.Depth()}});
    return 0;
  } catch (const core::ConfigError& e) {
    std::cerr << "greenlane-edge: configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    log::Error("greenlane-edge failed to start", {{"error", e.what()}});
    return 1;
  }
}
