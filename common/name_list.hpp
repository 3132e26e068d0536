// The NUL-separated list of file names read by --files0-from.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

namespace common {

// What is wrong with a name read from a list, if anything: an empty name, or
// "-" when the list itself is standard input (GNU wc's rules and words).
[[nodiscard]] std::optional<std::string> listed_name_problem(const std::string& name,
                                                             bool list_is_stdin);

class NameList {
public:
    // path "-" is standard input. Check ok() before next().
    explicit NameList(const std::string& path);
    ~NameList();
    NameList(const NameList&) = delete;
    NameList& operator=(const NameList&) = delete;

    [[nodiscard]] bool ok() const noexcept { return file_ != nullptr; }
    // The next name (possibly empty: the caller rejects it), or false at the
    // end of the list or on a read error (then error() is its errno).
    [[nodiscard]] bool next(std::string& name);
    [[nodiscard]] int error() const noexcept { return error_; }
    // 1-based position of the name last returned, for messages.
    [[nodiscard]] unsigned long position() const noexcept { return position_; }

private:
    std::FILE* file_ = nullptr;
    bool is_stdin_ = false;
    char* line_ = nullptr;
    std::size_t capacity_ = 0;
    unsigned long position_ = 0;
    int error_ = 0;
};

}  // namespace common
