// File-descriptor helpers shared by parent and word_counter.
//
// Fd owns one descriptor and closes it exactly once. Every wrapper retries
// EINTR, so a signal arriving mid-call (SIGCHLD, SIGWINCH, a stop and
// continue) is never mistaken for a failure.
#pragma once

#include <cstddef>
#include <sys/types.h>

namespace common {

// What one read(2) of an input asks for: word_counter's buffer, and parent's
// for a socket that keeps message boundaries (datagram, seqpacket), where a
// read takes one message and drops what does not fit: the two must ask the
// same to count the same.
inline constexpr std::size_t input_read_size = 256 * 1024;

class Fd {
public:
    Fd() noexcept = default;
    explicit Fd(int fd) noexcept : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }

    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] bool valid() const noexcept { return fd_ >= 0; }
    explicit operator bool() const noexcept { return valid(); }

    // Gives up ownership without closing.
    int release() noexcept;
    // Closes now (if open); returns close(2)'s errno, or 0.
    int reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

struct Pipe {
    Fd read;
    Fd write;
};

// pipe2(O_CLOEXEC); returns false with errno set on failure.
[[nodiscard]] bool make_pipe(Pipe& p) noexcept;

// read(2), retrying EINTR. Returns bytes read, 0 at EOF, -1 with errno.
[[nodiscard]] ssize_t read_some(int fd, void* buf, std::size_t len) noexcept;

// pread(2) at offset, retrying EINTR; as read_some otherwise.
[[nodiscard]] ssize_t pread_some(int fd, void* buf, std::size_t len, off_t offset) noexcept;

// Reads until len bytes or EOF; returns the count, or -1 with errno.
[[nodiscard]] ssize_t read_full(int fd, void* buf, std::size_t len) noexcept;

// Writes all of buf, retrying EINTR and short writes. Returns false with
// errno set on failure (EPIPE included: callers ignore SIGPIPE or not).
[[nodiscard]] bool write_all(int fd, const void* buf, std::size_t len) noexcept;

// Sets or clears O_NONBLOCK; returns false with errno on failure.
[[nodiscard]] bool set_nonblocking(int fd, bool on) noexcept;

}  // namespace common
