#pragma once

namespace greenlane::core {

/// True when input (or end of file) waits on `fd`. On an idle client connection, where the server
/// has nothing to say, that input is the server's goodbye (a restart, a killed session, an idle
/// timeout): pools drop such a connection instead of failing the next caller's request. A rare
/// false alarm only costs a reconnect.
bool IdleSocketHasInput(int fd);

}  // namespace greenlane::core
