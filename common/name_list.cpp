#include "name_list.hpp"

#include <cerrno>
#include <cstdlib>

namespace common {

std::optional<std::string> listed_name_problem(const std::string& name, bool list_is_stdin)
{
    if (name.empty())
        return std::string("invalid zero-length file name");
    if (list_is_stdin && name == "-")
        return std::string("no file name of '-' allowed when reading names from stdin");
    return std::nullopt;
}

NameList::NameList(const std::string& path) : is_stdin_(path == "-")
{
    file_ = is_stdin_ ? stdin : std::fopen(path.c_str(), "re");
    if (file_ == nullptr)
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
        error_ = std::ferror(file_) ? errno : 0;
        return false;
    }
    auto len = static_cast<std::size_t>(n);
    if (len > 0 && line_[len - 1] == '\0')
        --len;  // the last name may lack its terminator
    name.assign(line_, len);
    ++position_;
    return true;
}

}  // namespace common
