#include "file_split.hpp"

#include "../common/fd.hpp"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

namespace parent {

std::uint64_t range_count(std::uint64_t size, unsigned jobs) noexcept
{
    if (size < split_min_bytes || jobs < 2)
        return 1;
    return std::min<std::uint64_t>(jobs, size / range_min_bytes);
}

std::vector<ByteRange> split_at_newlines(std::uint64_t size, std::uint64_t count,
                                         const NewlineFinder& find)
{
    std::vector<ByteRange> ranges;
    std::uint64_t start = 0;
    for (std::uint64_t k = 1; k < count; ++k) {
        std::uint64_t planned = size / count * k;
        if (planned < start)  // the last cut overshot this point
            continue;
        std::optional<std::uint64_t> newline = find(planned, newline_window);
        if (!newline || *newline + 1 >= size)
            continue;
        std::uint64_t cut = *newline + 1;
        ranges.push_back({start, cut - start});
        start = cut;
    }
    if (start < size || ranges.empty())
        ranges.push_back({start, size - start});
    return ranges;
}

namespace {

// The first '\n' in [from, from + window) of fd, reading a block at a time.
std::optional<std::uint64_t> find_newline(int fd, std::uint64_t from, std::uint64_t window)
{
    char block[64 * 1024];
    for (std::uint64_t done = 0; done < window;) {
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof block, window - done));
        ssize_t n = common::pread_some(fd, block, want, static_cast<off_t>(from + done));
        if (n <= 0)
            return std::nullopt;
        if (const void* hit = std::memchr(block, '\n', static_cast<std::size_t>(n)))
            return from + done + static_cast<std::uint64_t>(static_cast<const char*>(hit) - block);
        done += static_cast<std::uint64_t>(n);
    }
    return std::nullopt;
}

}  // namespace

NewlineFinder newline_finder(int fd)
{
    return [fd](std::uint64_t from, std::uint64_t window) { return find_newline(fd, from, window); };
}

FilePlan plan_file(const std::string& name, unsigned jobs)
{
    FilePlan plan;
    common::Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    struct stat st {};
    if (!fd || fstat(fd.get(), &st) < 0 || !S_ISREG(st.st_mode))
        return plan;  // its worker will say what is wrong, if anything
    plan.size = static_cast<std::uint64_t>(st.st_size);
    const std::uint64_t count = range_count(*plan.size, jobs);
    if (count > 1)
        plan.ranges = split_at_newlines(*plan.size, count, newline_finder(fd.get()));
    if (plan.ranges.size() < 2)
        plan.ranges.clear();
    return plan;
}

}  // namespace parent
