#include "worker_path.hpp"

#include <climits>
#include <unistd.h>

namespace parent {

std::vector<std::string> search_path(const std::string& name, std::string_view path_env)
{
    if (name.find('/') != std::string::npos)
        return {name};
    std::vector<std::string> paths;
    for (;;) {
        std::size_t colon = path_env.find(':');
        std::string_view dir = path_env.substr(0, colon);
        paths.push_back((dir.empty() ? std::string(".") : std::string(dir)) + '/' + name);
        if (colon == std::string_view::npos)
            break;
        path_env.remove_prefix(colon + 1);
    }
    return paths;
}

proc::Command worker_command(const std::optional<std::string>& worker, const std::string& exe_dir,
                       std::string_view path_env)
{
    if (worker)
        return {*worker, search_path(*worker, path_env), {}};
    proc::Command command{"word_counter", {}, {}};
    if (!exe_dir.empty())
        command.candidates.push_back(exe_dir + "/word_counter");
    for (std::string& path : search_path(command.name, path_env))
        command.candidates.push_back(std::move(path));
    return command;
}

std::string own_directory()
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path);
    if (n <= 0 || static_cast<std::size_t>(n) >= sizeof path)
        return {};
    std::string exe(path, static_cast<std::size_t>(n));
    std::size_t slash = exe.rfind('/');
    return slash == std::string::npos ? std::string() : exe.substr(0, slash);
}

}  // namespace parent
