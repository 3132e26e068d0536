// The output lines both tools print: text, JSON, file-name quoting; and the
// report of a run over several inputs.
#include "../common/count_report.hpp"
#include "../common/fd.hpp"
#include "../common/report.hpp"
#include "fixture.hpp"
#include "report_pipes.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdint>
#include <utility>

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

// Every expected value below is what GNU wc 9.7 printed (C.UTF-8) for that
// name: on its output line with -c, or in "wc: NAME: No such file or
// directory".
TEST_CASE("output: a name on its line is quoted only when it holds a newline", "[output]")
{
    const std::pair<const char*, const char*> rows[] = {
        {"plain name.txt", "plain name.txt"},
        {"a\tb", "a\tb"},
        {"\x01", "\x01"},
        {"caf\xc3\xa9", "caf\xc3\xa9"},
        {"a\nb", "'a'$'\\n''b'"},
        {"1\xc0\n.txt", "'1'$'\\300\\n''.txt'"},
        {"a\n\nb", "'a'$'\\n\\n''b'"},
        {"\nb", "''$'\\n''b'"},
        {"it's\nx", "'it'\\''s'$'\\n''x'"},
        {"a b\n", "'a b'$'\\n'"},
        {"\n'", "''$'\\n'\\'''"},
        {"a\nb'c", "'a'$'\\n''b'\\''c'"},
    };
    for (const auto& [name, expected] : rows) {
        INFO(name);
        CHECK(common::quote_name(name) == expected);
    }
}

TEST_CASE("output: names in messages are quoted as a shell needs them", "[output]")
{
    const std::pair<std::string, const char*> rows[] = {
        {"a b", "'a b'"}, {"c:d", "'c:d'"}, {"it's", "\"it's\""}, {"x$y", "'x$y'"},
        {"\xc3\xa9", "\xc3\xa9"}, {"a\\b", "'a\\b'"}, {"~x", "'~x'"}, {"x~", "x~"},
        {"#x", "'#x'"}, {"x#", "x#"}, {"{", "'{'"}, {"{}", "{}"}, {"a=b", "'a=b'"},
        {"a\tb", "'a'$'\\t''b'"}, {"\x01", "''$'\\001'"},
        {"caf\xc3\xa9\x80", "'caf\xc3\xa9'$'\\200'"}, {"\xc2\x85", "''$'\\302\\205'"},
        {"\xe2\x80\x8b", "\xe2\x80\x8b"}, {"a?b", "'a?b'"}, {"\"q\"", "'\"q\"'"},
        {"it's \"x\"", "'it'\\''s \"x\"'"}, {"@", "@"}, {"%+,-./09AZ]_az", "%+,-./09AZ]_az"},
        {"\x7f", "''$'\\177'"}, {"x\xe2\x80\xa8y", "'x'$'\\342\\200\\250''y'"},
        {"\xe2\x80\x99", "\xe2\x80\x99"}, {"[x]", "'[x]'"}, {"x]", "x]"},
        {"x\x01", "'x'$'\\001'"}, {"\xff", "''$'\\377'"}, {"\xe2\x82", "''$'\\342\\202'"},
        {"\xed\xa0\x80", "''$'\\355\\240\\200'"}, {"\xf4\x90\x80\x80", "''$'\\364\\220\\200\\200'"},
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"}, {"\xcd\xb8", "''$'\\315\\270'"},
        {"it's:", "\"it's:\""}, {"it's#", "'it'\\''s#'"}, {"#it's", "\"#it's\""}, {"'", "\"'\""},
        {"a\\'b", "'a\\'\\''b'"}, {"\x01'", "''$'\\001'\\'''"}, {"'\x01", "''\\'''$'\\001'"},
        {"\a\b\f\r\t\v", "''$'\\a\\b\\f\\r\\t\\v'"},
        {"x\xf8\x88\x80\x80\x80y", "'x'$'\\370\\210\\200\\200\\200''y'"},
        {"it's \xc3\xa9", "\"it's \xc3\xa9\""}, {"--", "--"}, {"a|b", "'a|b'"}, {"", "''"},
        {"standard input", "'standard input'"},
    };
    for (const auto& [name, expected] : rows) {
        INFO(name);
        CHECK(common::quote_message(name) == expected);
    }
}

TEST_CASE("output: some messages always quote the name; option values get ‘’", "[output]")
{
    CHECK(common::quote_always("b") == "'b'");
    CHECK(common::quote_always("-") == "'-'");
    CHECK(common::quote_always("") == "''");
    CHECK(common::quote_always("it's") == "\"it's\"");
    CHECK(common::quote_always("c:d") == "'c:d'");
    CHECK(common::quote_value("x") == "\xe2\x80\x98x\xe2\x80\x99");
    CHECK(common::quote_value("") == "\xe2\x80\x98\xe2\x80\x99");
    CHECK(common::quote_value("a\nb") == "\xe2\x80\x98" "a\\nb\xe2\x80\x99");
    CHECK(common::quote_value("\xe2\x80\x99") == "\xe2\x80\x98\\\xe2\x80\x99\xe2\x80\x99");
    CHECK(common::quote_value("\xc2\x85") == "\xe2\x80\x98\\302\\205\xe2\x80\x99");
    CHECK(common::quote_value("a\\'b") == "\xe2\x80\x98" "a\\\\'b\xe2\x80\x99");
}

TEST_CASE("output: UTF-8 is well-formed only in its minimal forms up to U+10FFFF", "[output]")
{
    for (const char* good : {"", "abc", "caf\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80",
                             "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf", "\xee\x80\x80"}) {
        INFO(good);
        CHECK(common::is_utf8(good));
    }
    for (const char* bad : {"\xff", "\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80",
                            "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xe2\x82", "a\xc3",
                            "\xc3(", "\xf0\x8f\xbf\xbf"}) {
        INFO(bad);
        CHECK_FALSE(common::is_utf8(bad));
    }
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

TEST_CASE("output: a name that is not UTF-8 is given in base64, losslessly", "[output]")
{
    Selection bytes;
    bytes.bytes = true;
    const std::pair<std::string, const char*> rows[] = {
        {"\xfe\xfe", "{\"file_bytes\":\"/v4=\",\"bytes\":4}\n"},
        {"\xff", "{\"file_bytes\":\"/w==\",\"bytes\":4}\n"},
        {"a\xc0" "b", "{\"file_bytes\":\"YcBi\",\"bytes\":4}\n"},
        {"caf\xe9.txt", "{\"file_bytes\":\"Y2Fm6S50eHQ=\",\"bytes\":4}\n"},
        {"\xed\xa0\x80", "{\"file_bytes\":\"7aCA\",\"bytes\":4}\n"},
        {"caf\xc3\xa9", "{\"file\":\"caf\xc3\xa9\",\"bytes\":4}\n"},
    };
    for (const auto& [name, expected] : rows) {
        INFO(name);
        CHECK(json(sample, bytes, Label{Label::file, name}) == expected);
    }
}

TEST_CASE("output: the total of --total=only is bare as text, marked in JSON", "[output]")
{
    const Label alone = common::total_label(common::TotalMode::only);
    CHECK(text(sample, Selection::standard(), alone) == "1 2 3\n");
    CHECK(json(sample, Selection::standard(), alone) ==
          "{\"total\":true,\"lines\":1,\"words\":2,\"chars\":3}\n");
}

namespace {

const Label a{Label::file, "a"};
const Label b{Label::file, "b"};

}  // namespace

TEST_CASE("report: lines in the order given, the total, status 0", "[output][report]")
{
    ReportPipes io;
    common::Report report(io.options());
    report.counted(a, {1, 2, 3, 0, 0});
    report.counted(b, {4, 5, 6, 0, 0});
    CHECK(report.finish() == 0);
    CHECK(io.stdout_text() == "1 2 3 a\n4 5 6 b\n5 7 9 total\n");
    CHECK(io.stderr_text().empty());
}

TEST_CASE("report: failed inputs still count towards --total=auto", "[output][report]")
{
    ReportPipes io;
    common::Report report(io.options());
    report.counted(a, {1, 2, 3, 0, 0});
    report.unopenable(b, ENOENT);
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "1 2 3 a\n1 2 3 total\n");
    CHECK(io.stderr_text() == "prog: b: No such file or directory\n");
}

TEST_CASE("report: an unreadable input prints what was counted, then its message",
          "[output][report]")
{
    ReportPipes io;
    common::Report report(io.options());
    report.unreadable(a, EISDIR, {});
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "0 0 0 a\n");
    CHECK(io.stderr_text() == "prog: a: Is a directory\n");
    common::ReportOptions one_stream = io.options();
    one_stream.err_fd = one_stream.out_fd;  // as with 2>&1
    common::Report merged(one_stream);
    merged.unreadable(a, EISDIR, {});
    merged.counted(b, {1, 1, 1, 0, 0});
    CHECK(merged.finish() == 1);
    CHECK(io.stdout_text() == "0 0 0 a\nprog: a: Is a directory\n1 1 1 b\n1 1 1 total\n");
}

TEST_CASE("report: the first failure in order decides the status", "[output][report]")
{
    ReportPipes io;
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
    ReportPipes io;
    common::Report report(io.options(common::TotalMode::only));
    report.counted(a, {1, 2, 3, 0, 0});
    report.rejected("list:2: invalid zero-length file name");
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "1 2 3\n");
    CHECK(io.stderr_text() == "prog: list:2: invalid zero-length file name\n");
}

TEST_CASE("report: a total past 2^64-1 prints 2^64-1 after a message, status 1",
          "[output][report]")
{
    constexpr std::uint64_t half = (std::uint64_t{1} << 63) + 1;
    ReportPipes io;
    common::ReportOptions opts = io.options();
    opts.show.bytes = true;
    common::Report report(opts);
    report.counted(a, {1, 1, 1, half, 0});
    report.counted(b, {1, 1, 1, half, 0});
    CHECK(report.finish() == 1);
    CHECK(io.stdout_text() == "1 1 1 9223372036854775809 a\n1 1 1 9223372036854775809 b\n"
                              "2 2 2 18446744073709551615 total\n");
    CHECK(io.stderr_text() == "prog: total bytes: Value too large for defined data type\n");
}

TEST_CASE("report: an overflow is said for each count shown, only when the total is",
          "[output][report]")
{
    const std::uint64_t max = ~std::uint64_t{0};
    for (common::TotalMode mode : {common::TotalMode::never, common::TotalMode::only}) {
        ReportPipes io;
        common::Report report(io.options(mode));  // -l -w -m: bytes not shown
        report.counted(a, {max, max, max, max, 0});
        report.counted(b, {1, 1, 1, 1, 0});
        const bool shown = mode == common::TotalMode::only;
        CHECK(report.finish() == (shown ? 1 : 0));
        CHECK(io.stdout_text() ==
              (shown ? "18446744073709551615 18446744073709551615 18446744073709551615\n"
                     : "18446744073709551615 18446744073709551615 18446744073709551615 a\n"
                       "1 1 1 b\n"));
        CHECK(io.stderr_text() ==
              (shown ? "prog: total lines: Value too large for defined data type\n"
                       "prog: total words: Value too large for defined data type\n"
                       "prog: total characters: Value too large for defined data type\n"
                     : ""));
    }
}

TEST_CASE("report: standard input and names with spaces are quoted in messages",
          "[output][report]")
{
    ReportPipes io;
    common::Report report(io.options());
    report.unreadable(Label{}, EISDIR, {});
    report.unopenable(Label{Label::file, "a b"}, ENOENT);
    (void)report.finish();
    CHECK(io.stderr_text() == "prog: 'standard input': Is a directory\n"
                              "prog: 'a b': No such file or directory\n");
}

TEST_CASE("report: a standard input that was closed fails when closed, as in GNU wc",
          "[output][report]")
{
    ReportPipes io;
    common::Report report(io.options());
    report.counted(Label{}, {});
    CHECK(report.finish() == 0);
    report.close_stdin(true);  // held by a placeholder: not closed here
    CHECK(report.status() == 1);
    CHECK(io.stderr_text() == "prog: -: Bad file descriptor\n");
}
