// A child's text stream (its stderr, its log) passed on to one of parent's
// descriptors a whole line at a time, so that lines from several children,
// and parent's own messages, never mix within a line. A line longer than
// the limit goes on in pieces (nothing is held without bound), and a last
// line without '\n' gets one.
#pragma once

#include "diagnostics.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace parent {

class LineRelay {
public:
    // Lines go to out, each written whole (under PIPE_BUF when they fit, so
    // a pipe keeps them whole too).
    explicit LineRelay(const Diagnostics& out) : out_(out) {}

    void take(std::string_view data);
    // The stream ended: a last line without '\n' goes with one.
    void finish();

private:
    void write(std::string_view text) const;

    const Diagnostics& out_;
    std::string held_;  // the start of a line not yet ended
};

}  // namespace parent
