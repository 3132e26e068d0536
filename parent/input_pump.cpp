#include "input_pump.hpp"

#include "../common/fd.hpp"

#include <cerrno>
#include <unistd.h>

namespace parent {

namespace {

// The default pipe capacity: one chunk fills the child's pipe.
constexpr std::size_t chunk_bytes = 64 * 1024;

}  // namespace

InputPump::InputPump(int fd, std::string buffer, std::size_t end, bool eof)
    : source_fd_(fd), buffer_(std::move(buffer)), end_(end), eof_(eof)
{
}

InputPump InputPump::from_fd(int fd)
{
    return InputPump(fd, std::string(chunk_bytes, '\0'), 0, false);
}

InputPump InputPump::from_text(std::string text)
{
    std::size_t size = text.size();
    return InputPump(-1, std::move(text), size, true);
}

InputPump::Need InputPump::need() const noexcept
{
    if (begin_ < end_)
        return Need::child;
    return eof_ ? Need::nothing : Need::source;
}

bool InputPump::read_source() noexcept
{
    ssize_t n = common::read_some(source_fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EAGAIN)  // an inherited O_NONBLOCK: just wait again
        return true;
    if (n < 0) {
        source_error_ = errno;
        eof_ = true;
        return false;
    }
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
    eof_ = n == 0;
    return true;
}

bool InputPump::write_child(int child_fd) noexcept
{
    ssize_t n;
    do
        n = write(child_fd, buffer_.data() + begin_, end_ - begin_);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN)
        return true;
    if (n < 0) {
        // The child is gone or closed its stdin: what is left has no reader.
        begin_ = end_;
        eof_ = true;
        return false;
    }
    begin_ += static_cast<std::size_t>(n);
    return true;
}

}  // namespace parent
