// word_counter's output lines: text, JSON, and file-name quoting.
#include "../word_counter/output.hpp"

#include <catch2/catch.hpp>

using wc::Label;
using wc::Selection;
using wc::Totals;

namespace {

Selection lwm()
{
    Selection s;
    s.lines = s.words = s.chars = true;
    return s;
}

const Totals sample{1, 2, 3, 4, 5};

}  // namespace

TEST_CASE("output: the default on stdin is the reply format", "[output]")
{
    CHECK(wc::format_text(sample, lwm(), Label{}) == "1 2 3\n");
}

TEST_CASE("output: counts in fixed order, then the name", "[output]")
{
    Selection all = lwm();
    all.bytes = all.max_line_length = true;
    CHECK(wc::format_text(sample, all, Label{Label::file, "a.txt"}) == "1 2 3 4 5 a.txt\n");
    Selection only_bytes;
    only_bytes.bytes = true;
    CHECK(wc::format_text(sample, only_bytes, Label{}) == "4\n");
    CHECK(wc::format_text(sample, only_bytes, Label{Label::total, {}}) == "4 total\n");
}

TEST_CASE("output: names with control chars are shell-quoted", "[output]")
{
    CHECK(wc::quote_name("plain name.txt") == "plain name.txt");
    CHECK(wc::quote_name("a\nb") == "'a'$'\\n''b'");
    CHECK(wc::quote_name("\tx") == "$'\\t''x'");
    CHECK(wc::quote_name("it's\n") == "'it'\\''s'$'\\n'");
    CHECK(wc::quote_name("\x01") == "$'\\001'");
    CHECK(wc::quote_name("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("output: JSON objects carry the selected counts", "[output]")
{
    CHECK(wc::format_json(sample, lwm(), Label{}) == "{\"lines\":1,\"words\":2,\"chars\":3}\n");
    CHECK(wc::format_json(sample, lwm(), Label{Label::file, "a\"b\\c\n"}) ==
          "{\"file\":\"a\\\"b\\\\c\\u000a\",\"lines\":1,\"words\":2,\"chars\":3}\n");
    Selection width;
    width.max_line_length = true;
    CHECK(wc::format_json(sample, width, Label{Label::total, {}}) ==
          "{\"total\":true,\"max_line_length\":5}\n");
}
