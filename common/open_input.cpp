#include "open_input.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>

namespace common {

namespace {

// What a name of a descriptor denotes: the descriptor, and whether the name
// ends there (/dev/fd/3, not /dev/fd/3/x).
struct Named {
    int fd;
    bool whole;
};

// "N" or "N/...", N as the kernel lists descriptors; the number, if so.
std::optional<Named> leading_number(std::string_view rest)
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
    return Named{static_cast<int>(n), digits == rest.size()};
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

std::optional<Named> named(std::string_view name)
{
    constexpr std::string_view std_names[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int fd = 0; fd < 3; ++fd) {
        std::string_view std_name = std_names[fd];
        if (starts_with(name, std_name) &&
            (name.size() == std_name.size() || name[std_name.size()] == '/'))
            return Named{fd, name.size() == std_name.size()};
    }
    for (std::string_view dir : {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"})
        if (starts_with(name, dir))
            return leading_number(name.substr(dir.size()));
    return std::nullopt;
}

}  // namespace

std::optional<int> descriptor_named(std::string_view name)
{
    auto n = named(name);
    return n ? std::optional<int>(n->fd) : std::nullopt;
}

std::optional<int> descriptor_itself(std::string_view name)
{
    auto n = named(name);
    return n && n->whole ? std::optional<int>(n->fd) : std::nullopt;
}

bool not_given(int fd, const StdFds& found)
{
    return fd < 3 ? found.closed[fd] : opened_here(fd);
}

Fd open_input(const std::string& name, const StdFds& found, int& err, int flags)
{
    std::optional<int> own = descriptor_named(name);
    if (own && not_given(*own, found)) {
        err = ENOENT;
        return Fd();
    }
    Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | flags));
    if (!fd)
        err = errno;
    return fd;
}

}  // namespace common
