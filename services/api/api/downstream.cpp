#include "api/downstream.h"

#include <optional>

#include "greenlane/rpc/channel.h"

namespace greenlane::api {
namespace {

Downstream::Service Connect(const char* name, const char* variable, const std::string& address,
                            const rpc::TlsFiles& tls) {
  if (address.empty()) return {name, variable, nullptr};
  std::optional<rpc::TlsFiles> files;
  if (!tls.ca_file.empty()) files = tls;
  return {name, variable, rpc::MakeChannel({.target = address, .tls = files, .server_name_override = ""})};
}

}  // namespace

Downstream::Downstream(const DownstreamSettings& s)
    : ingest(Connect("ingest", "GREENLANE_API_INGEST_ADDRESS", s.ingest, s.tls)),
      timber(Connect("timber", "GREENLANE_API_TIMBER_ADDRESS", s.timber, s.tls)),
      cites(Connect("cites", "GREENLANE_API_CITES_ADDRESS", s.cites, s.tls)),
      identify(Connect("identify", "GREENLANE_API_IDENTIFY_ADDRESS", s.identify, s.tls)),
      risk(Connect("risk", "GREENLANE_API_RISK_ADDRESS", s.risk, s.tls)),
      timeout(s.timeout) {}

}  // namespace greenlane::api
