// Saying why the worker could not be started, in one line.
#pragma once

#include "process/spawn.hpp"

#include <string>

namespace parent {

// "worker '/x': not found (No such file or directory)", "worker '/x':
// cannot run (Permission denied)", or for a script whose #! interpreter is
// missing "worker '/x': interpreter '/no/sh' not found (...)". A worker
// looked for in several directories (a bare name, on PATH) is named as
// asked, with where it was looked for: "worker 'w': not found in /a, /b".
[[nodiscard]] std::string spawn_error_message(const proc::SpawnError& error,
                                              const proc::Command& command = {});

// The exit status for it: 127, 126, or 125 when parent itself failed.
[[nodiscard]] int spawn_error_status(const proc::SpawnError& error) noexcept;

// The interpreter named by a "#!" first line of the file at path, or "".
[[nodiscard]] std::string interpreter_of(const std::string& path);

}  // namespace parent
