#include "exit_status.hpp"

#include <cerrno>

namespace parent {

std::string describe_worker(const proc::ChildStatus& status)
{
    return "worker " + proc::describe(status);
}

int exit_code_for(const proc::ChildStatus& status) noexcept
{
    return status.signaled ? exit_code::signal_base + status.code : status.code;
}

int exit_code_for_exec_error(int err) noexcept
{
    return err == ENOENT || err == ENOTDIR ? exit_code::not_found : exit_code::cannot_run;
}

Verdict judge(const RunFacts& facts)
{
    if (facts.timed_out)
        return {exit_code::timed_out, *facts.timed_out, std::nullopt};
    bool bad_reply = facts.reply != nullptr && !facts.reply->counts;
    if (bad_reply && facts.reply_ended_it)
        return {exit_code::malformed_reply, "protocol error: " + facts.reply->error, std::nullopt};
    if (!facts.status.success())
        return {exit_code_for(facts.status), describe_worker(facts.status), std::nullopt};
    if (facts.reply == nullptr)
        return {exit_code::malformed_reply, "protocol error: no reply", std::nullopt};
    if (bad_reply)
        return {exit_code::malformed_reply, "protocol error: " + facts.reply->error, std::nullopt};
    return {exit_code::success, {}, facts.reply->counts};
}

}  // namespace parent
