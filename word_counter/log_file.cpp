#include "log_file.hpp"

#include "../common/open_input.hpp"

#include <cerrno>
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

}  // namespace wc
