// How a worker ended, and the exit-code table of parent(1).
#include "../parent/exec_failure.hpp"
#include "../parent/exit_status.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

using proc::ChildStatus;

namespace {

// What waitid(2) says of a child that exited with code, or was killed by sig.
siginfo_t exited(int code)
{
    siginfo_t info{};
    info.si_code = CLD_EXITED;
    info.si_status = code;
    return info;
}

siginfo_t killed(int sig, bool dumped = false)
{
    siginfo_t info{};
    info.si_code = dumped ? CLD_DUMPED : CLD_KILLED;
    info.si_status = sig;
    return info;
}

}  // namespace

TEST_CASE("parent: what waitid reports decodes to an exit or a signal", "[parent][status]")
{
    auto e = proc::status_of(exited(137));
    CHECK_FALSE(e.signaled);
    CHECK(e.code == 137);
    auto s = proc::status_of(killed(SIGKILL));
    CHECK(s.signaled);
    CHECK(s.code == SIGKILL);
    CHECK(proc::status_of(killed(SIGSEGV, true)).code == SIGSEGV);
}

TEST_CASE("parent: signal names", "[parent][status]")
{
    CHECK(proc::signal_name(SIGKILL) == "SIGKILL");
    CHECK(proc::signal_name(SIGSEGV) == "SIGSEGV");
    CHECK(proc::signal_name(SIGPIPE) == "SIGPIPE");
    CHECK(proc::signal_name(SIGRTMIN + 3) == "SIGRTMIN+3");
    CHECK(proc::signal_name(SIGRTMAX + 1) == "signal " + std::to_string(SIGRTMAX + 1));
}

TEST_CASE("parent: exit code 137 and signal 9 are told apart", "[parent][status]")
{
    ChildStatus code137{false, 137};
    ChildStatus kill9{true, SIGKILL};
    CHECK(parent::describe_worker(code137) == "worker exited with status 137");
    CHECK(parent::describe_worker(kill9) == "worker killed by signal 9 (SIGKILL)");
    CHECK(parent::exit_code_for(code137) == 137);
    CHECK(parent::exit_code_for(kill9) == 137);
    CHECK(parent::exit_code_for({true, SIGSEGV}) == 139);
    CHECK(parent::exit_code_for({false, 0}) == 0);
}

TEST_CASE("parent: exec errors map to 127 (not found) or 126 (cannot run)", "[parent][status]")
{
    CHECK(parent::exit_code_for_exec_error(ENOENT) == 127);
    CHECK(parent::exit_code_for_exec_error(ENOTDIR) == 127);
    for (int err : {EACCES, ENOEXEC, EISDIR, ELOOP, ETXTBSY, E2BIG, ENOMEM, EPERM})
        CHECK(parent::exit_code_for_exec_error(err) == 126);
}

TEST_CASE("parent: the verdict on a finished run", "[parent][status]")
{
    common::ParsedReply good{common::Counts{1, 12, 76}, {}};
    common::ParsedReply bad = common::parse_reply("1 2\n");

    auto ok = parent::judge({{false, 0}, std::nullopt, &good});
    CHECK(ok.exit_code == 0);
    CHECK(ok.message.empty());
    CHECK(ok.counts == common::Counts{1, 12, 76});

    auto timed_out = parent::judge({{false, 0}, "worker timed out after 1.5s", &good});
    CHECK(timed_out.exit_code == 124);
    CHECK(timed_out.message == "worker timed out after 1.5s");
    CHECK_FALSE(timed_out.counts);

    auto exit3 = parent::judge({{false, 3}, std::nullopt, &good});
    CHECK(exit3.exit_code == 3);
    CHECK(exit3.message == "worker exited with status 3");
    CHECK_FALSE(exit3.counts);

    auto segv = parent::judge({{true, SIGSEGV}, std::nullopt, nullptr});
    CHECK(segv.exit_code == 139);
    CHECK(segv.message == "worker killed by signal 11 (SIGSEGV)");

    auto malformed = parent::judge({{false, 0}, std::nullopt, &bad});
    CHECK(malformed.exit_code == 76);
    CHECK(malformed.message == "protocol error: malformed reply \"1 2\\n\"");
    CHECK_FALSE(malformed.counts);

    CHECK(parent::judge({{false, 0}, std::nullopt, nullptr}).exit_code == 76);

    // A worker parent ended because its reply grew too large: a protocol
    // error, whatever the signal that ended it.
    common::ParsedReply flood{std::nullopt, "reply larger than 4096 bytes \"y\\ny\\n...\""};
    auto flooded = parent::judge({{true, SIGKILL}, std::nullopt, &flood, true});
    CHECK(flooded.exit_code == 76);
    CHECK(flooded.message.rfind("protocol error: reply larger than 4096 bytes", 0) == 0);
}

TEST_CASE("parent: spawn error messages name the path and the reason", "[parent][status]")
{
    using proc::SpawnError;
    CHECK(parent::spawn_error_message(SpawnError{"/no/w", ENOENT, true}) ==
          "worker '/no/w': not found (No such file or directory)");
    CHECK(parent::spawn_error_message({"/etc", EACCES, true}) ==
          "worker '/etc': cannot run (Permission denied)");
    CHECK(parent::spawn_error_message({"vfork", EAGAIN, false}) ==
          "cannot start worker: vfork: Resource temporarily unavailable");
    CHECK(parent::spawn_error_status({"/no/w", ENOENT, true}) == 127);
    CHECK(parent::spawn_error_status({"/etc", EACCES, true}) == 126);
    CHECK(parent::spawn_error_status({"vfork", EAGAIN, false}) == 125);
}

TEST_CASE("parent: a script's missing interpreter is named", "[parent][status]")
{
    char path[] = "/tmp/parent_interp_XXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    const char script[] = "#! /no/such/sh -e\necho hi\n";
    REQUIRE(write(fd, script, sizeof script - 1) == static_cast<ssize_t>(sizeof script - 1));
    close(fd);
    CHECK(parent::interpreter_of(path) == "/no/such/sh");
    CHECK(parent::spawn_error_message({path, ENOENT, true}) ==
          std::string("worker '") + path +
              "': interpreter '/no/such/sh' not found (No such file or directory)");
    unlink(path);
    CHECK(parent::interpreter_of("/no/such/file").empty());
}
