#include "diagnostics.hpp"

#include "../common/fd.hpp"
#include "../common/log.hpp"

namespace parent {

std::string total_message(const common::Counts& counts)
{
    return "Total Lines: " + std::to_string(counts.lines) + ", Words: " +
           std::to_string(counts.words) + " and Characters: " + std::to_string(counts.chars);
}

void Diagnostics::info(const std::string& message) const
{
    if (verbose_)
        write(common::log_line("INFO", message));
}

void Diagnostics::write(std::string_view text) const
{
    hide_progress();
    // A failing stderr must not stop the run.
    (void)!common::write_all(fd_, text.data(), text.size());
}

void Diagnostics::hide_progress() const
{
    if (progress_)
        progress_->hide();
}

}  // namespace parent
