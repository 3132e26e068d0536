// One child at work and everything parent holds for it: a channel per fd
// of the child's, what is queued for its input, an optional pump streaming
// a source into one of them, the protocol its events go to, and where it
// is in its life. To its protocol it is the transport (Twisted's
// IProcessTransport): write_to_child, close_child_fd, signals. The reactor
// runs many of these; each sorts out its own events.
//
// Exit without a race on the process group: the exit is seen with waitid's
// WNOWAIT, which leaves the child a zombie. A zombie leader keeps its
// process-group id from being reused, so what is left of the group (a
// grandchild holding a pipe) can still be killed safely; only then is it
// reaped, and after that its group is never signalled again.
#pragma once

#include "../../common/fd.hpp"
#include "input_pump.hpp"
#include "protocol.hpp"
#include "spawn.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <vector>

namespace proc {

using Clock = std::chrono::steady_clock;

// Where a child's output is read into, shared by all (the reactor's).
struct ReadSpace {
    char* data;
    std::size_t size;
};

class Process {
public:
    // protocol must outlive the process; connection_made comes from start().
    Process(Spawned child, ProcessProtocol& protocol);
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    [[nodiscard]] pid_t pid() const noexcept { return pid_; }

    // --- the transport, for the protocol --------------------------------
    // Queues data for the child's fd (a to_child one); it is written as the
    // pipe takes it. Dropped if that fd is closed.
    void write_to_child(int fd, std::string_view data);
    // Streams the pump's source into the child's fd; closes fd at its end.
    void stream_to_child(int fd, InputPump pump);
    // Closes the child's fd (a to_child one once what is queued is written:
    // Twisted's closeStdin for 0); child_connection_lost follows.
    void close_child_fd(int fd);
    // sig to its whole process group (SIGCONT too, so a stopped one acts),
    // while the group is still its own; nothing once it is reaped.
    void signal_group(int sig) const noexcept;
    [[nodiscard]] bool exited() const noexcept { return exited_; }
    [[nodiscard]] const ChildStatus& status() const noexcept { return status_; }
    // errno of a failed read of the pump's source, else 0.
    [[nodiscard]] int input_error() const noexcept { return input_error_; }
    // Bytes the pump has given the child so far.
    [[nodiscard]] std::uint64_t delivered() const noexcept;

    // --- for the reactor ---------------------------------------------------
    void start();  // connection_made
    // Appends the poll entries it needs now; on_poll gets them back.
    void add_poll_entries(std::vector<pollfd>& entries);
    void on_poll(const std::vector<pollfd>& entries, ReadSpace buffer);
    // Sees whether it has exited (waitid, WNOHANG | WNOWAIT): process_exited
    // then. False if it has not; sets a wait error if it cannot be waited for.
    bool check_exit(Clock::time_point now);
    [[nodiscard]] int wait_error() const noexcept { return wait_error_; }
    // Exited and every fd closed: end() is due.
    [[nodiscard]] bool done() const noexcept;
    // Kills what is left of its group, reaps it, process_ended.
    void end();
    // After it exits, how long its pipes may stay open (held by a
    // grandchild) before fire_linger() kills the rest of its group.
    [[nodiscard]] std::optional<Clock::time_point> linger_until() const noexcept
    {
        return linger_until_;
    }
    void fire_linger(Clock::time_point now);
    // The linger ends later by `by` (time parent spent stopped).
    void postpone_linger(Clock::duration by) noexcept;
    // Parent cannot go on: kill it for sure, wait for it, close everything.
    void abort();

private:
    struct Channel {
        int child_fd;
        Flow flow;
        common::Fd fd;
        std::string queued;         // to_child: not yet written
        bool close_pending = false;  // to_child: close once queued is written
        std::size_t poll_index = 0;  // where add_poll_entries put it, if open
    };

    Channel* channel(int child_fd) noexcept;
    void read_channel(Channel& c, ReadSpace buffer);
    void write_channel(Channel& c);
    void pump(Channel& c, short child_events, short source_events);
    void close_channel(Channel& c);
    void exited_with(const ChildStatus& status, Clock::time_point now);
    void close_all(Flow flow);

    pid_t pid_;
    std::vector<Channel> channels_;
    ProcessProtocol& protocol_;
    std::optional<InputPump> pump_;
    int pump_fd_ = -1;                // the child fd the pump feeds
    std::size_t source_index_ = 0;    // the pump source's poll entry, if any
    bool source_polled_ = false;
    bool exited_ = false;
    bool reaped_ = false;
    ChildStatus status_;
    int input_error_ = 0;
    int wait_error_ = 0;
    std::optional<Clock::time_point> linger_until_;
};

}  // namespace proc
