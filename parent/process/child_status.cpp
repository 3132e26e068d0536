#include "child_status.hpp"

#include <csignal>
#include <cstring>

namespace proc {

ChildStatus status_of(const siginfo_t& info) noexcept
{
    if (info.si_code == CLD_EXITED)
        return {false, info.si_status};
    return {true, info.si_status};  // CLD_KILLED or CLD_DUMPED
}

std::string signal_name(int sig)
{
    // sigabbrev_np (glibc >= 2.32) knows the classic names but not the
    // real-time range, which has no fixed numbers.
    if (const char* abbrev = sigabbrev_np(sig))
        return std::string("SIG") + abbrev;
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        return sig == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + std::to_string(sig - SIGRTMIN);
    return "signal " + std::to_string(sig);
}

std::string describe(const ChildStatus& status)
{
    if (status.signaled)
        return "killed by signal " + std::to_string(status.code) + " (" +
               signal_name(status.code) + ")";
    return "exited with status " + std::to_string(status.code);
}

}  // namespace proc
