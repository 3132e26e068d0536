// parent's results in operand order (parent/results.hpp), printed through
// the report word_counter uses, and the request mode's format.
#include "../common/fd.hpp"
#include "../common/request.hpp"
#include "../parent/results.hpp"
#include "fixture.hpp"
#include "report_pipes.hpp"

#include <catch2/catch.hpp>
#include <cerrno>

using common::Outcome;

namespace {

// parent's Results over a Report writing into two pipes.
struct Captured {
    ReportPipes pipes{"parent"};
    common::Report report;
    parent::Results results{report};

    explicit Captured(common::TotalMode total = common::TotalMode::automatic)
        : report(pipes.options(total))
    {
    }
    std::string stdout_text() { return pipes.stdout_text(); }
    std::string stderr_text() { return pipes.stderr_text(); }
};

Outcome counted(std::uint64_t l, std::uint64_t w, std::uint64_t c)
{
    return {Outcome::counted, 0, {l, w, c, 0, 0}};
}

}  // namespace

TEST_CASE("results: lines come in operand order, as each is settled", "[parent][results]")
{
    Captured io;
    auto a = io.results.add("a", true);
    auto b = io.results.add("b", true);
    io.results.settle(b, 0, counted(4, 5, 6));
    CHECK(io.stdout_text().empty());  // b waits for a
    io.results.settle(a, 0, counted(1, 2, 3));
    CHECK(io.stdout_text() == "1 2 3 a\n4 5 6 b\n");
    CHECK(io.results.pending() == 0);
    CHECK(io.report.finish() == 0);
    CHECK(io.stdout_text() == "5 7 9 total\n");
}

TEST_CASE("results: the ranges of a split input add up to one line", "[parent][results]")
{
    Captured io;
    auto big = io.results.add("big", true);
    io.results.divide(big, 3);
    io.results.settle(big, 2, {Outcome::counted, 0, {1, 1, 1, 1, 7}});
    io.results.settle(big, 0, {Outcome::counted, 0, {2, 2, 2, 2, 9}});
    CHECK(io.stdout_text().empty());
    io.results.settle(big, 1, {Outcome::counted, 0, {3, 3, 3, 3, 4}});
    CHECK(io.stdout_text() == "6 6 6 big\n");
}

TEST_CASE("results: a failed range fails its file, once all have reported", "[parent][results]")
{
    Captured io;
    auto big = io.results.add("big", true);
    io.results.divide(big, 2);
    auto next = io.results.add("next", true);
    io.results.fail(big, 0, "worker killed by signal 9 (SIGKILL)", 137);
    io.results.settle(next, 0, counted(1, 1, 1));
    CHECK(io.stderr_text().empty());
    io.results.settle(big, 1, counted(5, 5, 5));
    CHECK(io.stderr_text() == "parent: big: worker killed by signal 9 (SIGKILL)\n");
    CHECK(io.stdout_text() == "1 1 1 next\n");
    CHECK(io.report.finish() == 137);
}

TEST_CASE("results: the worker's per-file errors are said as word_counter says them",
          "[parent][results]")
{
    Captured io;
    auto missing = io.results.add("missing", true);
    auto dir = io.results.add("dir", true);
    auto shrunk = io.results.add("shrunk", true);
    io.results.divide(shrunk, 2);
    io.results.settle(missing, 0, {Outcome::open_error, ENOENT, {}});
    io.results.settle(dir, 0, {Outcome::read_error, EISDIR, {}});
    io.results.settle(shrunk, 0, counted(1, 1, 1));
    io.results.settle(shrunk, 1, {Outcome::shrank, 0, {}});
    CHECK(io.stderr_text() == "parent: missing: No such file or directory\n"
                              "parent: dir: Is a directory\n"
                              "parent: shrunk: file shrank while it was being counted\n");
    CHECK(io.stdout_text() == "0 0 0 dir\n");
    CHECK(io.report.finish() == 1);
}

TEST_CASE("results: a rejected listed name keeps its place", "[parent][results]")
{
    Captured io;
    auto a = io.results.add("a", true);
    io.results.add_rejected("list:2: invalid zero-length file name");
    CHECK(io.stderr_text().empty());
    io.results.settle(a, 0, counted(1, 1, 1));
    CHECK(io.stderr_text() == "parent: list:2: invalid zero-length file name\n");
    CHECK(io.report.finish() == 1);
    CHECK(io.stdout_text() == "1 1 1 a\n1 1 1 total\n");
}

TEST_CASE("results: an input found large is settled by its ranges", "[parent][results]")
{
    Captured io;
    auto big = io.results.add("big", true);
    auto b = io.results.add("b", true);
    io.results.settle(b, 0, counted(4, 5, 6));
    io.results.divide(big, 2);
    io.results.settle(big, 1, counted(1, 1, 1));
    CHECK(io.stdout_text().empty());
    io.results.settle(big, 0, counted(2, 2, 2));
    CHECK(io.stdout_text() == "3 3 3 big\n4 5 6 b\n");
}

TEST_CASE("results: a stopped run reports nothing more", "[parent][results]")
{
    Captured io;
    auto a = io.results.add("a", true);
    io.results.stop();
    io.results.settle(a, 0, counted(1, 1, 1));
    CHECK(io.stdout_text().empty());
}

TEST_CASE("request: every request and reply formats and parses back", "[request]")
{
    common::Request whole{common::Request::count, "a b\nc", 0, 0};
    std::string text = common::format_request(whole);
    REQUIRE(text.back() == '\0');
    auto parsed = common::parse_request(std::string_view(text).substr(0, text.size() - 1));
    REQUIRE(parsed);
    CHECK(parsed->name == "a b\nc");
    CHECK(parsed->kind == common::Request::count);

    common::Request below{common::Request::count_below, "count 1", 0, 4194304};
    text = common::format_request(below);
    CHECK(text == std::string("count-below 4194304 count 1\0", 28));
    parsed = common::parse_request(std::string_view(text).substr(0, text.size() - 1));
    REQUIRE(parsed);
    CHECK(parsed->kind == common::Request::count_below);
    CHECK(parsed->name == "count 1");
    CHECK(parsed->length == 4194304);

    common::Request range{common::Request::range, "range 1 2 x", 4194304, 18446744073709551615ull};
    text = common::format_request(range);
    parsed = common::parse_request(std::string_view(text).substr(0, text.size() - 1));
    REQUIRE(parsed);
    CHECK(parsed->name == "range 1 2 x");
    CHECK(parsed->offset == 4194304);
    CHECK(parsed->length == 18446744073709551615ull);

    const common::Selection lwm = common::Selection::standard();
    for (const Outcome& o : {counted(1, 2, 3), Outcome{Outcome::open_error, ENOENT, {}},
                             Outcome{Outcome::read_error, EISDIR, {0, 0, 0, 0, 0}},
                             Outcome{Outcome::shrank, 0, {7, 8, 9, 0, 0}},
                             Outcome{Outcome::large, 0, {0, 0, 0, 18446744073709551615ull, 0}}}) {
        std::string line = common::format_outcome(o, lwm);
        REQUIRE(line.back() == '\n');
        line.pop_back();
        INFO(line);
        auto back = common::parse_outcome(line, lwm);
        REQUIRE(back);
        CHECK(back->kind == o.kind);
        CHECK(back->err == o.err);
        CHECK(back->counts == o.counts);
    }
}

TEST_CASE("request: malformed requests and replies are refused", "[request]")
{
    for (const char* bad : {"", "count ", "count", "range 1 2 ", "range 1 x", "range 01 2 x",
                            "range 1 2", "size x", " count x", "range -1 2 x", "count-below x",
                            "count-below 5", "count-below 5 ", "count-below -5 x"})
        CHECK_FALSE(common::parse_request(bad));
    const common::Selection lwm = common::Selection::standard();
    for (const char* bad : {"", "1 2", "open-error", "open-error 0", "open-error x",
                            "open-error 2 1 2 3", "read-error 21", "read-error 21 1 2",
                            "shrank", "error 2", "1 2 3 4", "open-error 99999", "large",
                            "large ", "large x", "large 5 6", "large 05", "large 18446744073709551616"})
        CHECK_FALSE(common::parse_outcome(bad, lwm));
}
