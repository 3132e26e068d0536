// The names of parent's inputs, in order: the FILE operands, or a
// --files0-from list read as a stream, NUL-terminated names of any number
// in bounded memory. The list is read only when poll says it can be (it may
// be a pipe from a slow `find`; it may be parent's stdin, shared with
// others), so the loop never waits on it.
#pragma once

#include "../common/fd.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace parent {

class NameSource {
public:
    // The operands.
    explicit NameSource(std::vector<std::string> operands);
    // A list read from fd (owned when it is not standard input). A list
    // that is no regular file is read as stdio reads it (its st_blksize at
    // a time, the next piece once no whole name is left), so that a name in
    // it of the list's own pipe or terminal, read meanwhile, gets what
    // word_counter's and GNU wc's would.
    NameSource(int fd, common::Fd owned);

    enum class Next {
        name,  // the next name is in `name`
        wait,  // none yet: poll fd() for reading, then call readable()
        end,   // no more names (error() says if the list failed)
    };
    [[nodiscard]] Next next(std::string& name);
    [[nodiscard]] int fd() const noexcept { return fd_; }
    // poll said fd() is readable: take what is there.
    void readable();
    // fd() is readable now (a poll that does not wait): a list in a pipe
    // read a block at a time need not wait for the loop's next round.
    [[nodiscard]] bool ready() const noexcept;
    // errno of a failed read of the list, else 0.
    [[nodiscard]] int error() const noexcept { return error_; }
    // 1-based position of the name last returned, for messages.
    [[nodiscard]] std::size_t position() const noexcept { return position_; }
    // The operands, when all of them are known (for --progress).
    [[nodiscard]] const std::vector<std::string>* operands() const noexcept
    {
        return fd_ < 0 ? &operands_ : nullptr;
    }

private:
    std::vector<std::string> operands_;
    int fd_ = -1;
    common::Fd owned_;
    std::string buffer_;      // read, not yet returned
    std::unique_ptr<char[]> chunk_;  // where each read goes
    std::size_t chunk_size_ = 0;
    std::size_t start_ = 0;   // where the next name begins in buffer_
    bool eof_ = false;
    int error_ = 0;
    std::size_t position_ = 0;
};

}  // namespace parent
