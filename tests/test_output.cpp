// The output lines both tools print: text, JSON, file-name quoting; and the
// report of a run over several inputs.
#include "../common/count_report.hpp"
#include "../common/fd.hpp"
#include "../common/report.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <cerrno>

using common::Counts;
using common::Label;
using common::Selection;

namespace {

const Counts sample{1, 2, 3, 4, 5};

std::string text(const Counts& c, const Selection& show, const Label& label)
{
    return common::format_text(common::selected(c, show), label);
}

std::string json(const Counts& c, const Selection& show, const Label& label)
{
    return common::format_json(common::selected(c, show), label);
}

}  // namespace

TEST_CASE("output: the default on stdin is the reply format", "[output]")
{
    CHECK(text(sample, Selection::standard(), Label{}) == "1 2 3\n");
}

TEST_CASE("output: counts in fixed order, then the name", "[output]")
{
    Selection all = Selection::standard();
    all.bytes = all.max_line_length = true;
    CHECK(text(sample, all, Label{Label::file, "a.txt"}) == "1 2 3 4 5 a.txt\n");
    Selection only_bytes;
    only_bytes.bytes = true;
    CHECK(text(sample, only_bytes, Label{}) == "4\n");
    CHECK(text(sample, only_bytes, Label{Label::total, {}}) == "4 total\n");
}

TEST_CASE("output: names with control chars are shell-quoted", "[output]")
{
    CHECK(common::quote_name("plain name.txt") == "plain name.txt");
    CHECK(common::quote_name("a\nb") == "'a'$'\\n''b'");
    CHECK(common::quote_name("\tx") == "$'\\t''x'");
    CHECK(common::quote_name("it's\n") == "'it'\\''s'$'\\n'");
    CHECK(common::quote_name("\x01") == "$'\\001'");
    CHECK(common::quote_name("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("output: JSON objects carry the selected counts", "[output]")
{
    CHECK(json(sample, Selection::standard(), Label{}) ==
          "{\"lines\":1,\"words\":2,\"chars\":3}\n");
    CHECK(json(sample, Selection::standard(), Label{Label::file, "a\"b\\c\n"}) ==
          "{\"file\":\"a\\\"b\\\\c\\u000a\",\"lines\":1,\"words\":2,\"chars\":3}\n");
    Selection width;
    width.max_line_length = true;
    CHECK(json(sample, width, Label{Label::total, {}}) ==
          "{\"total\":true,\"max_line_length\":5}\n");
}

namespace {

// A Report writing into two pipes, and what it wrote.
struct Captured {
    common::Pipe out, err;
    Captured()
    {
        REQUIRE(common::make_pipe(out));
        REQUIRE(common::make_pipe(err));
    }
    common::ReportOptions options(common::TotalMode total = common::TotalMode::automatic)
    {
        common::ReportOptions o;
        o.program = "prog";
        o.total = total;
        o.out_fd = out.write.get();
        o.err_fd = err.write.get();
        return o;
    }
    std::string stdout_text() { return fixture::take_available(out.read.get()); }
    std::string stderr_text() { return fixture::take_available(err.read.get()); }
};

const Label a{Label::file, "a"};
const Label b{Label::file, "b"};

}  // namespace

TEST_CASE("report: lines in the order given, the total, status 0", "[output][report]")
{
    Captured io;
    common::Report report(io.options());
    report.counted(a, {1, 2, 3, 0, 0});
    report.counted(b, {4, 5, 6, 0, 0});
    CHECK(report.finish() == 0);
    CHECK(io.stdout_text() == "1 2 3 a\n4 5 6 b\n5 7 9 total\n");
    CHECK(io.stderr_text().empty());
}

TEST_CASE("report: failed inputs still count towards --total=auto", "[output][report]")
{
    Captured io;
    common::Report report(io.options());
    report.counted(a, {1, 2, 3, 0, 0});
    report.unopenable(b, ENOENT);
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "1 2 3 a\n1 2 3 total\n");
    CHECK(io.stderr_text() == "prog: b: No such file or directory\n");
}

TEST_CASE("report: an unreadable input prints its message, then what was counted",
          "[output][report]")
{
    Captured io;
    common::Report report(io.options());
    report.unreadable(a, EISDIR, {});
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "0 0 0 a\n");
    CHECK(io.stderr_text() == "prog: a: Is a directory\n");
}

TEST_CASE("report: the first failure in order decides the status", "[output][report]")
{
    Captured io;
    common::Report report(io.options(common::TotalMode::never));
    report.failed(a, "worker killed by signal 9 (SIGKILL)", 137);
    report.unopenable(b, ENOENT);
    CHECK(report.finish() == 137);
    CHECK(io.stdout_text().empty());
    CHECK(io.stderr_text() ==
          "prog: a: worker killed by signal 9 (SIGKILL)\nprog: b: No such file or directory\n");
}

TEST_CASE("report: --total=only prints the total alone, bare", "[output][report]")
{
    Captured io;
    common::Report report(io.options(common::TotalMode::only));
    report.counted(a, {1, 2, 3, 0, 0});
    report.rejected("list:2: invalid zero-length file name");
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "1 2 3\n");
    CHECK(io.stderr_text() == "prog: list:2: invalid zero-length file name\n");
}
