#include "log_file.hpp"

#include "../common/open_input.hpp"
#include "../common/quote.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pthread.h>

namespace wc {

namespace {

common::Fd open_for_log(const std::string& path)
{
    return common::Fd(open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
}

// The descriptor itself, when /proc cannot open it again: a duplicate
// (sharing its offset: a log then appends only if fd does), if it can be
// written to.
common::Fd duplicate_for_log(int fd)
{
    const int flags = fcntl(fd, F_GETFL);
    if ((flags & O_ACCMODE) == O_RDONLY) {
        errno = EBADF;
        return common::Fd();
    }
    return common::Fd(fcntl(fd, F_DUPFD_CLOEXEC, 3));
}

}  // namespace

common::Fd open_log_file(const std::string& path, const common::StdFds& found)
{
    auto fd = common::descriptor_itself(path);
    if (!fd)
        return open_for_log(path);
    if (common::not_given(*fd, found) || fcntl(*fd, F_GETFD) < 0) {
        errno = ENOENT;
        return common::Fd();
    }
    common::Fd log = open_for_log(path);
    if (log || errno != ENOENT)
        return log;
    return duplicate_for_log(*fd);  // no /proc: /dev/fd/N names nothing
}

bool write_log(int fd, std::string_view line)
{
    sigset_t pipe_only;
    sigset_t old;
    sigset_t pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    // One already waiting (the invoker blocked SIGPIPE) is not the log's.
    const bool waiting = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
    const bool written = common::write_all(fd, line.data(), line.size());
    const int err = errno;
    if (!written && err == EPIPE && !waiting) {
        const timespec now{0, 0};
        while (sigtimedwait(&pipe_only, nullptr, &now) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = err;
    return written;
}

std::string log_open_failure(const std::string& path, int err)
{
    return "cannot open log " + common::quote_always(path) + ": " + std::strerror(err);
}

std::string log_write_failure(const std::string& path, int err)
{
    return "cannot write log " + common::quote_always(path) + ": " + std::strerror(err);
}

}  // namespace wc
