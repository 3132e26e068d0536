#include "stream_worker.hpp"

#include <csignal>

namespace parent {

namespace {

// A reply that did not fit: the bytes kept are quoted.
common::ParsedReply oversized_reply(std::string_view kept)
{
    return {std::nullopt, "reply larger than " + std::to_string(common::max_reply_bytes) +
                              " bytes \"" + common::quote_excerpt(kept) + "\""};
}

// The worker's log (-v) comes on this fd of the child's.
constexpr int log_fd = 3;

}  // namespace

StreamWorker::StreamWorker(proc::Reactor& reactor, const Limits& limits, const Diagnostics& log,
                           Done done)
    : reactor_(reactor), log_(log), watchdog_(reactor, limits), done_(std::move(done)),
      err_(log), worker_log_(log)
{
}

bool StreamWorker::start(const StreamSetup& setup, proc::InputPump input, proc::SpawnError& error)
{
    setup_ = setup;
    input_.emplace(std::move(input));
    std::vector<proc::ChildFd> fds{{0, proc::Flow::to_child},
                                   {1, proc::Flow::from_child},
                                   {2, proc::Flow::from_child}};
    if (log_.verbose()) {
        fds.push_back({log_fd, proc::Flow::from_child});
        setup_.command.args.push_back("--log");
        setup_.command.args.push_back("/dev/fd/" + std::to_string(log_fd));
    }
    auto spawned = reactor_.spawn(setup_.command, fds, *this);
    if (auto* failed = std::get_if<proc::SpawnError>(&spawned)) {
        error = *failed;
        return false;
    }
    return true;
}

void StreamWorker::connection_made(proc::Process& transport)
{
    process_ = &transport;
    log("connectionMade: worker pid " + std::to_string(transport.pid()));
    transport.stream_to_child(0, std::move(*input_));
    input_.reset();
    watchdog_.start(transport);
}

void StreamWorker::child_data_received(int fd, std::string_view data)
{
    if (fd == 1) {
        take_reply(data);
    } else if (fd == 2) {
        err_.take(data);
        log("errReceived: \"" + common::quote_excerpt(data, 200) + "\"");
    } else if (fd == log_fd) {
        worker_log_.take(data);
    }
}

void StreamWorker::take_reply(std::string_view data)
{
    log("outReceived: " + std::to_string(data.size()) + " bytes");
    // Keep at most one byte past the limit: enough to know it was exceeded.
    // Past it, the outcome is decided (a protocol error): no need to drain a
    // worker that floods its stdout for ever.
    std::size_t room = common::max_reply_bytes + 1 - reply_text_.size();
    reply_text_.append(data.substr(0, room));
    stdout_bytes_ += data.size();
    if (stdout_bytes_ > common::max_reply_bytes && !reply_ended_it_) {
        reply_ended_it_ = true;
        process_->signal_group(SIGKILL);
    }
}

void StreamWorker::child_connection_lost(int fd)
{
    if (fd == 0) {
        delivered_ = process_->delivered();
        log("inConnectionLost");
    } else if (fd == 1) {
        reply_complete();
    } else if (fd == 2) {
        err_.finish();
        log("errConnectionLost");
    } else if (fd == log_fd) {
        worker_log_.finish();
    }
}

void StreamWorker::reply_complete()
{
    log("outConnectionLost");
    if (stdout_bytes_ > common::max_reply_bytes)
        reply_ = oversized_reply(std::string_view(reply_text_).substr(0, common::max_reply_bytes));
    else
        reply_ = common::parse_reply(reply_text_, setup_.show);
}

void StreamWorker::process_exited(const proc::ChildStatus& status)
{
    watchdog_.stop();
    log("processExited: " + describe_worker(status));
}

void StreamWorker::process_ended(const proc::ChildStatus& status)
{
    watchdog_.release();
    delivered_ = process_->delivered();
    log("processEnded: " + describe_worker(status));
    RunFacts facts{status, std::nullopt, reply_ ? &*reply_ : nullptr, reply_ended_it_};
    if (watchdog_.fired())
        facts.timed_out = watchdog_.reason();
    Result result{judge(facts), process_->input_error()};
    if (result.verdict.counts)
        log(total_message(*result.verdict.counts));
    process_ = nullptr;
    done_(result);
}

void StreamWorker::terminate(int sig)
{
    if (!process_)
        return;
    process_->signal_group(sig);
    watchdog_.kill_later(*process_);
}

std::uint64_t StreamWorker::delivered() const noexcept
{
    return process_ ? process_->delivered() : delivered_;
}

void StreamWorker::log(const std::string& message) const
{
    if (!log_.verbose())
        return;
    std::string tagged = message;
    if (!setup_.tag.empty() && process_)
        tagged += " [pid " + std::to_string(process_->pid()) + ", " + setup_.tag + "]";
    log_.info(tagged);
}

}  // namespace parent
