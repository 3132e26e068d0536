// What parent prints for its inputs: lines in operand order whatever order
// the workers end in, ranges summed, failures reported, the total line and
// the exit status.
#include "../common/fd.hpp"
#include "../parent/tally.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using parent::Tally;
using parent::TallyOptions;

namespace {

// A Tally writing into pipes, and what it wrote.
struct Capture {
    common::Pipe out, err;
    Capture()
    {
        REQUIRE(common::make_pipe(out));
        REQUIRE(common::make_pipe(err));
    }
    TallyOptions options(TallyOptions o = {})
    {
        o.out_fd = out.write.get();
        o.err_fd = err.write.get();
        return o;
    }
    std::string stdout_text() { return fixture::take_available(out.read.get()); }
    std::string stderr_text() { return fixture::take_available(err.read.get()); }
};

const std::vector<std::string> abc{"a", "b", "c"};

}  // namespace

TEST_CASE("tally: lines come in operand order, as each is settled", "[parent][tally]")
{
    Capture cap;
    Tally tally(abc, cap.options());
    tally.counted(2, {3, 3, 3});
    tally.counted(0, {1, 1, 1});
    CHECK(cap.stdout_text() == "1 1 1 a\n");  // b is not settled: c waits
    tally.counted(1, {2, 2, 2});
    CHECK(cap.stdout_text() == "2 2 2 b\n3 3 3 c\n");
    CHECK(tally.finish() == 0);
    CHECK(cap.stdout_text() == "6 6 6 total\n");
    CHECK(cap.stderr_text().empty());
}

TEST_CASE("tally: the ranges of a split input add up to one line", "[parent][tally]")
{
    Capture cap;
    Tally tally({"big"}, cap.options());
    tally.expect(0, 3);
    tally.counted(0, {1, 2, 3});
    tally.counted(0, {10, 20, 30});
    CHECK(cap.stdout_text().empty());
    tally.counted(0, {100, 200, 300});
    CHECK(cap.stdout_text() == "111 222 333 big\n");
    CHECK(tally.finish() == 0);
    CHECK(cap.stdout_text().empty());  // one operand: no total (auto)
}

TEST_CASE("tally: failures are named in order; the exit status", "[parent][tally]")
{
    Capture cap;
    Tally tally(abc, cap.options());
    tally.failed(2, 76, "protocol error: empty reply");
    tally.counted(0, {1, 1, 1});
    tally.failed(1, 137, "worker killed by signal 9 (SIGKILL)");
    CHECK(cap.stdout_text() == "1 1 1 a\n");
    CHECK(cap.stderr_text() == "parent: b: worker killed by signal 9 (SIGKILL)\n"
                               "parent: c: protocol error: empty reply\n");
    CHECK(tally.finish() == 137);  // the first in operand order, not in time
    CHECK(cap.stdout_text() == "1 1 1 total\n");
}

TEST_CASE("tally: an unreadable file is status 1, as in word_counter", "[parent][tally]")
{
    Capture cap;
    Tally tally(abc, cap.options());
    tally.failed(0, 3, "worker exited with status 3");
    tally.unreadable(1, ENOENT);
    tally.counted(2, {1, 2, 3});
    CHECK(cap.stderr_text() == "parent: a: worker exited with status 3\n"
                               "parent: b: No such file or directory\n");
    CHECK(tally.finish() == 1);
    CHECK(cap.stdout_text() == "1 2 3 c\n1 2 3 total\n");
}

TEST_CASE("tally: one failed range fails the whole file, once all have reported", "[parent][tally]")
{
    Capture cap;
    Tally tally({"big", "c"}, cap.options());
    tally.expect(0, 3);
    tally.counted(0, {1, 1, 1});
    tally.unreadable(0, EIO);
    tally.counted(1, {2, 2, 2});
    CHECK(cap.stderr_text().empty());  // big has a range to go
    tally.failed(0, 3, "worker exited with status 3");
    CHECK(cap.stderr_text() == "parent: big: Input/output error\n");  // the first failure
    CHECK(cap.stdout_text() == "2 2 2 c\n");
    CHECK(tally.finish() == 1);
}

TEST_CASE("tally: standard input has no name and no total", "[parent][tally]")
{
    Capture cap;
    Tally tally({}, cap.options());
    CHECK(tally.inputs() == 1);
    tally.counted(0, {1, 12, 76});
    CHECK(tally.finish() == 0);
    CHECK(cap.stdout_text() == "1 12 76\n");

    Tally failing({}, cap.options());
    failing.failed(0, 3, "worker exited with status 3");
    CHECK(failing.finish() == 3);
    CHECK(cap.stderr_text() == "parent: worker exited with status 3\n");
}

TEST_CASE("tally: --total and --json as word_counter has them", "[parent][tally]")
{
    struct Row {
        common::TotalMode total;
        bool json;
        const char* expected;
    };
    for (const Row& row : std::vector<Row>{
             {common::TotalMode::only, false, "3 3 3\n"},
             {common::TotalMode::never, false, "1 1 1 a\n2 2 2 b\n"},
             {common::TotalMode::always, true,
              "{\"file\":\"a\",\"lines\":1,\"words\":1,\"chars\":1}\n"
              "{\"file\":\"b\",\"lines\":2,\"words\":2,\"chars\":2}\n"
              "{\"total\":true,\"lines\":3,\"words\":3,\"chars\":3}\n"},
             {common::TotalMode::only, true,
              "{\"total\":true,\"lines\":3,\"words\":3,\"chars\":3}\n"}}) {
        Capture cap;
        TallyOptions opts;
        opts.total = row.total;
        opts.json = row.json;
        Tally tally({"a", "b"}, cap.options(opts));
        tally.counted(0, {1, 1, 1});
        tally.counted(1, {2, 2, 2});
        CHECK(tally.finish() == 0);
        CHECK(cap.stdout_text() == row.expected);
    }
}

TEST_CASE("tally: a stopped run prints nothing more, and no total", "[parent][tally]")
{
    Capture cap;
    Tally tally(abc, cap.options());
    tally.counted(0, {1, 1, 1});
    tally.stop(127, "worker 'w': not found (No such file or directory)");
    tally.counted(1, {2, 2, 2});
    CHECK(tally.stopped());
    CHECK(tally.finish() == 127);
    CHECK(cap.stdout_text() == "1 1 1 a\n");
    CHECK(cap.stderr_text() == "parent: worker 'w': not found (No such file or directory)\n");
}

TEST_CASE("tally: stdout closed or failing is parent's own failure", "[parent][tally]")
{
    Capture cap;
    TallyOptions opts;
    opts.stdout_closed = true;
    Tally tally(abc, cap.options(opts));
    tally.counted(0, {1, 1, 1});
    tally.counted(1, {1, 1, 1});
    CHECK(tally.finish() == 125);
    CHECK(cap.stdout_text().empty());
    CHECK(cap.stderr_text() == "parent: write error: Bad file descriptor\n");
}

TEST_CASE("tally: a timed-out worker fails its input silently", "[parent][tally]")
{
    Capture cap;
    Tally tally({}, cap.options());
    tally.timed_out(0);  // main says "timed out", once for the run
    CHECK(tally.finish() == 124);
    CHECK(cap.stdout_text().empty());
    CHECK(cap.stderr_text().empty());
}
