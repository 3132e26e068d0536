// parent's process layer (parent/process/): the reactor driving real
// children, their events in Twisted's order, fds beyond 0-2, failed execs,
// and deadlines that cannot overflow.
#include "../parent/process/reactor.hpp"
#include "../parent/process/spawn.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <map>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace {

// Records every event, and what came on each fd.
class Recorder final : public proc::ProcessProtocol {
public:
    void connection_made(proc::Process& transport) override
    {
        process = &transport;
        events.push_back("connectionMade");
        if (on_start)
            on_start(transport);
    }
    void child_data_received(int fd, std::string_view data) override
    {
        received[fd].append(data);
        ProcessProtocol::child_data_received(fd, data);
    }
    void child_connection_lost(int fd) override
    {
        events.push_back("lost " + std::to_string(fd));
        ProcessProtocol::child_connection_lost(fd);
    }
    void out_received(std::string_view) override { note("outReceived"); }
    void err_received(std::string_view) override { note("errReceived"); }
    void in_connection_lost() override { events.push_back("inConnectionLost"); }
    void out_connection_lost() override { events.push_back("outConnectionLost"); }
    void err_connection_lost() override { events.push_back("errConnectionLost"); }
    void process_exited(const proc::ChildStatus& s) override
    {
        status = s;
        events.push_back("processExited");
    }
    void process_ended(const proc::ChildStatus&) override { events.push_back("processEnded"); }

    void note(const std::string& event)
    {
        if (events.empty() || events.back() != event)
            events.push_back(event);
    }

    std::function<void(proc::Process&)> on_start;
    proc::Process* process = nullptr;
    std::vector<std::string> events;
    std::map<int, std::string> received;
    proc::ChildStatus status{true, -1};
};

std::size_t position(const std::vector<std::string>& events, const std::string& name)
{
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i] == name)
            return i;
    FAIL("no " << name);
    return 0;
}

const std::vector<proc::ChildFd> stdio{{0, proc::Flow::to_child},
                                       {1, proc::Flow::from_child},
                                       {2, proc::Flow::from_child}};

}  // namespace

TEST_CASE("process: the reactor drives a real child (cat), events in order", "[parent][process]")
{
    proc::SignalWatcher signals;
    REQUIRE(signals.install());
    proc::Reactor reactor(signals);
    Recorder recorder;
    recorder.on_start = [](proc::Process& p) {
        p.stream_to_child(0, proc::InputPump::from_text(std::string(200000, 'q')));
    };
    auto spawned = reactor.spawn({"cat", {"/bin/cat"}, {}}, stdio, recorder);
    REQUIRE(std::holds_alternative<proc::Process*>(spawned));
    reactor.run();
    CHECK(recorder.received[1] == std::string(200000, 'q'));
    CHECK(reactor.failure().empty());
    CHECK(recorder.status.success());
    const auto& e = recorder.events;
    CHECK(e.front() == "connectionMade");
    CHECK(e.back() == "processEnded");
    CHECK(position(e, "inConnectionLost") < position(e, "processEnded"));
    CHECK(position(e, "outConnectionLost") < position(e, "processEnded"));
    CHECK(position(e, "processExited") < position(e, "processEnded"));
}

TEST_CASE("process: a child's extra fd reaches the protocol as childDataReceived",
          "[parent][process]")
{
    proc::SignalWatcher signals;
    REQUIRE(signals.install());
    proc::Reactor reactor(signals);
    Recorder recorder;
    std::vector<proc::ChildFd> fds = stdio;
    fds.push_back({3, proc::Flow::from_child});
    fds.push_back({4, proc::Flow::to_child});
    recorder.on_start = [](proc::Process& p) {
        p.write_to_child(4, "from parent\n");
        p.close_child_fd(4);
        p.close_child_fd(0);
    };
    auto spawned = reactor.spawn(
        {"sh", {"/bin/sh"}, {"-c", "echo log line >&3; read x <&4; echo \"$x\"; echo oops >&2"}},
        fds, recorder);
    REQUIRE(std::holds_alternative<proc::Process*>(spawned));
    reactor.run();
    CHECK(recorder.received[3] == "log line\n");
    CHECK(recorder.received[1] == "from parent\n");
    CHECK(recorder.received[2] == "oops\n");
    CHECK(recorder.status.success());
    CHECK(position(recorder.events, "lost 3") < position(recorder.events, "processEnded"));
}

TEST_CASE("process: the child sees only the fds it was given", "[parent][process]")
{
    proc::SignalWatcher signals;
    REQUIRE(signals.install());
    proc::Reactor reactor(signals);
    Recorder recorder;
    recorder.on_start = [](proc::Process& p) { p.close_child_fd(0); };
    auto spawned = reactor.spawn({"sh", {"/bin/sh"}, {"-c", "ls /proc/self/fd"}}, stdio, recorder);
    REQUIRE(std::holds_alternative<proc::Process*>(spawned));
    reactor.run();
    // ls's own fd on the directory it lists is the one more.
    CHECK(recorder.received[1] == "0\n1\n2\n3\n");
}

TEST_CASE("process: a failed exec is reported with errno and reaped", "[parent][process]")
{
    auto spawned = proc::spawn({"w", {"/no/such/dir/w"}, {}}, {stdio, {}});
    REQUIRE(std::holds_alternative<proc::SpawnError>(spawned));
    const auto& error = std::get<proc::SpawnError>(spawned);
    CHECK(error.at_exec);
    CHECK(error.err == ENOENT);
    CHECK(error.what == "/no/such/dir/w");
    int status;
    CHECK(waitpid(-1, &status, WNOHANG) == -1);  // no child left, not even a zombie
}

TEST_CASE("process: a deadline past the end of time saturates", "[parent][process]")
{
    auto now = proc::Clock::now();
    CHECK(proc::deadline_after(now, std::chrono::seconds(1)) == now + std::chrono::seconds(1));
    CHECK(proc::deadline_after(now, proc::Clock::duration::max()) ==
          proc::Clock::time_point::max());
    // 200 years from a clock that has run for 100: past where it can count.
    auto late = proc::Clock::time_point(std::chrono::hours(24 * 365 * 100));
    CHECK(proc::deadline_after(late, std::chrono::hours(24 * 365 * 200)) ==
          proc::Clock::time_point::max());
}

TEST_CASE("process: timers fire in order, and a cancelled one never", "[parent][process]")
{
    proc::SignalWatcher signals;
    REQUIRE(signals.install());
    proc::Reactor reactor(signals);
    std::string fired;
    auto now = proc::Clock::now();
    reactor.call_at(now + std::chrono::milliseconds(20), [&] { fired += "b"; });
    reactor.call_at(now + std::chrono::milliseconds(5), [&] { fired += "a"; });
    auto id = reactor.call_at(now + std::chrono::milliseconds(10), [&] { fired += "x"; });
    reactor.cancel(id);
    reactor.run();
    CHECK(fired == "ab");
}
