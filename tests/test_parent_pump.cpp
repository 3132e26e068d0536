// parent's input pump: every kind of source, through splice(2) and through
// the read/write fallback, delivers exactly its bytes and never blocks.
#include "../common/fd.hpp"
#include "../parent/process/input_pump.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using proc::InputPump;
using proc::Transfer;
using Need = InputPump::Need;

namespace {

std::string take(const common::Pipe& p) { return fixture::take_available(p.read.get()); }

// A fresh pipe for the child's stdin, parent's end non-blocking as spawn
// makes it.
common::Pipe child_pipe()
{
    common::Pipe p;
    REQUIRE(common::make_pipe(p));
    REQUIRE(common::set_nonblocking(p.write.get(), true));
    return p;
}

// Runs the pump to its end as the event loop does (poll what need() says,
// then transfer), reading the child's end as it goes.
std::string run_pump(InputPump& pump)
{
    common::Pipe child = child_pipe();
    std::string got;
    while (pump.need() != Need::nothing) {
        Need need = pump.need();
        pollfd fds[2] = {{need == Need::source ? pump.source_fd() : -1, POLLIN, 0},
                         {need == Need::child ? child.write.get() : -1, POLLOUT, 0}};
        REQUIRE(poll(fds, 2, 5000) > 0);
        REQUIRE(pump.transfer(child.write.get(), fds[0].revents != 0, fds[1].revents != 0));
        got += take(child);
    }
    return got;
}

// A temporary file holding text, opened for reading; removed at once.
common::Fd temp_file(const std::string& text)
{
    char path[] = "/tmp/test_parent_pump.XXXXXX";
    common::Fd fd(mkstemp(path));
    REQUIRE(fd);
    unlink(path);
    REQUIRE(common::write_all(fd.get(), text.data(), text.size()));
    REQUIRE(lseek(fd.get(), 0, SEEK_SET) == 0);
    return fd;
}

// Fills the pipe until a write would block.
void fill(const common::Pipe& p)
{
    std::string junk(4096, 'j');
    while (write(p.write.get(), junk.data(), junk.size()) > 0) {
    }
}

}  // namespace

TEST_CASE("pump: text is written, then it is done", "[parent][pump]")
{
    auto pump = InputPump::from_text("hello");
    CHECK(pump.need() == Need::child);
    CHECK(run_pump(pump) == "hello");
    CHECK(pump.delivered() == 5);
    CHECK(InputPump::from_text("").need() == Need::nothing);
}

TEST_CASE("pump: a pipe source is taken only when the child has room", "[parent][pump]")
{
    for (Transfer how : {Transfer::splice, Transfer::copy}) {
        INFO((how == Transfer::splice ? "splice" : "copy"));
        common::Pipe source, child = child_pipe();
        REQUIRE(common::make_pipe(source));
        auto pump = InputPump::from_fd(source.read.get(), how);
        CHECK(pump.need() == Need::source);
        fill(child);
        REQUIRE(common::write_all(source.write.get(), "abc", 3));
        CHECK(pump.transfer(child.write.get(), true, false));  // full: nothing moves
        CHECK(pump.need() == Need::child);
        CHECK(pump.delivered() == 0);
        take(child);
        CHECK(pump.transfer(child.write.get(), false, true));
        CHECK(pump.need() == Need::source);
        CHECK(take(child) == "abc");
        source.write.reset();
        CHECK(pump.transfer(child.write.get(), true, false));  // EOF
        CHECK(pump.need() == Need::nothing);
        CHECK(pump.splicing() == (how == Transfer::splice));
    }
}

TEST_CASE("pump: a child that stops reading ends the streaming", "[parent][pump]")
{
    auto old = signal(SIGPIPE, SIG_IGN);
    for (Transfer how : {Transfer::splice, Transfer::copy}) {
        common::Pipe child = child_pipe();
        child.read.reset();
        auto text = InputPump::from_text("lost");
        CHECK_FALSE(text.transfer(child.write.get(), false, true));
        CHECK(text.need() == Need::nothing);
        auto file = InputPump::from_file(temp_file("lost too"), how);
        CHECK_FALSE(file.transfer(child.write.get(), true, true));
        CHECK(file.need() == Need::nothing);
        CHECK(file.source_error() == 0);  // the child's side, not the source's
    }
    signal(SIGPIPE, old);
}

TEST_CASE("pump: a regular file, larger than any pipe, byte for byte", "[parent][pump]")
{
    const std::string text = fixture::random_input(7, 3 << 20);
    for (Transfer how : {Transfer::splice, Transfer::copy}) {
        auto pump = InputPump::from_file(temp_file(text), how);
        CHECK(pump.need() == (how == Transfer::splice ? Need::child : Need::source));
        CHECK(run_pump(pump) == text);
        CHECK(pump.delivered() == text.size());
        CHECK(pump.splicing() == (how == Transfer::splice));
    }
}

TEST_CASE("pump: a range of a file, read by offset", "[parent][pump]")
{
    const std::string text = fixture::random_input(8, 300000);
    for (Transfer how : {Transfer::splice, Transfer::copy}) {
        common::Fd fd = temp_file(text);
        int raw = fd.get();
        auto pump = InputPump::from_range(std::move(fd), 1000, 200000, how);
        CHECK(run_pump(pump) == text.substr(1000, 200000));
        CHECK(lseek(raw, 0, SEEK_CUR) == 0);  // its own position untouched
        auto tail = InputPump::from_range(temp_file(text), 299990, 100, how);
        CHECK(run_pump(tail) == text.substr(299990));  // the file ends first
        CHECK(InputPump::from_range(temp_file(text), 5, 0, how).need() == Need::nothing);
    }
}

TEST_CASE("pump: where splice refuses, read/write takes over for good", "[parent][pump]")
{
    auto null = InputPump::from_file(common::Fd(open("/dev/null", O_RDONLY | O_CLOEXEC)));
    CHECK(run_pump(null).empty());
    CHECK_FALSE(null.splicing());

    // A regular file that procfs cannot splice, with stable contents.
    common::Fd proc(open("/proc/1/cmdline", O_RDONLY | O_CLOEXEC));
    if (proc) {
        std::string expected = fixture::read_file("/proc/1/cmdline");
        auto pump = InputPump::from_file(std::move(proc));
        CHECK(run_pump(pump) == expected);
        CHECK_FALSE(pump.splicing());
    }
}

TEST_CASE("pump: a socket source", "[parent][pump]")
{
    for (Transfer how : {Transfer::splice, Transfer::copy}) {
        int sv[2];
        REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
        common::Fd writer(sv[1]);
        const std::string text = fixture::random_input(9, 100000);
        REQUIRE(common::write_all(writer.get(), text.data(), text.size()));
        writer.reset();
        auto pump = InputPump::from_file(common::Fd(sv[0]), how);
        CHECK(run_pump(pump) == text);
    }
}
