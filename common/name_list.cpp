#include "name_list.hpp"

#include "open_input.hpp"
#include "quote.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace common {

std::string operand_rejection(const std::string& name)
{
    return name.empty() ? "invalid zero-length file name" : "";
}

NameList::NameList(const std::string& path, const StdFds& given)
    : path_(path), is_stdin_(path == "-")
{
    if (is_stdin_) {
        file_ = stdin;
        return;
    }
    Fd fd = open_input(path, given, error_);
    if (fd && (file_ = fdopen(fd.get(), "r")) != nullptr)
        fd.release();
    else if (fd)
        error_ = errno;
}

NameList::~NameList()
{
    if (file_ != nullptr && !is_stdin_)
        std::fclose(file_);
    std::free(line_);
}

bool NameList::next(std::string& name)
{
    errno = 0;
    ssize_t n = getdelim(&line_, &capacity_, '\0', file_);
    if (n < 0) {
        // A read that failed after a last name without its NUL was said
        // then, with that name: the call after it may leave errno alone.
        error_ = std::ferror(file_) ? (errno != 0 ? errno : failed_with_) : 0;
        return false;
    }
    if (std::ferror(file_))
        failed_with_ = errno;
    auto len = static_cast<std::size_t>(n);
    if (len > 0 && line_[len - 1] == '\0')
        --len;  // the last name may lack its terminator
    name.assign(line_, len);
    ++position_;
    return true;
}

std::string listed_name_rejection(const std::string& path, std::size_t position,
                                  const std::string& name)
{
    if (path == "-" && name == "-")
        return "when reading file names from stdin, no file name of " + quote_always(name) +
               " allowed";
    if (name.empty())
        return quote_message(path) + ":" + std::to_string(position) +
               ": invalid zero-length file name";
    return "";
}

std::string list_open_failure(const std::string& path, int err)
{
    return "cannot open " + quote_always(path) + " for reading: " + std::strerror(err);
}

std::string list_read_failure(const std::string& path, int err)
{
    return quote_message(path) + ": read error: " + std::strerror(err);
}

StdFds fds_for_listed_names(const std::string& path, StdFds given)
{
    constexpr off_t read_whole = 10 << 20;  // GNU's bound (and half the free memory)
    struct stat st {};
    if (path == "-" && fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= read_whole)
        given.closed[STDIN_FILENO] = true;
    return given;
}

bool NameList::regular() const noexcept
{
    struct stat st {};
    return file_ != nullptr && fstat(fileno(file_), &st) == 0 && S_ISREG(st.st_mode);
}

std::string NameList::rejection(const std::string& name) const
{
    return listed_name_rejection(path_, position_, name);
}

std::string NameList::open_failure() const { return list_open_failure(path_, error_); }

std::string NameList::read_failure() const { return list_read_failure(path_, error_); }

}  // namespace common
