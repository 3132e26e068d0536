#include "exec_failure.hpp"

#include "../common/fd.hpp"
#include "../common/reply.hpp"
#include "exit_status.hpp"

#include <cerrno>
#include <vector>
#include <cstring>
#include <fcntl.h>

namespace parent {

std::string interpreter_of(const std::string& path)
{
    common::Fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    char head[256];
    ssize_t n = fd ? common::read_full(fd.get(), head, sizeof head) : -1;
    if (n < 2 || head[0] != '#' || head[1] != '!')
        return {};
    std::string_view line(head + 2, static_cast<std::size_t>(n) - 2);
    line = line.substr(0, line.find('\n'));
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos)
        return {};
    line.remove_prefix(start);
    return std::string(line.substr(0, line.find_first_of(" \t")));
}

namespace {

// "/a, /b": the directories of the paths tried, in order.
std::string directories(const std::vector<std::string>& paths)
{
    std::string text;
    for (const std::string& path : paths) {
        std::size_t slash = path.rfind('/');
        std::string dir = slash == 0 ? "/" : path.substr(0, slash);
        text += (text.empty() ? "" : ", ") + common::quote_excerpt(dir, 200);
    }
    return text;
}

}  // namespace

std::string spawn_error_message(const proc::SpawnError& error, const proc::Command& command)
{
    std::string reason = std::strerror(error.err);
    if (!error.at_exec)
        return "cannot start worker: " + error.what + ": " + reason;
    bool searched = command.candidates.size() > 1 && command.name.find('/') == std::string::npos;
    if (searched && exit_code_for_exec_error(error.err) == exit_code::not_found &&
        interpreter_of(error.what).empty())
        return "worker '" + common::quote_excerpt(command.name, 200) + "': not found in " +
               directories(command.candidates) + " (" + reason + ")";
    std::string worker = "worker '" + common::quote_excerpt(error.what, 200) + "': ";
    if (spawn_error_status(error) == exit_code::cannot_run)
        return worker + "cannot run (" + reason + ")";
    // ENOENT for a file that is there: the kernel could not find its #!.
    std::string interpreter = interpreter_of(error.what);
    if (!interpreter.empty())
        return worker + "interpreter '" + common::quote_excerpt(interpreter, 200) +
               "' not found (" + reason + ")";
    return worker + "not found (" + reason + ")";
}

int spawn_error_status(const proc::SpawnError& error) noexcept
{
    return error.at_exec ? exit_code_for_exec_error(error.err) : exit_code::own_failure;
}

}  // namespace parent
