// word_counter --batch: the request mode (common/request.hpp). Requests are
// read from standard input, and each is answered on standard output as soon
// as it is counted, so a worker of parent's pool (or a script) can hand it
// one file after another; a bad file gets its reply and the next goes on.
#pragma once

#include "../common/std_fds.hpp"
#include "options.hpp"

namespace wc {

// Serves requests until standard input ends; 0, or 1 if a reply could not
// be written (the reader is gone), the requests could not be read, or the
// --log could not be opened (then none is read) or written.
// found: which of fds 0-2 were closed when word_counter started.
[[nodiscard]] int serve_batch(const Options& opts, const common::StdFds& found);

}  // namespace wc
