// parent's stderr: the -v event log (one line per event in the seed's
// format "YYYY-MM-DD HH:MM:SS,mmm PID - LEVEL : message", common/log.hpp),
// and the workers' stderr and logs passed on, all through one place, so
// that --progress's line is taken off before anything else is written.
#pragma once

#include "../common/counts.hpp"
#include "progress.hpp"

#include <string>
#include <string_view>

namespace parent {

// The -v log's closing line: "Total Lines: L, Words: W and Characters: C".
[[nodiscard]] std::string total_message(const common::Counts& counts);

class Diagnostics {
public:
    Diagnostics(bool verbose, int fd) : verbose_(verbose), fd_(fd) {}

    [[nodiscard]] bool verbose() const noexcept { return verbose_; }
    // With -v, one event line.
    void info(const std::string& message) const;
    // Text as it is (whole lines, from a LineRelay).
    void write(std::string_view text) const;
    // --progress draws here; it is hidden before each write.
    void show_progress(Progress* progress) noexcept { progress_ = progress; }
    void hide_progress() const;

private:
    bool verbose_;
    int fd_;
    Progress* progress_ = nullptr;
};

}  // namespace parent
