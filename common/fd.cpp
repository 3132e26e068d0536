#include "fd.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace common {

Fd& Fd::operator=(Fd&& other) noexcept
{
    if (this != &other)
        reset(other.release());
    return *this;
}

int Fd::release() noexcept
{
    int fd = fd_;
    fd_ = -1;
    return fd;
}

int Fd::reset(int fd) noexcept
{
    int err = 0;
    // close(2) is not retried on EINTR: on Linux the descriptor is already
    // gone, and a retry could close one another thread just opened.
    if (fd_ >= 0 && close(fd_) < 0 && errno != EINTR)
        err = errno;
    fd_ = fd;
    return err;
}

bool make_pipe(Pipe& p) noexcept
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return false;
    p.read.reset(fds[0]);
    p.write.reset(fds[1]);
    return true;
}

ssize_t read_some(int fd, void* buf, std::size_t len) noexcept
{
    ssize_t n;
    do
        n = read(fd, buf, len);
    while (n < 0 && errno == EINTR);
    return n;
}

ssize_t pread_some(int fd, void* buf, std::size_t len, off_t offset) noexcept
{
    ssize_t n;
    do
        n = pread(fd, buf, len, offset);
    while (n < 0 && errno == EINTR);
    return n;
}

ssize_t read_full(int fd, void* buf, std::size_t len) noexcept
{
    auto* p = static_cast<char*>(buf);
    std::size_t done = 0;
    while (done < len) {
        ssize_t n = read_some(fd, p + done, len - done);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

bool write_all(int fd, const void* buf, std::size_t len) noexcept
{
    const auto* p = static_cast<const char*>(buf);
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        len -= static_cast<std::size_t>(n);
    }
    return true;
}

bool set_nonblocking(int fd, bool on) noexcept
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return false;
    int wanted = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    return wanted == flags || fcntl(fd, F_SETFL, wanted) == 0;
}

}  // namespace common
