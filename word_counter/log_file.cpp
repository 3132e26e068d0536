#include "log_file.hpp"

#include "../common/open_input.hpp"
#include "../common/quote.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace wc {

common::Fd open_log_file(const std::string& path, const common::StdFds& found)
{
    if (auto fd = common::descriptor_itself(path)) {
        if (common::not_given(*fd, found) || fcntl(*fd, F_GETFD) < 0) {
            errno = ENOENT;
            return common::Fd();
        }
        return common::Fd(fcntl(*fd, F_DUPFD_CLOEXEC, 3));
    }
    return common::Fd(open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
}

std::string log_open_failure(const std::string& path, int err)
{
    return "cannot open log " + common::quote_always(path) + ": " + std::strerror(err);
}

std::string log_write_failure(const std::string& path, int err)
{
    return "cannot write log " + common::quote_always(path) + ": " + std::strerror(err);
}

}  // namespace wc
