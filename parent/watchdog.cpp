#include "watchdog.hpp"

#include "duration.hpp"

#include <csignal>

namespace parent {

void Watchdog::start(proc::Process& process)
{
    stop();
    if (limits_.timeout == Duration::zero() || fired_)
        return;
    auto when = proc::deadline_after(proc::Clock::now(), limits_.timeout);
    if (when == proc::Clock::time_point::max())
        return;  // past the end of time: never
    timer_ = reactor_.call_at(when, [this, &process] { fire(process); });
}

void Watchdog::stop() noexcept
{
    if (timer_)
        reactor_.cancel(*timer_);
    timer_.reset();
}

void Watchdog::release() noexcept
{
    stop();
    if (kill_timer_)
        reactor_.cancel(*kill_timer_);
    kill_timer_.reset();
}

void Watchdog::fire(proc::Process& process)
{
    timer_.reset();
    fired_ = true;
    process.signal_group(SIGTERM);
    kill_later(process);
}

void Watchdog::kill_later(proc::Process& process)
{
    if (kill_timer_ || limits_.kill_after == Duration::zero())
        return;
    auto when = proc::deadline_after(proc::Clock::now(), limits_.kill_after);
    if (when != proc::Clock::time_point::max())
        kill_timer_ = reactor_.call_at(when, [&process] { process.signal_group(SIGKILL); });
}

std::string Watchdog::reason() const
{
    return "worker timed out after " + format_seconds(limits_.timeout) + "s";
}

}  // namespace parent
