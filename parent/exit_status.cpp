#include "exit_status.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/wait.h>

namespace parent {

ChildStatus decode_wait_status(int wait_status) noexcept
{
    if (WIFSIGNALED(wait_status))
        return {true, WTERMSIG(wait_status)};
    return {false, WEXITSTATUS(wait_status)};
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
        return "worker killed by signal " + std::to_string(status.code) + " (" +
               signal_name(status.code) + ")";
    return "worker exited with status " + std::to_string(status.code);
}

int exit_code_for(const ChildStatus& status) noexcept
{
    return status.signaled ? exit_code::signal_base + status.code : status.code;
}

int exit_code_for_exec_error(int err) noexcept
{
    return err == ENOENT || err == ENOTDIR ? exit_code::not_found : exit_code::cannot_run;
}

namespace {

std::string seconds_text(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%gs", seconds);
    return text;
}

}  // namespace

Verdict judge(const RunFacts& facts)
{
    if (facts.timed_out)
        return {exit_code::timed_out,
                "worker timed out after " + seconds_text(facts.timeout_seconds), std::nullopt};
    if (facts.status.signaled || facts.status.code != 0)
        return {exit_code_for(facts.status), describe(facts.status), std::nullopt};
    if (facts.reply == nullptr)
        return {exit_code::malformed_reply, "protocol error: no reply", std::nullopt};
    if (!facts.reply->counts)
        return {exit_code::malformed_reply, "protocol error: " + facts.reply->error,
                std::nullopt};
    return {exit_code::success, {}, facts.reply->counts};
}

}  // namespace parent
