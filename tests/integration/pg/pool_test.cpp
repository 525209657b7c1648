#include "greenlane/pg/pool.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "greenlane/core/error.h"
#include "greenlane/pg/test_database.h"

using namespace std::chrono_literals;
using greenlane::core::ErrorKind;
using greenlane::core::GreenlaneException;
using greenlane::pg::Pool;
using greenlane::pg::PoolOptions;
using greenlane::pg::TestDatabase;

namespace {

int BackendPid(Pool::Lease& lease) {
  pqxx::nontransaction tx(*lease);
  return tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
}

// Ends a backend the way an administrator or a failover would, and waits until it is gone.
void TerminateBackend(const std::string& url, int pid) {
  pqxx::connection admin(url);
  pqxx::nontransaction tx(admin);
  tx.exec_params("SELECT pg_terminate_backend($1)", pid);
  for (int i = 0; i < 100; ++i) {
    if (tx.exec_params1("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid)[0].as<int>() == 0) return;
    std::this_thread::sleep_for(10ms);
  }
  FAIL("backend " << pid << " did not exit");
}

ErrorKind KindOf(const std::function<void()>& action, std::string* message) {
  try {
    action();
  } catch (const GreenlaneException& e) {
    *message = e.what();
    return e.error().kind;
  }
  FAIL("expected a GreenlaneException");
  return ErrorKind::kInternal;
}

}  // namespace

TEST_CASE("a returned connection is reused by the next checkout") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 2});
  CHECK(pool.OpenConnections() == 0);
  int first_pid = 0;
  {
    auto lease = pool.Acquire();
    first_pid = BackendPid(lease);
    CHECK(pool.OpenConnections() == 1);
  }
  auto lease = pool.Acquire();
  CHECK(BackendPid(lease) == first_pid);
  CHECK(pool.OpenConnections() == 1);
  CHECK(pool.Size() == 2);
}

TEST_CASE("checkouts beyond the pool size wait for a return, then time out naming the wait") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 2, .checkout_timeout = 300ms});
  auto a = pool.Acquire();
  auto b = pool.Acquire();

  std::string message;
  const auto started = std::chrono::steady_clock::now();
  CHECK(KindOf([&] { pool.Acquire(); }, &message) == ErrorKind::kUnavailable);
  CHECK(std::chrono::steady_clock::now() - started >= 300ms);
  CHECK_THAT(message, Catch::Contains("within 300 ms") && Catch::Contains("all 2 connections"));
  CHECK_THAT(message, !Catch::Contains("test@"));

  const int b_pid = BackendPid(b);
  auto waiter = std::async(std::launch::async, [&] { return pool.Acquire(5s); });
  std::this_thread::sleep_for(100ms);
  CHECK(waiter.wait_for(0ms) == std::future_status::timeout);
  { auto returned = std::move(b); }
  auto c = waiter.get();
  CHECK(BackendPid(c) == b_pid);
  CHECK(pool.OpenConnections() == 2);
}

TEST_CASE("an idle connection whose backend was terminated is replaced before anyone uses it") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 1});
  int old_pid = 0;
  {
    auto lease = pool.Acquire();
    old_pid = BackendPid(lease);
  }
  TerminateBackend(db.url(), old_pid);

  auto lease = pool.Acquire();
  const int new_pid = BackendPid(lease);
  CHECK(new_pid != old_pid);
  CHECK(pool.OpenConnections() == 1);
}

TEST_CASE("a connection that breaks while leased is dropped on return and replaced") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 1});
  int old_pid = 0;
  {
    auto lease = pool.Acquire();
    old_pid = BackendPid(lease);
    TerminateBackend(db.url(), old_pid);
    pqxx::nontransaction tx(*lease);
    CHECK_THROWS_AS(tx.exec("SELECT 1"), pqxx::broken_connection);
  }
  CHECK(pool.OpenConnections() == 0);
  auto lease = pool.Acquire();
  CHECK(BackendPid(lease) != old_pid);
}

TEST_CASE("prepared statements exist on every connection of the pool") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 2, .prepared = {{"next_number", "SELECT $1::int + 1"}}});
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  CHECK(BackendPid(a) != BackendPid(b));
  for (auto* lease : {&a, &b}) {
    pqxx::work tx(**lease);
    CHECK(tx.exec1("SELECT count(*) FROM pg_prepared_statements WHERE name = 'next_number'")[0].as<int>() == 1);
    CHECK(tx.exec_prepared1("next_number", 41)[0].as<int>() == 42);
  }
}

TEST_CASE("a prepared statement that does not prepare fails the checkout naming the statement") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 1, .prepared = {{"broken", "SELEKT 1"}}});
  std::string message;
  CHECK(KindOf([&] { pool.Acquire(); }, &message) == ErrorKind::kInternal);
  CHECK_THAT(message, Catch::Contains("\"broken\""));
  CHECK(pool.OpenConnections() == 0);
}

TEST_CASE("a pool can be built while PostgreSQL is down and reports it without the password") {
  Pool pool(PoolOptions{.url = "postgresql://greenlane:hunter2@127.0.0.1:1/greenlane", .checkout_timeout = 300ms});
  std::string message;
  CHECK(KindOf([&] { pool.Acquire(); }, &message) == ErrorKind::kUnavailable);
  CHECK_THAT(message, Catch::Contains("cannot connect to PostgreSQL at postgresql://greenlane:***@127.0.0.1:1"));
  CHECK_THAT(message, !Catch::Contains("hunter2"));
  CHECK_FALSE(pool.Ping());
  CHECK(pool.OpenConnections() == 0);
}

TEST_CASE("Ping answers true when the database is up") {
  TestDatabase db("gl_pool");
  Pool pool(PoolOptions{.url = db.url(), .size = 1});
  CHECK(pool.Ping());
}
