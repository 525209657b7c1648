#include "greenlane/rpc/channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>

#include "abseil_mutexes.h"
#include "credentials.h"
#include "keepalive.h"

namespace greenlane::rpc {

std::shared_ptr<grpc::Channel> MakeChannel(const ChannelOptions& options) {
  internal::DisableAbseilDeadlockDetection();
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, internal::kClientKeepaliveTimeMs);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, internal::kClientKeepaliveTimeoutMs);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  if (!options.server_name_override.empty()) args.SetSslTargetNameOverride(options.server_name_override);
  return grpc::CreateCustomChannel(options.target, internal::MakeChannelCredentials(options.tls), args);
}

void SetDeadline(grpc::ClientContext& context, std::chrono::milliseconds timeout) {
  context.set_deadline(std::chrono::system_clock::now() + timeout);
}

}  // namespace greenlane::rpc
