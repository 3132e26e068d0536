// Opening a named input, the same way in both tools, and the names whose
// meaning depends on the process that opens them.
//
// /dev/stdin, /dev/fd/N and /proc/self/fd/N name a descriptor of whichever
// process opens them: word_counter <(cmd) counts the pipe its shell gave it
// as fd 63. A worker of parent has descriptors of its own (its stdin is its
// requests), so parent opens such a name itself and streams it to a worker
// as it streams "-" (parent(1), FILES).
#pragma once

#include "fd.hpp"
#include "std_fds.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace common {

// The descriptor that name denotes in the process that opens it, or a
// directory it names a file under (/dev/fd/3/x): /dev/stdin, /dev/stdout,
// /dev/stderr, /dev/fd/N, /proc/self/fd/N or /proc/thread-self/fd/N, N
// written as the kernel writes it (no sign, no leading zero).
[[nodiscard]] std::optional<int> descriptor_named(std::string_view name);
// The same, only for a name of the descriptor itself (/dev/fd/3, not
// /dev/fd/3/x).
[[nodiscard]] std::optional<int> descriptor_itself(std::string_view name);

// The descriptor name reaches by any spelling: descriptor_named's, or one
// of this process's /proc/PID/fd entries, reached through "." and "..",
// doubled slashes and links (/dev/./stdin, //dev/fd/9, a link to /dev/fd).
// Costs a realpath(3) and a readlink(2) a link: for names already known to
// be unusual (a worker could not open it, or found its own descriptor).
[[nodiscard]] std::optional<int> descriptor_reached(const std::string& name);

// Whether the process was not given descriptor fd, so that a name of it
// means nothing: a standard one it found closed (a placeholder took it,
// std_fds.hpp: `wc /dev/stdin <&-` is an error, not an empty input), or one
// it opened itself (a pipe to a worker, a log): every one it opens is
// close-on-exec, and one it inherited never is (exec closed those).
[[nodiscard]] bool not_given(int fd, const StdFds& found);

// Opens name for reading (O_CLOEXEC, O_NOCTTY); on failure an empty Fd with
// err set. A name of a descriptor the process was not given (not_given)
// fails with ENOENT, as it would have before the process took that number.
// flags: more open(2) flags (parent's loop adds O_NONBLOCK: it must never
// wait in open(2) for the writer of a FIFO). With Spelling::any, a name of
// a descriptor is known by descriptor_reached rather than by its spelling;
// a standard one not given is no such file by any spelling, always.
enum class Spelling { exact, any };
[[nodiscard]] Fd open_input(const std::string& name, const StdFds& found, int& err,
                            int flags = 0, Spelling spelling = Spelling::exact);

}  // namespace common
