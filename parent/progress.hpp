// --progress: one line on a terminal, redrawn in place, saying how much
// input the workers have taken, of how much when that is known, and how
// fast. Erased at the end, so it leaves nothing behind.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace parent {

// "1.5 GiB of 4.0 GiB (37%), 812.3 MiB/s", or without " of ..." when the
// total is unknown (a pipe on stdin).
[[nodiscard]] std::string progress_text(std::uint64_t done, std::optional<std::uint64_t> total,
                                        double seconds);

class Progress {
public:
    using Clock = std::chrono::steady_clock;

    Progress(int fd, std::optional<std::uint64_t> total, Clock::time_point start);
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Redraws the line, unless it was drawn less than a redraw interval ago
    // (and has not been hidden since).
    void update(std::uint64_t done, Clock::time_point now);
    [[nodiscard]] Clock::time_point next_draw() const noexcept;
    // Clears the line, for a message or a line of output to take its place
    // (the next update() puts it back), or at the end.
    void hide();

private:
    int fd_;
    std::optional<std::uint64_t> total_;
    Clock::time_point start_;
    Clock::time_point drawn_at_;
    bool shown_ = false;   // on the terminal now
    bool hidden_ = false;  // taken off by hide(), to come back
};

}  // namespace parent
