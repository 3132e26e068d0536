#include "line_relay.hpp"

#include <climits>

namespace parent {

namespace {

// Writes to a pipe up to PIPE_BUF bytes are atomic: a line that fits is
// never interleaved with another process's writes.
constexpr std::size_t piece = PIPE_BUF;

}  // namespace

void LineRelay::take(std::string_view data)
{
    while (!data.empty()) {
        std::size_t newline = data.find('\n');
        if (newline == data.npos) {
            held_.append(data);
            break;
        }
        held_.append(data.substr(0, newline + 1));
        data.remove_prefix(newline + 1);
        write(held_);
        held_.clear();
    }
    while (held_.size() >= piece) {  // a line too long to hold: goes in pieces
        write(std::string_view(held_).substr(0, piece));
        held_.erase(0, piece);
    }
}

void LineRelay::finish()
{
    if (held_.empty())
        return;
    held_ += '\n';
    write(held_);
    held_.clear();
}

void LineRelay::write(std::string_view text) const { out_.write(text); }

}  // namespace parent
