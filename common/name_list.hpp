// The NUL-separated list of file names read by --files0-from, and which
// names GNU wc refuses to count, with its messages word for word, so that
// both tools refuse the same names the same way.
#pragma once

#include "std_fds.hpp"

#include <cstddef>
#include <cstdio>
#include <string>

namespace common {

// The message for an operand that is no file name (""), or "" to count it.
[[nodiscard]] std::string operand_rejection(const std::string& name);

// For a list read from path ("-": standard input), however it is read: the
// message for the name at position if it is to be refused (empty, or "-"
// in a list read from standard input), else "".
[[nodiscard]] std::string listed_name_rejection(const std::string& path, std::size_t position,
                                                const std::string& name);
// "cannot open 'F' for reading: <strerror>".
[[nodiscard]] std::string list_open_failure(const std::string& path, int err);
// "F: read error: <strerror>".
[[nodiscard]] std::string list_read_failure(const std::string& path, int err);

// The descriptors a name in a list read from path may denote (given, as
// open_input.hpp takes them), less standard input when the list is a
// regular file of at most 10 MiB read from it: GNU wc reads such a list
// whole and closes it before it opens a name, so /dev/stdin in it is no
// such file (rather than the list again, from its start). A larger list,
// or one in a pipe, it reads as it goes: /dev/stdin is then the list file
// from its start, or what is left of the pipe.
[[nodiscard]] StdFds fds_for_listed_names(const std::string& path, StdFds given);

class NameList {
public:
    // path "-" is standard input; any other is opened as an input is
    // (open_input.hpp: a descriptor the process was not given, as found in
    // `given`, is no such file). Check ok() before next().
    NameList(const std::string& path, const StdFds& given);
    ~NameList();
    NameList(const NameList&) = delete;
    NameList& operator=(const NameList&) = delete;

    [[nodiscard]] bool ok() const noexcept { return file_ != nullptr; }
    // The list is a regular file: reading it never waits for a writer.
    [[nodiscard]] bool regular() const noexcept;
    // The next name (possibly one to refuse: see rejection()), or false at
    // the end of the list or on a read error (then error() is its errno).
    [[nodiscard]] bool next(std::string& name);
    [[nodiscard]] int error() const noexcept { return error_; }
    // 1-based position of the name last returned.
    [[nodiscard]] unsigned long position() const noexcept { return position_; }

    // The message for the name last returned if it is to be refused (empty,
    // or "-" in a list read from standard input), else "".
    [[nodiscard]] std::string rejection(const std::string& name) const;
    // "cannot open 'F' for reading: <strerror>", when !ok().
    [[nodiscard]] std::string open_failure() const;
    // "F: read error: <strerror>", when error() after next().
    [[nodiscard]] std::string read_failure() const;

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    bool is_stdin_ = false;
    char* line_ = nullptr;
    std::size_t capacity_ = 0;
    unsigned long position_ = 0;
    int error_ = 0;
    int failed_with_ = 0;  // errno of a read that failed after a name was read
};

}  // namespace common
