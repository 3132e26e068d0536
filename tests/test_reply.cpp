// The reply protocol: format and strict parse (common/reply.hpp).
#include "../common/reply.hpp"

#include <catch2/catch.hpp>

using common::Counts;
using common::format_reply;
using common::parse_reply;

TEST_CASE("reply: format then parse gives the counts back", "[reply]")
{
    const Counts samples[] = {{0, 0, 0}, {1, 12, 76}, {2, 12, 77},
                              {UINT64_MAX, 0, UINT64_MAX}, {10, 100, 1000}};
    for (const auto& c : samples) {
        const std::string text = format_reply(c);
        INFO(text);
        auto parsed = parse_reply(text);
        REQUIRE(parsed.counts);
        CHECK(*parsed.counts == c);
        CHECK(parsed.error.empty());
    }
    CHECK(format_reply({2, 12, 77}) == "2 12 77\n");
    CHECK(format_reply({UINT64_MAX, 1, 2}) == "18446744073709551615 1 2\n");
}

TEST_CASE("reply: malformed replies are refused", "[reply]")
{
    const std::string bad[] = {
        "",                                // nothing
        "\n",                              // an empty line
        "hello world\n",                   // text
        "1 2\n",                           // two numbers
        "1 2 3 4\n",                       // four numbers
        "-1 2 3\n",                        // a sign
        "+1 2 3\n",                        // a plus sign
        "1 2 3\n\n",                       // two newlines
        "1 2 3\nextra",                    // trailing junk
        "1 2 3 \n",                        // trailing space
        " 1 2 3\n",                        // leading space
        "1  2 3\n",                        // two spaces
        "1\t2\t3\n",                       // tabs
        "01 2 3\n",                        // a leading zero
        "00 2 3\n",                        // zeros
        "1 2 3\r\n",                       // CRLF
        "18446744073709551616 0 0\n",      // 2^64
        "99999999999999999999999 0 0\n",   // far past 2^64
        std::string("1 2\0 3\n", 7),       // a NUL
        std::string("1 2 3\n\0", 7),       // a NUL after
        "1 2 3.0\n",                       // a decimal point
        "0x1 2 3\n",                       // hex
        "1,2,3\n",                         // commas
    };
    for (const auto& text : bad) {
        INFO("reply: " << common::quote_excerpt(text));
        auto parsed = parse_reply(text);
        CHECK_FALSE(parsed.counts);
        CHECK_FALSE(parsed.error.empty());
    }
}

TEST_CASE("reply: one that ends at EOF may lack its newline", "[reply]")
{
    // The seed's own worker writes "2 12 76" and nothing after it.
    auto parsed = parse_reply("2 12 76");
    REQUIRE(parsed.counts);
    CHECK(*parsed.counts == Counts{2, 12, 76});
}

TEST_CASE("reply: other selections carry their counts in print order", "[reply]")
{
    common::Selection lc;
    lc.lines = lc.bytes = true;
    CHECK(format_reply({1, 2, 3, 4, 5}, lc) == "1 4\n");
    auto parsed = parse_reply("7 9\n", lc);
    REQUIRE(parsed.counts);
    CHECK(*parsed.counts == Counts{7, 0, 0, 9, 0});
    CHECK_FALSE(parse_reply("7 9 1\n", lc).counts);
    CHECK_FALSE(parse_reply("7\n", lc).counts);
}

TEST_CASE("reply: zero and the largest value are canonical", "[reply]")
{
    CHECK(parse_reply("0 0 0\n").counts);
    auto max = parse_reply("18446744073709551615 18446744073709551615 18446744073709551615\n");
    REQUIRE(max.counts);
    CHECK(max.counts->chars == UINT64_MAX);
}

TEST_CASE("reply: errors quote the start of the reply, in one line", "[reply]")
{
    auto parsed = parse_reply("oops\nsecond line \x01 here\n");
    REQUIRE_FALSE(parsed.counts);
    CHECK(parsed.error == "malformed reply \"oops\\nsecond line \\x01 here\\n\"");
    auto longer = parse_reply(std::string(5000, 'x'));
    CHECK(longer.error.size() < 100);
    CHECK(longer.error.find("...") != std::string::npos);
    CHECK(parse_reply("").error == "empty reply");
}
