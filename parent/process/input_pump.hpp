// Moves one input into a child's stdin: parent's stdin, a --text string, or
// a byte range of a file.
//
// Where the kernel allows, the bytes go from the source straight into the
// child's pipe with splice(2) and never pass through parent's memory. Where
// it refuses (/dev/null, many /proc files, terminals and sockets on some
// kernels: EINVAL), the pump switches for good to one fixed buffer that is
// refilled only once the child has taken all of it. Either way memory stays
// bounded however fast the source is and however slow the child.
#pragma once

#include "../../common/fd.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace proc {

enum class Transfer {
    splice,  // splice(2) where the kernel allows it, else read/write
    copy,    // read/write only (PARENT_NO_SPLICE=1)
};

class InputPump {
public:
    // Reads fd (not owned) from its current offset to EOF. Its flags are
    // left alone: parent's stdin may be shared with other processes (a
    // terminal, a shell's pipe), so it is read only when poll says so.
    [[nodiscard]] static InputPump from_fd(int fd, Transfer how = Transfer::splice);
    // The same for an fd parent owns (a FILE operand): closed with the pump.
    [[nodiscard]] static InputPump from_file(common::Fd fd, Transfer how = Transfer::splice);
    // length bytes of a regular file from offset, read by offset (pread, or
    // splice with an input offset), so neither the fd's own position nor
    // another range's pump reading the same file is disturbed.
    [[nodiscard]] static InputPump from_range(common::Fd fd, std::uint64_t offset,
                                              std::uint64_t length,
                                              Transfer how = Transfer::splice);
    [[nodiscard]] static InputPump from_text(std::string text);

    // What to poll before calling transfer() again.
    enum class Need {
        source,   // source_fd() for reading
        child,    // the child's stdin for writing
        nothing,  // all input delivered: close the child's stdin
    };
    [[nodiscard]] Need need() const noexcept;
    [[nodiscard]] int source_fd() const noexcept { return source_fd_; }

    // Moves what it can, given what poll said. False when streaming must
    // stop: the child no longer reads (EPIPE), or the source failed (then
    // source_error() is its errno). Never blocks: the child's end is
    // O_NONBLOCK and the source is read only when readable.
    [[nodiscard]] bool transfer(int child_fd, bool source_readable, bool child_writable) noexcept;

    [[nodiscard]] int source_error() const noexcept { return source_error_; }
    [[nodiscard]] bool splicing() const noexcept { return splicing_; }
    // Bytes the child has been given so far.
    [[nodiscard]] std::uint64_t delivered() const noexcept { return delivered_; }

private:
    InputPump(int fd, common::Fd owned, mode_t type, Transfer how);

    [[nodiscard]] bool splice_step(int child_fd, bool child_writable) noexcept;
    [[nodiscard]] bool fall_back(int child_fd) noexcept;
    [[nodiscard]] bool copy_step(int child_fd) noexcept;
    [[nodiscard]] bool read_chunk() noexcept;
    [[nodiscard]] bool write_buffer(int child_fd) noexcept;
    void consumed(std::size_t n) noexcept;
    [[nodiscard]] bool source_failed(int err) noexcept;
    [[nodiscard]] bool child_gone() noexcept;

    int source_fd_;
    common::Fd owned_;                     // the source, when it is ours to close
    std::optional<std::uint64_t> offset_;  // read at this offset, else at the fd's own
    std::uint64_t left_ = UINT64_MAX;      // bytes still to take from the source
    bool regular_ = false;                 // a regular file: always readable
    bool splicing_ = false;
    bool readable_ = false;  // poll said so, and nothing has been taken since
    std::string buffer_;     // the copy path's chunk, or the --text
    // Its size: the default pipe capacity, so one chunk fills it (a socket
    // that keeps message boundaries: common::input_read_size).
    std::size_t chunk_ = 64 * 1024;
    std::size_t begin_ = 0;  // [begin_, end_) is still to be written
    std::size_t end_ = 0;
    bool eof_ = false;
    int source_error_ = 0;
    std::uint64_t delivered_ = 0;
};

}  // namespace proc
