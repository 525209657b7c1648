// libs/http under load: GET /hello runs on the I/O thread (non_blocking), GET /hello-pool goes
// through the worker pool, so the gap between the two is the cost of the hand-off.
#include "bench_main.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/http/server.h"

using namespace greenlane;

int main(int argc, char** argv) {
  auto args = http::bench::ParseArgs(argc, argv, "libs/http server with /hello (I/O thread) and /hello-pool (workers)");
  auto signals = http::bench::BlockStopSignals();
  core::WorkerPool workers("bench", static_cast<std::size_t>(args.workers), 4096);
  http::Router router;
  auto hello = [](http::Request&) { return http::Response::Text(200, "hello", "text/plain"); };
  router.Add({"GET", "/hello", "", {}, {}, true, hello});
  router.Add({"GET", "/hello-pool", "", {}, {}, false, hello});
  http::ServerOptions options;
  options.port = args.port;
  options.io_threads = args.threads;
  http::Server server(options, router, {}, workers);
  server.Start();
  http::bench::AnnounceAndWait(server.port(), signals);
  server.Stop();
  return 0;
}
