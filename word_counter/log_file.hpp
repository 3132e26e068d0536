// Where --log writes, opened the same way in both modes (run.cpp, batch.cpp).
#pragma once

#include "../common/fd.hpp"
#include "../common/std_fds.hpp"

#include <string>
#include <string_view>

namespace wc {

// Opens path for appending (created 0666 less the umask, close-on-exec);
// on failure an empty Fd, errno set. A name of a descriptor the process was
// given (/dev/fd/N, /dev/stderr) is opened again, as any name, and where
// /proc is not mounted (so the name leads nowhere) the descriptor itself is
// duplicated, if it is open for writing: parent -v hands each worker its
// log pipe as fd 3. A descriptor it was not given (common::not_given) is
// no such file, as for an input.
[[nodiscard]] common::Fd open_log_file(const std::string& path, const common::StdFds& found);

// Writes line to the log fd. A pipe whose reader went away is a failure
// (false, errno EPIPE) to report, not a SIGPIPE that would end the run with
// its counts unprinted and nothing said: the signal is held back for the
// write, and one the write raised is taken off.
[[nodiscard]] bool write_log(int fd, std::string_view line);

// The messages, after "word_counter: ", of a log that could not be opened
// or written, err its errno.
[[nodiscard]] std::string log_open_failure(const std::string& path, int err);
[[nodiscard]] std::string log_write_failure(const std::string& path, int err);

}  // namespace wc
