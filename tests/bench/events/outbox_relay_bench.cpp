// Load driver for the outbox relay: fills an outbox with committed events, then times a relay
// draining it into Redis. Prints one line scripts/bench can parse:
//   outbox_relay events_per_s=<n> events=<n> seconds=<s>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>

#include "greenlane/events/outbox.h"
#include "greenlane/events/relay.h"
#include "greenlane/pg/pool.h"
#include "greenlane/redis/pool.h"

using namespace greenlane;

namespace {

std::string EnvOr(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// A schema and a topic of its own, so the bench can run beside tests on the same servers.
struct Scratch {
  Scratch(pg::Pool& pool, redis::Pool& redis_pool, const std::string& name)
      : pg(pool), redis(redis_pool), schema(name) {
    topic = name + ".certificate.issued";
    auto lease = pg.Acquire();
    pqxx::work tx(*lease);
    tx.exec("CREATE SCHEMA " + schema + ";" + events::OutboxInboxDdl(schema));
    tx.commit();
  }
  ~Scratch() {
    auto lease = pg.Acquire();
    pqxx::work tx(*lease);
    tx.exec("DROP SCHEMA " + schema + " CASCADE");
    tx.commit();
    redis.Acquire()->Command({"DEL", events::StreamName(topic)});
  }
  pg::Pool& pg;
  redis::Pool& redis;
  std::string schema;
  std::string topic;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times the outbox relay publishing committed events to Redis streams"};
  std::string pg_url = EnvOr("GREENLANE_TEST_PG_URL");
  std::string redis_url = EnvOr("GREENLANE_TEST_REDIS_URL");
  int event_count = 100000;
  int insert_batch = 1000;
  std::size_t relay_batch = 500;
  app.add_option("--pg-url", pg_url, "PostgreSQL URL (default: $GREENLANE_TEST_PG_URL)");
  app.add_option("--redis-url", redis_url, "Redis URL (default: $GREENLANE_TEST_REDIS_URL)");
  app.add_option("--events", event_count, "events to publish")->check(CLI::Range(1, 10000000));
  app.add_option("--insert-batch", insert_batch, "events per inserting transaction")->check(CLI::Range(1, 100000));
  app.add_option("--relay-batch", relay_batch, "RelayOptions::batch_size")->check(CLI::Range(1, 100000));
  CLI11_PARSE(app, argc, argv);
  if (pg_url.empty() || redis_url.empty()) {
    std::cerr << "bench_outbox_relay: set GREENLANE_TEST_PG_URL and GREENLANE_TEST_REDIS_URL (run through "
                 "scripts/test-services) or pass --pg-url and --redis-url\n";
    return 2;
  }

  try {
    pg::Pool pg_pool(pg::PoolOptions{.url = pg_url, .size = 2});
    redis::Pool redis_pool(redis::Options{.url = redis_url, .size = 2, .timeout = std::chrono::seconds(5)});
    Scratch scratch(pg_pool, redis_pool, "bench_relay_" + std::to_string(::getpid()));

    {
      auto lease = pg_pool.Acquire();
      for (int done = 0; done < event_count;) {
        pqxx::work tx(*lease);
        for (int i = 0; i < insert_batch && done < event_count; ++i, ++done) {
          events::Publish(tx, scratch.schema, scratch.topic,
                          {{"certificate", "GA-EC-2026-" + std::to_string(done)},
                           {"species", "Pericopsis elata"},
                           {"volume_m3", 12.5}});
        }
        tx.commit();
      }
    }

    events::Relay relay(pg_pool, redis_pool, {.schema = scratch.schema, .batch_size = relay_batch});
    const auto started = std::chrono::steady_clock::now();
    std::size_t published = 0;
    while (const std::size_t n = relay.RunOnce()) published += n;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (published != static_cast<std::size_t>(event_count)) {
      std::cerr << "bench_outbox_relay: published " << published << " of " << event_count << " events\n";
      return 1;
    }
    std::printf("outbox_relay events_per_s=%.0f events=%zu seconds=%.3f\n", static_cast<double>(published) / seconds,
                published, seconds);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_outbox_relay: " << e.what() << "\n";
    return 1;
  }
}
