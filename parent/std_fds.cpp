#include "std_fds.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace parent {

StdFds reserve_std_fds() noexcept
{
    StdFds fds;
    for (int fd = 0; fd < 3; ++fd) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        fds.closed[fd] = true;
        // open returns the lowest free fd: this one, as all below are open.
        int opened;
        do
            opened = open("/dev/null", O_RDWR);
        while (opened < 0 && errno == EINTR);
    }
    return fds;
}

}  // namespace parent
