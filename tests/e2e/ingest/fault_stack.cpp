#include "fault_stack.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iomanip>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "greenlane/http/client.h"
#include "greenlane/pg/migrations.h"

namespace greenlane::e2e {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds kStopTimeout{20};
constexpr std::chrono::seconds kStartTimeout{30};
constexpr const char* kGateway = "gateway-demo";

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(name << " is not set: run the end-to-end tests through scripts/test (or eval \"$(scripts/test-services "
                 "start DIR)\")");
  }
  return value;
}

void MigrateIngest(const std::string& url) {
  pqxx::connection connection(url);
  const auto report = pg::ApplyMigrations(connection, "ingest",
                                          pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/ingest"));
  if (!report.ok()) FAIL("ingest migrations failed: " << report.error().message);
}

int CountRegularFiles(const fs::path& dir) {
  int count = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.')) ++count;
  }
  return count;
}

// The port the gateway printed in its "started" line: {"metrics_port":N}.
std::optional<unsigned short> MetricsPortIn(const fs::path& log) {
  std::ifstream in(log);
  const std::string key = "\"metrics_port\":";
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(key);
    if (at != std::string::npos) return static_cast<unsigned short>(std::stoi(line.substr(at + key.size())));
  }
  return std::nullopt;
}

}  // namespace

std::string RefrigerantCsv(const std::string& serial, int first, int count, ReadingSet* expected) {
  std::ostringstream csv;
  csv << "Serial,Test No,Date,Time,Sample ID,Cylinder Label,R22 %,R134a %,HC %,Air %,Result\n";
  for (int n = first; n < first + count; ++n) {
    // Captures one second apart from 2026-11-03 00:00:00, so every reading has its own capture time too.
    const int day = 3 + n / 86400, second = n % 86400;
    csv << serial << ',' << n << ",2026-11-" << std::setw(2) << std::setfill('0') << day << ',' << std::setw(2)
        << second / 3600 << ':' << std::setw(2) << second / 60 % 60 << ':' << std::setw(2) << second % 60
        << std::setfill(' ') << ",CYL-" << n << ",R-134a,0.0,99.1,0.3,0.6,PASS R134a\n";
    if (expected) expected->insert(serial + "/" + std::to_string(n));
  }
  return csv.str();
}

fs::path MakeScratchDir(const std::string& name) {
  std::string pattern = (fs::temp_directory_path() / ("gl-e2e-ingest-" + name + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a folder like " + pattern);
  fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  return pattern;
}

// ---- PrivatePostgres

PrivatePostgres::PrivatePostgres(const std::string& name) : dir_(MakeScratchDir(name)), port_(FreePort()) { Start(); }

PrivatePostgres::~PrivatePostgres() {
  try {
    Stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "could not stop the private PostgreSQL in %s: %s\n", dir_.c_str(), e.what());
    return;
  }
  if (std::uncaught_exceptions() > 0) {
    std::fprintf(stderr, "private PostgreSQL folder kept: %s\n", dir_.c_str());
    return;
  }
  std::error_code ignored;  // a leftover scratch folder in /tmp is harmless
  fs::remove_all(dir_, ignored);
}

void PrivatePostgres::RunScript(const std::string& function, const std::vector<std::string>& args) {
  std::vector<std::string> bash_args{"-c", "set -e; source \"$0\"; " + function + " \"$@\"",
                                     std::string(GREENLANE_SOURCE_DIR) + "/scripts/lib/local_stack.sh"};
  bash_args.insert(bash_args.end(), args.begin(), args.end());
  const auto log = dir_ / (function + "-" + std::to_string(++runs_) + ".log");
  ChildProcess script("/bin/bash", bash_args, {{"PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"}}, log);
  const auto status = script.Wait(std::chrono::seconds(90));
  if (!status || *status != 0) {
    throw std::runtime_error(function + " failed (" + (status ? DescribeWaitStatus(*status) : "timed out") + ")\n" +
                             script.LogTail() + "\n(see also " + (dir_ / "pg").string() + "/*.log)");
  }
}

void PrivatePostgres::Start() {
  RunScript("start_postgres", {(dir_ / "pg").string(), std::to_string(port_), "private"});
  running_ = true;
}

void PrivatePostgres::Stop() {
  if (!running_) return;
  running_ = false;
  RunScript("stop_postgres", {(dir_ / "pg").string()});
}

std::string PrivatePostgres::url() const {
  return "postgresql://greenlane:private@127.0.0.1:" + std::to_string(port_) + "/greenlane";
}

// ---- FaultStack

FaultStack::FaultStack(Options options)
    : options_(std::move(options)),
      dir_(MakeScratchDir(options_.name)),
      pki_(RequiredEnv("GREENLANE_TEST_PKI_DIR")),
      redis_url_(RequiredEnv("GREENLANE_TEST_REDIS_URL")),
      ingest_port_(FreePort()) {
  if (options_.pg_url.empty()) {
    db_ = std::make_unique<pg::TestDatabase>("gl_e2e_ingest");
    pg_url_ = db_->url();
  } else {
    pg_url_ = options_.pg_url;
  }
  MigrateIngest(pg_url_);
  fs::create_directories(dir_ / "watch");
}

FaultStack::~FaultStack() {
  edge_.reset();
  ingest_.reset();
  if (std::uncaught_exceptions() > 0) {
    if (!tails_reported_) std::fprintf(stderr, "%sscratch folder kept: %s\n", LogTails().c_str(), dir_.c_str());
    return;
  }
  std::error_code ignored;  // a leftover scratch folder in /tmp is harmless
  fs::remove_all(dir_, ignored);
}

void FaultStack::StartIngest() {
  const std::map<std::string, std::string> env = {
      {"GREENLANE_INGEST_ADDRESS", "127.0.0.1"},
      {"GREENLANE_INGEST_PORT", std::to_string(ingest_port_)},
      {"GREENLANE_INGEST_METRICS_PORT", "0"},
      {"GREENLANE_INGEST_TLS_CERT_FILE", pki_ + "/servers/ingest.crt"},
      {"GREENLANE_INGEST_TLS_KEY_FILE", pki_ + "/servers/ingest.key"},
      {"GREENLANE_INGEST_TLS_CLIENT_CA_FILE", pki_ + "/ca.crt"},
      {"GREENLANE_INGEST_WORKERS", "2"},
      {"GREENLANE_INGEST_PG_URL", pg_url_},
      {"GREENLANE_INGEST_PG_POOL_SIZE", "2"},
      {"GREENLANE_INGEST_REDIS_URL", redis_url_},
      {"GREENLANE_INGEST_SHUTDOWN_GRACE", "1s"},
      {"GREENLANE_INGEST_LOG_LEVEL", "info"},
  };
  const auto log = dir_ / ("ingest-" + std::to_string(++ingest_starts_) + ".log");
  ingest_ = std::make_unique<ChildProcess>(GREENLANE_INGEST_PATH, std::vector<std::string>{}, env, log);
  WaitFor(
      "greenlane-ingest to listen on port " + std::to_string(ingest_port_),
      [&] {
        if (!ingest_->Running()) Fail("greenlane-ingest ended at start-up");
        return ingest_->LogContains("greenlane-ingest listening");
      },
      kStartTimeout);
}

void FaultStack::StartEdge() {
  const std::map<std::string, std::string> env = {
      {"GREENLANE_EDGE_WATCH_REFRIGERANT", (dir_ / "watch").string()},
      {"GREENLANE_EDGE_QUEUE_PATH", (dir_ / "queue.db").string()},
      {"GREENLANE_EDGE_QUEUE_CAPACITY", std::to_string(options_.queue_capacity)},
      {"GREENLANE_EDGE_POLL_INTERVAL", "100ms"},
      {"GREENLANE_EDGE_INGEST_ADDRESS", "127.0.0.1:" + std::to_string(ingest_port_)},
      {"GREENLANE_EDGE_INGEST_SERVER_NAME", "ingest"},
      {"GREENLANE_EDGE_TLS_CA_FILE", pki_ + "/ca.crt"},
      {"GREENLANE_EDGE_TLS_CERT_FILE", pki_ + "/clients/" + kGateway + ".crt"},
      {"GREENLANE_EDGE_TLS_KEY_FILE", pki_ + "/clients/" + kGateway + ".key"},
      {"GREENLANE_EDGE_BATCH_SIZE", std::to_string(options_.batch_size)},
      {"GREENLANE_EDGE_UPLOAD_WINDOW", std::to_string(options_.upload_window)},
      {"GREENLANE_EDGE_ACK_TIMEOUT", "10s"},
      {"GREENLANE_EDGE_BACKOFF_INITIAL", "100ms"},
      {"GREENLANE_EDGE_BACKOFF_MAX", "500ms"},
      {"GREENLANE_EDGE_METRICS_PORT", "0"},
      {"GREENLANE_EDGE_LOG_LEVEL", "info"},
  };
  const auto log = dir_ / ("edge-" + std::to_string(++edge_starts_) + ".log");
  edge_ = std::make_unique<ChildProcess>(GREENLANE_EDGE_PATH, std::vector<std::string>{}, env, log);
  WaitFor(
      "greenlane-edge to start",
      [&] {
        if (!edge_->Running()) Fail("greenlane-edge ended at start-up");
        return MetricsPortIn(edge_->log_file()).has_value();
      },
      kStartTimeout);
}

int FaultStack::StopIngest(int signal) {
  ingest_->Signal(signal);
  const auto status = ingest_->Wait(kStopTimeout);
  if (!status) Fail("greenlane-ingest did not end within 20 s of signal " + std::to_string(signal));
  return *status;
}

int FaultStack::StopEdge(int signal) {
  edge_->Signal(signal);
  const auto status = edge_->Wait(kStopTimeout);
  if (!status) Fail("greenlane-edge did not end within 20 s of signal " + std::to_string(signal));
  return *status;
}

void FaultStack::Drop(const std::string& name, const std::string& content) {
  const fs::path hidden = dir_ / "watch" / ("." + name + ".part");
  {
    std::ofstream out(hidden, std::ios::binary);
    out << content;
    if (!out) Fail("cannot write " + hidden.string());
  }
  fs::rename(hidden, dir_ / "watch" / name);
}

int FaultStack::FilesWaiting() const { return CountRegularFiles(dir_ / "watch"); }

int FaultStack::FilesProcessed() const { return CountRegularFiles(dir_ / "watch" / "processed"); }

long long FaultStack::Query(const std::string& sql) const {
  pqxx::connection connection(pg_url_);
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<long long>();
}

std::optional<double> FaultStack::EdgeMetric(const std::string& name) const {
  const auto port = MetricsPortIn(edge_->log_file());
  if (!port) return std::nullopt;
  http::Client client({.port = *port, .timeout = std::chrono::milliseconds(2000)});
  const auto response = client.Send("GET", "/metrics");
  std::istringstream lines(response.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name + " ")) return std::stod(line.substr(name.size() + 1));
  }
  return std::nullopt;
}

void FaultStack::WaitFor(const std::string& what, const std::function<bool()>& done,
                         std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) {
      Fail("gave up after " + std::to_string(timeout.count()) + " ms waiting for " + what);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void FaultStack::Fail(const std::string& message) const {
  tails_reported_ = true;
  throw std::runtime_error(message + "\n" + LogTails() + "scratch folder kept: " + dir_.string());
}

std::string FaultStack::LogTails() const {
  std::vector<fs::path> logs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    if (entry.path().extension() == ".log") logs.push_back(entry.path());
  }
  std::sort(logs.begin(), logs.end());
  std::string tails;
  for (const auto& log : logs) {
    std::ifstream in(log);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
    tails += "---- " + log.string() + " (last " + std::to_string(std::min<std::size_t>(lines.size(), 25)) + " of " +
             std::to_string(lines.size()) + " lines)\n";
    for (std::size_t i = lines.size() > 25 ? lines.size() - 25 : 0; i < lines.size(); ++i) tails += lines[i] + "\n";
  }
  return tails;
}

void FaultStack::ExpectExactly(const ReadingSet& expected, std::chrono::milliseconds timeout) {
  const auto want = static_cast<long long>(expected.size());
  WaitFor(
      std::to_string(want) + " readings stored and the gateway queue empty",
      [&] {
        if (StoredReadings() < want) return false;
        return edge_ && EdgeMetric("greenlane_edge_queue_depth") == 0.0;
      },
      timeout);

  pqxx::connection connection(pg_url_);
  pqxx::nontransaction tx(connection);
  ReadingSet stored;
  long long rows = 0;
  for (const auto& row : tx.exec("SELECT device_serial || '/' || reading_number FROM ingest.readings")) {
    ++rows;
    stored.insert(row[0].as<std::string>());
  }
  std::string problems;
  if (rows != want) problems += "stored " + std::to_string(rows) + " readings, sent " + std::to_string(want) + "\n";
  if (static_cast<long long>(stored.size()) != rows) {
    problems += std::to_string(rows - static_cast<long long>(stored.size())) + " readings are stored twice\n";
  }
  int shown = 0;
  for (const auto& key : expected) {
    if (!stored.contains(key) && ++shown <= 5) problems += "missing " + key + "\n";
  }
  shown = 0;
  for (const auto& key : stored) {
    if (!expected.contains(key) && ++shown <= 5) problems += "never sent, yet stored: " + key + "\n";
  }
  const auto one = [&](const char* sql) { return tx.exec1(sql)[0].as<long long>(); };
  if (const auto twice = one("SELECT count(*) - count(DISTINCT (gateway_id, sequence)) FROM ingest.gateway_sequences");
      twice != 0) {
    problems += std::to_string(twice) + " (gateway, sequence) pairs recorded twice\n";
  }
  if (const auto orphans = one("SELECT count(*) FROM ingest.readings r WHERE NOT EXISTS "
                               "(SELECT 1 FROM ingest.gateway_sequences g WHERE g.reading_id = r.id)");
      orphans != 0) {
    problems += std::to_string(orphans) + " readings no acknowledged sequence stands for\n";
  }
  const auto events = one("SELECT count(*) FROM ingest.outbox WHERE topic = 'ingest.reading.accepted'");
  const auto event_readings =
      one("SELECT count(DISTINCT payload->>'reading_id') FROM ingest.outbox WHERE topic = 'ingest.reading.accepted'");
  if (events != rows || event_readings != rows) {
    problems += std::to_string(events) + " ingest.reading.accepted events for " + std::to_string(event_readings) +
                " distinct readings; expected one per reading (" + std::to_string(rows) + ")\n";
  }
  if (!problems.empty()) Fail("the ingest database does not hold exactly the readings sent:\n" + problems);
}

}  // namespace greenlane::e2e
