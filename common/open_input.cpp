#include "open_input.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>

namespace common {

namespace {

// "N" or "N/...", N as the kernel lists descriptors; the number, if so.
std::optional<int> leading_number(std::string_view rest)
{
    std::size_t digits = 0;
    long long n = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
        n = n * 10 + (rest[digits] - '0');
        if (n > INT_MAX)
            return std::nullopt;
        ++digits;
    }
    if (digits == 0 || (digits > 1 && rest[0] == '0'))
        return std::nullopt;
    if (digits < rest.size() && rest[digits] != '/')
        return std::nullopt;
    return static_cast<int>(n);
}

bool starts_with(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

// Whether fd is one the process opened itself: every one it opens is
// close-on-exec, and one it inherited never is (exec closed those).
bool opened_here(int fd)
{
    int flags = fcntl(fd, F_GETFD);
    return flags >= 0 && (flags & FD_CLOEXEC) != 0;
}

}  // namespace

std::optional<int> descriptor_named(std::string_view name)
{
    constexpr std::string_view std_names[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int fd = 0; fd < 3; ++fd) {
        std::string_view std_name = std_names[fd];
        if (starts_with(name, std_name) &&
            (name.size() == std_name.size() || name[std_name.size()] == '/'))
            return fd;
    }
    for (std::string_view dir : {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"})
        if (starts_with(name, dir))
            return leading_number(name.substr(dir.size()));
    return std::nullopt;
}

Fd open_input(const std::string& name, const StdFds& found, int& err, int flags)
{
    std::optional<int> own = descriptor_named(name);
    if (own && (*own < 3 ? found.closed[*own] : opened_here(*own))) {
        err = ENOENT;
        return Fd();
    }
    Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | flags));
    if (!fd)
        err = errno;
    return fd;
}

}  // namespace common
