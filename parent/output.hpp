// What parent prints on stdout: the counts, as word_counter's reply or JSON.
#pragma once

#include "../common/reply.hpp"

#include <string>

namespace parent {

[[nodiscard]] std::string format_counts(const common::Counts& counts, bool json);

}  // namespace parent
