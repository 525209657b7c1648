#include "greenlane/core/socket.h"

#include <poll.h>

namespace greenlane::core {

bool IdleSocketHasInput(int fd) {
  pollfd descriptor{fd, POLLIN, 0};
  return ::poll(&descriptor, 1, 0) != 0;
}

}  // namespace greenlane::core
