#include "count_fd.hpp"

#include "../common/fd.hpp"
#include "../common/pipe_size.hpp"
#include "parallel_count.hpp"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace wc {

namespace {

// -c alone on a regular file: its size from the current offset on, as GNU
// wc does, without reading it. A size that is a multiple of the page size
// may be a placeholder (sysfs says 4096 whatever it holds), so the last page
// of those is left to be read. Returns the bytes skipped; 0 when not seekable.
std::uint64_t skip_by_size(int fd, const struct stat& st) noexcept
{
    if (!S_ISREG(st.st_mode) || st.st_size <= 0)
        return 0;
    const off_t page = sysconf(_SC_PAGESIZE);
    const off_t end = st.st_size % page != 0 ? st.st_size : st.st_size - page;
    const off_t pos = lseek(fd, 0, SEEK_CUR);
    if (pos < 0 || pos >= end || lseek(fd, end, SEEK_SET) < 0)
        return 0;
    return static_cast<std::uint64_t>(end - pos);
}

// The next read's size: a buffer, or what is left of limit.
std::size_t next_read(std::uint64_t limit, std::uint64_t done) noexcept
{
    return static_cast<std::size_t>(std::min<std::uint64_t>(ReadBuffer::size, limit - done));
}

// What is left after skip_by_size(), or a pipe: bytes only, nothing decoded.
int count_bytes(int fd, const struct stat& st, unsigned char* buffer, Totals& t,
                std::uint64_t limit) noexcept
{
    t.bytes = limit == UINT64_MAX ? skip_by_size(fd, st) : 0;
    while (t.bytes < limit) {
        ssize_t n = common::read_some(fd, buffer, next_read(limit, t.bytes));
        if (n <= 0)
            return n < 0 ? errno : 0;
        t.bytes += static_cast<std::uint64_t>(n);
    }
    return 0;
}

}  // namespace

int count_stream(int fd, off_t at, std::uint64_t limit, ReadBuffer& buffer,
                 const CountOptions& opts, SimdPath path, Totals& t) noexcept
{
    unsigned char* const data = buffer.data();
    FastCounter counter(opts, path);
    std::size_t held = 0;  // bytes feed() handed back, just before data
    std::uint64_t done = 0;
    int err = 0;
    while (done < limit) {
        const std::size_t want = next_read(limit, done);
        ssize_t n = at < 0 ? common::read_some(fd, data, want)
                           : common::pread_some(fd, data, want, at + static_cast<off_t>(done));
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            break;
        }
        done += static_cast<std::uint64_t>(n);
        unsigned char* const start = data - held;
        const std::size_t len = held + static_cast<std::size_t>(n);
        const std::size_t counted = counter.feed(start, len);
        held = len - counted;
        std::memmove(data - held, start + counted, held);
    }
    t = counter.finish(data - held, held);
    return err;
}

struct stat stat_of(int fd) noexcept
{
    struct stat st {};
    if (fstat(fd, &st) < 0)
        st = {};
    return st;
}

// One fstat serves every decision of the other count_fd.
int count_fd(int fd, const CountOptions& opts, Totals& t, std::uint64_t limit) noexcept
{
    return count_fd(fd, stat_of(fd), opts, t, limit);
}

int count_fd(int fd, const struct stat& st, const CountOptions& opts, Totals& t,
             std::uint64_t limit) noexcept
{
    // A pipe (`cat FILE | word_counter`) delivers 64 KiB per wake-up unless
    // it is made bigger: 1.3x faster with 1 MiB (common/pipe_size.cpp).
    common::enlarge_pipe(fd, st);
    // A buffer per thread; one that no thread uses is never touched, so it
    // takes address space but no memory.
    static ReadBuffer buffers[max_threads];
    if (opts.bytes_only)
        return count_bytes(fd, st, buffers[0].data(), t, limit);
    const SplitPlan plan = plan_split(fd, st, limit, machine_split_rule());
    if (plan.chunks > 0)
        return count_split(fd, plan, opts, buffers, t);
    return count_stream(fd, -1, limit, buffers[0], opts, path_for(opts), t);
}

}  // namespace wc
