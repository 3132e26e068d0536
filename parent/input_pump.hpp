// Moves parent's input (its stdin, or a --text string) into the child's stdin.
//
// One fixed buffer: the source is read only once the child has taken all of
// the previous chunk, so memory stays bounded however fast the source is and
// however slow the child. This is the one unit that copies input, where a
// splice(2) path can later slot in.
#pragma once

#include <cstddef>
#include <string>

namespace parent {

class InputPump {
public:
    // Reads fd (not owned) until EOF. Its flags are left alone: parent's
    // stdin may be shared with other processes (a terminal, a shell's pipe),
    // so it is read only when poll says it is readable.
    [[nodiscard]] static InputPump from_fd(int fd);
    [[nodiscard]] static InputPump from_text(std::string text);

    enum class Need {
        source,   // poll source_fd() for reading, then call read_source()
        child,    // poll the child's stdin for writing, then call write_child()
        nothing,  // all input delivered: close the child's stdin
    };
    [[nodiscard]] Need need() const noexcept;
    [[nodiscard]] int source_fd() const noexcept { return source_fd_; }

    // False on a read error (errno kept in source_error()); EOF is not one.
    [[nodiscard]] bool read_source() noexcept;
    // False when the child no longer reads (EPIPE): stop streaming.
    [[nodiscard]] bool write_child(int child_fd) noexcept;

    [[nodiscard]] int source_error() const noexcept { return source_error_; }

private:
    InputPump(int fd, std::string buffer, std::size_t end, bool eof);

    int source_fd_;
    std::string buffer_;
    std::size_t begin_ = 0;  // [begin_, end_) is still to be written
    std::size_t end_;
    bool eof_;
    int source_error_ = 0;
};

}  // namespace parent
