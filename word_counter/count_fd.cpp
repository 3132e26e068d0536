#include "count_fd.hpp"

#include "../common/fd.hpp"

#include <cerrno>
#include <cstddef>

namespace wc {

namespace {

// Large enough that syscall cost vanishes, small enough to stay in L2.
constexpr std::size_t buffer_size = 256 * 1024;

}  // namespace

int count_fd(int fd, const CountOptions& opts, Totals& t) noexcept
{
    alignas(64) static unsigned char buffer[buffer_size];
    Counter counter(opts);
    int err = 0;
    for (;;) {
        ssize_t n = common::read_some(fd, buffer, sizeof buffer);
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            break;
        }
        counter.feed(buffer, static_cast<std::size_t>(n));
    }
    t = counter.finish();
    return err;
}

}  // namespace wc
