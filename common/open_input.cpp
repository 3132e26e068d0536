#include "open_input.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

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

// The directory part of name, resolved (realpath(3)); "" if it cannot be.
std::string real_directory(const std::string& name)
{
    const std::size_t slash = name.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : name.substr(0, slash + 1);
    const std::unique_ptr<char, decltype(&std::free)> real(realpath(dir.c_str(), nullptr),
                                                           &std::free);
    return real ? std::string(real.get()) : std::string();
}

// What stands at a standard descriptor the process was not given (a
// placeholder, or a list read whole), opened by another spelling of its
// name (/dev/./stdin). Only a file that is the same as what stands there
// is looked at further: most names cost two fstat(2) here, and only while
// a standard descriptor is not given.
bool reaches_closed_standard(const std::string& name, int fd, const StdFds& found)
{
    struct stat opened {};
    if (!(found.closed[0] || found.closed[1] || found.closed[2]) || fstat(fd, &opened) != 0)
        return false;
    for (int k = 0; k < 3; ++k) {
        struct stat held {};
        if (found.closed[k] && fstat(k, &held) == 0 && held.st_dev == opened.st_dev &&
            held.st_ino == opened.st_ino) {
            const std::optional<int> reached = descriptor_reached(name);
            return reached && *reached == k;
        }
    }
    return false;
}

}  // namespace

std::optional<int> descriptor_reached(const std::string& name)
{
    if (auto fd = descriptor_named(name))
        return fd;
    const std::string pid = std::to_string(getpid());
    const std::string fd_dir = "/proc/" + pid + "/fd";
    const std::string task_fd_dir = "/proc/" + pid + "/task/" + pid + "/fd";
    std::string path = name;
    for (int links = 0; links < 40; ++links) {  // as many as the kernel follows
        const std::string dir = real_directory(path);
        const std::string last = path.substr(path.rfind('/') + 1);
        if (dir.empty() || last.empty())
            return std::nullopt;
        if (dir == fd_dir || dir == task_fd_dir) {
            auto n = leading_number(last);
            return n ? std::optional<int>(n->fd) : std::nullopt;
        }
        char target[4096];
        const ssize_t len = readlink(path.c_str(), target, sizeof target);
        if (len <= 0 || static_cast<std::size_t>(len) == sizeof target)
            return std::nullopt;  // not a link: the name is a file's own
        path.assign(target, static_cast<std::size_t>(len));
        if (path[0] != '/')
            path = dir + "/" + path;
    }
    return std::nullopt;
}

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

Fd open_input(const std::string& name, const StdFds& found, int& err, int flags, Spelling spelling)
{
    std::optional<int> own =
        spelling == Spelling::any ? descriptor_reached(name) : descriptor_named(name);
    if (own && not_given(*own, found)) {
        err = ENOENT;
        return Fd();
    }
    Fd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | flags));
    if (!fd)
        err = errno;
    else if (!own && reaches_closed_standard(name, fd.get(), found)) {
        fd.reset();
        err = ENOENT;
    }
    return fd;
}

}  // namespace common
