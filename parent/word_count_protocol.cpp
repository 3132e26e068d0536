#include "word_count_protocol.hpp"

#include "../common/fd.hpp"
#include "../common/log.hpp"

namespace parent {

namespace {

// A reply that did not fit: the bytes kept are quoted, the rest were drained.
common::ParsedReply oversized_reply(std::string_view kept)
{
    return {std::nullopt, "reply larger than " + std::to_string(common::max_reply_bytes) +
                              " bytes \"" + common::quote_excerpt(kept) + "\""};
}

}  // namespace

WordCountProtocol::WordCountProtocol(bool verbose, int err_fd, std::string tag)
    : verbose_(verbose), err_fd_(err_fd), tag_(std::move(tag))
{
}

void WordCountProtocol::log(const std::string& message) const
{
    if (!verbose_)
        return;
    std::string line = common::log_line(
        "INFO", tag_.empty() ? message
                             : message + " [pid " + std::to_string(pid_) + ", " + tag_ + "]");
    (void)common::write_all(err_fd_, line.data(), line.size());
}

void WordCountProtocol::connection_made(pid_t pid)
{
    pid_ = pid;
    log("connectionMade: worker pid " + std::to_string(pid));
}

void WordCountProtocol::out_received(std::string_view data)
{
    log("outReceived: " + std::to_string(data.size()) + " bytes");
    // Keep at most one byte past the limit: enough to know it was exceeded,
    // while the loop goes on draining so the worker never blocks.
    std::size_t room = common::max_reply_bytes + 1 - buffer_.size();
    buffer_.append(data.substr(0, room));
    stdout_bytes_ += data.size();
}

void WordCountProtocol::err_received(std::string_view data)
{
    // Passed through as it arrives; a failing stderr must not stop the run.
    (void)common::write_all(err_fd_, data.data(), data.size());
    log("errReceived: \"" + common::quote_excerpt(data, 200) + "\"");
}

void WordCountProtocol::in_connection_lost() { log("inConnectionLost"); }

void WordCountProtocol::out_connection_lost()
{
    log("outConnectionLost");
    if (stdout_bytes_ > common::max_reply_bytes)
        reply_ = oversized_reply(std::string_view(buffer_).substr(0, common::max_reply_bytes));
    else
        reply_ = common::parse_reply(buffer_);
    parsed_ = true;
}

void WordCountProtocol::err_connection_lost() { log("errConnectionLost"); }

void WordCountProtocol::process_exited(const ChildStatus& status)
{
    log("processExited: " + describe(status));
}

void WordCountProtocol::process_ended(const ChildStatus& status)
{
    log("processEnded: " + describe(status));
    if (status.signaled || status.code != 0 || !parsed_ || !reply_.counts)
        return;
    const common::Counts& c = *reply_.counts;
    log("Total Lines: " + std::to_string(c.lines) + ", Words: " + std::to_string(c.words) +
        " and Characters: " + std::to_string(c.chars));
}

}  // namespace parent
