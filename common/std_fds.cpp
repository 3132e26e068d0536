#include "std_fds.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace common {

StdFds reserve_std_fds(StdFdFill fill) noexcept
{
    StdFds fds;
    for (int fd = 0; fd < 3; ++fd) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        fds.closed[fd] = true;
        int mode = O_RDWR;
        if (fill == StdFdFill::unusable)
            mode = fd == 0 ? O_WRONLY : O_RDONLY;
        // open returns the lowest free fd: this one, as all below are open.
        int opened;
        do
            opened = open("/dev/null", mode);
        while (opened < 0 && errno == EINTR);
    }
    return fds;
}

}  // namespace common
