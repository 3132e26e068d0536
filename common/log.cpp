#include "log.hpp"

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace common {

std::string log_line(std::string_view level, std::string_view message)
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    tm local{};
    localtime_r(&now.tv_sec, &local);
    char stamp[64];
    std::size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
    std::snprintf(stamp + n, sizeof stamp - n, ",%03ld %ld - ", now.tv_nsec / 1000000L,
                  static_cast<long>(getpid()));
    std::string line = stamp;
    line.append(level).append(" : ").append(message) += '\n';
    return line;
}

}  // namespace common
