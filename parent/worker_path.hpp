// Which program runs as the worker (parent(1), --worker).
#pragma once

#include "process/spawn.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parent {

// name with a '/' as it is; else each directory of path_env (as execvp:
// colon-separated, an empty entry meaning the current directory).
[[nodiscard]] std::vector<std::string> search_path(const std::string& name,
                                                   std::string_view path_env);

// --worker PATH if given, else word_counter beside the running parent
// (exe_dir, may be empty when unknown), else word_counter on PATH.
[[nodiscard]] proc::Command worker_command(const std::optional<std::string>& worker,
                                     const std::string& exe_dir, std::string_view path_env);

// The directory of the running executable, or "" when unknown.
[[nodiscard]] std::string own_directory();

}  // namespace parent
