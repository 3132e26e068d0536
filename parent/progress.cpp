#include "progress.hpp"

#include "../common/fd.hpp"

#include <cstdio>
#include <string_view>

namespace parent {

namespace {

// A few redraws a second look live; more only cost the terminal.
constexpr auto redraw_interval = std::chrono::milliseconds(250);

// Erases from the cursor to the end of the line (ANSI EL).
constexpr std::string_view erase_line = "\r\033[K";

std::string size_text(double bytes)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    std::size_t unit = 0;
    while (bytes >= 1024 && unit + 1 < sizeof units / sizeof units[0]) {
        bytes /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
    return text;
}

}  // namespace

std::string progress_text(std::uint64_t done, std::optional<std::uint64_t> total, double seconds)
{
    std::string text = size_text(static_cast<double>(done));
    // A total that the bytes counted pass was wrong (a file that grew, or
    // one of /proc, whose size says 0): it is left out.
    if (total && done <= *total) {
        text += " of " + size_text(static_cast<double>(*total));
        if (*total > 0)
            text += " (" + std::to_string(done * 100 / *total) + "%)";
    }
    if (seconds > 0)
        text += ", " + size_text(static_cast<double>(done) / seconds) + "/s";
    return text;
}

Progress::Progress(int fd, std::optional<std::uint64_t> total, Clock::time_point start)
    : fd_(fd), total_(total), start_(start), drawn_at_(start)
{
}

void Progress::update(std::uint64_t done, Clock::time_point now)
{
    // Put back at once after something else took its place; else no more
    // often than the interval.
    if (!hidden_ && now < next_draw())
        return;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string line = std::string(erase_line) + progress_text(done, total_, seconds);
    (void)common::write_all(fd_, line.data(), line.size());
    drawn_at_ = now;
    shown_ = true;
    hidden_ = false;
}

Progress::Clock::time_point Progress::next_draw() const noexcept
{
    return drawn_at_ + redraw_interval;
}

void Progress::hide()
{
    if (!shown_)
        return;
    (void)common::write_all(fd_, erase_line.data(), erase_line.size());
    shown_ = false;
    hidden_ = true;
}

}  // namespace parent
