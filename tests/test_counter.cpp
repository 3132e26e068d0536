// The scalar Counter against GNU wc 9.7's answers, and its chunk invariance.
#include "../word_counter/counter.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace {

using wc::Counter;
using wc::Totals;

Totals count(const std::string& s, wc::CountOptions opts = {})
{
    Counter c(opts);
    c.feed(reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return c.finish();
}

// Feeds s in the pieces that the cut positions (ascending) make.
Totals count_pieces(const std::string& s, const std::vector<std::size_t>& cuts,
                    wc::CountOptions opts = {})
{
    Counter c(opts);
    std::size_t from = 0;
    for (std::size_t to : cuts) {
        c.feed(reinterpret_cast<const unsigned char*>(s.data()) + from, to - from);
        from = to;
    }
    c.feed(reinterpret_cast<const unsigned char*>(s.data()) + from, s.size() - from);
    return c.finish();
}

std::string describe(const Totals& t)
{
    return std::to_string(t.lines) + " " + std::to_string(t.words) + " " +
           std::to_string(t.chars) + " " + std::to_string(t.bytes) + " L" +
           std::to_string(t.max_line_length);
}

const wc::CountOptions with_width{false, true};

}  // namespace

TEST_CASE("counter: every row of the GNU wc 9.7 case table", "[counter]")
{
    for (const auto& c : fixture::load_cases()) {
        INFO("case " << c.name);
        Totals t = count(c.input);
        CHECK(t.lines == c.lines);
        CHECK(t.words == c.words);
        CHECK(t.chars == c.chars);
        CHECK(t.bytes == c.bytes);
    }
}

TEST_CASE("counter: the README's examples", "[counter]")
{
    CHECK(describe(count("a b\nc\n")) == "2 3 6 6 L0");
    CHECK(describe(count("a\001b \377 c")) == "0 3 6 7 L0");
    CHECK(describe(count("a\342\200\250b\n")) == "1 2 4 6 L0");
    CHECK(describe(count("\360\237\230\200\n")) == "1 1 2 5 L0");
}

TEST_CASE("counter: POSIXLY_CORRECT keeps no-break spaces inside words", "[counter]")
{
    const wc::CountOptions posix{true, false};
    for (const char* nbsp : {"\302\240", "\342\200\207", "\342\200\257", "\342\201\240"}) {
        std::string s = std::string("a") + nbsp + "b";
        INFO("separator bytes " << s);
        CHECK(count(s).words == 2);
        CHECK(count(s, posix).words == 1);
    }
    CHECK(count("a\342\200\200b", posix).words == 2);  // U+2000 still splits
}

TEST_CASE("counter: max line length follows GNU wc -L", "[counter][width]")
{
    CHECK(count("abc\nde\n", with_width).max_line_length == 3);
    CHECK(count("a\tb", with_width).max_line_length == 9);
    CHECK(count("abcdefgh\tx", with_width).max_line_length == 17);
    CHECK(count("abcd\refg", with_width).max_line_length == 4);
    CHECK(count("ab\fabc", with_width).max_line_length == 3);
    CHECK(count("a\vb", with_width).max_line_length == 2);
    CHECK(count("\344\275\240\345\245\275", with_width).max_line_length == 4);  // CJK: 2 each
    CHECK(count("e\314\201", with_width).max_line_length == 1);                 // combining: 0
    CHECK(count("\001\377x", with_width).max_line_length == 1);                 // control, invalid: 0
    CHECK(count("no newline at end", with_width).max_line_length == 17);
}

TEST_CASE("counter: every split of every case gives the whole's counts", "[counter][chunks]")
{
    for (const auto& c : fixture::load_cases()) {
        const Totals whole = count(c.input, with_width);
        for (std::size_t at = 0; at <= c.input.size() && at < 300; ++at) {
            INFO("case " << c.name << " split at " << at);
            REQUIRE(describe(count_pieces(c.input, {at}, with_width)) == describe(whole));
        }
    }
}

TEST_CASE("counter: random inputs in random pieces count as whole", "[counter][chunks]")
{
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const std::string s = fixture::random_input(seed, 1 + seed * 7 % 400);
        const Totals whole = count(s, with_width);
        std::vector<std::size_t> cuts;
        for (std::size_t at = seed % 3; at < s.size(); at += 1 + (at * seed) % 5)
            cuts.push_back(at);
        INFO("seed " << seed);
        REQUIRE(describe(count_pieces(s, cuts, with_width)) == describe(whole));
        for (std::size_t at = 0; at <= s.size(); at += 13)
            REQUIRE(describe(count_pieces(s, {at}, with_width)) == describe(whole));
    }
}

TEST_CASE("counter: a byte at a time equals whole", "[counter][chunks]")
{
    for (std::uint64_t seed = 1000; seed < 1100; ++seed) {
        const std::string s = fixture::random_input(seed, 257);
        std::vector<std::size_t> cuts;
        for (std::size_t at = 1; at < s.size(); ++at)
            cuts.push_back(at);
        INFO("seed " << seed);
        REQUIRE(describe(count_pieces(s, cuts, with_width)) == describe(count(s, with_width)));
    }
}

TEST_CASE("counter: random inputs match GNU wc 9.7 (fixture)", "[counter][gnu]")
{
    // Rows: seed len lines words chars bytes max_line_length, made by
    // tests/make_fixtures.sh with gnu-wc-9.7 -lwmcL.
    const auto rows = fixture::read_tsv("tests/fixtures/random.tsv");
    REQUIRE(rows.size() >= 1000);
    for (const auto& r : rows) {
        const std::string s = fixture::random_input(std::stoull(r.at(0)), std::stoull(r.at(1)));
        const std::string gnu = r.at(2) + " " + r.at(3) + " " + r.at(4) + " " + r.at(5);
        const Totals t = count(s);
        INFO("seed " << r.at(0) << " len " << r.at(1));
        REQUIRE(std::to_string(t.lines) + " " + std::to_string(t.words) + " " +
                    std::to_string(t.chars) + " " + std::to_string(t.bytes) ==
                gnu);
    }
}

namespace {

std::string describe(const fixture::Counts& gnu)
{
    return std::to_string(gnu.lines) + " " + std::to_string(gnu.words) + " " +
           std::to_string(gnu.chars) + " " + std::to_string(gnu.bytes) + " L" +
           std::to_string(gnu.max_line_length);
}

}  // namespace

TEST_CASE("counter: the text fixtures match GNU wc 9.7", "[counter][gnu]")
{
    // tests/fixtures/text/: licence texts, CPython's test files in legacy
    // CJK encodings and their UTF-8 twins, the project's prose in many
    // scripts and its UTF-16LE and Latin-1 forms; GNU's counts in text.tsv.
    const auto inputs = fixture::load_text_fixtures();
    REQUIRE(inputs.size() >= 40);
    for (const auto& c : inputs) {
        INFO(c.name);
        CHECK(describe(count(c.input, with_width)) == describe(c.gnu));
    }
}

TEST_CASE("counter: generated inputs of every kind match GNU wc 9.7", "[counter][gnu]")
{
    // Rows of tests/fixtures/generated.tsv: binary-like inputs (machine
    // code, compressed data), multi-script text and rule-stressing tokens,
    // up to past 1 MiB, made again here from their seeds.
    const auto inputs = fixture::load_generated();
    REQUIRE(inputs.size() >= 40);
    for (const char* kind : {"tokens ", "binary ", "compressed ", "text "}) {
        INFO(kind);
        CHECK(std::count_if(inputs.begin(), inputs.end(),
                            [&](const fixture::Counted& c) { return c.name.rfind(kind, 0) == 0; }) >= 10);
    }
    for (const auto& c : inputs) {
        INFO(c.name);
        fixture::Counts want = c.gnu;
        Totals t = count(c.input, with_width);
        // Widths come from the wcwidth of the glibc word_counter is linked
        // with; GNU's were taken with glibc 2.41, which knows characters
        // that older ones give no width (U+2FFC..U+2FFF, U+31E4, U+1F6DC, ...).
        // Tokens draw code points from the whole range and meet them; the
        // other kinds keep to long-assigned characters.
        if (c.name.rfind("tokens ", 0) == 0)
            t.max_line_length = want.max_line_length = 0;
        CHECK(describe(t) == describe(want));
    }
}

TEST_CASE("fixtures: SOURCES names every file of tests/fixtures, none an ELF file", "[fixtures]")
{
    // Each fixture must say where it comes from and under what licence
    // (tests/make_fixtures.sh checks the same when it remakes them).
    std::set<std::string> listed;
    std::ifstream sources("tests/fixtures/SOURCES");
    REQUIRE(sources);
    for (std::string line; std::getline(sources, line);)
        if (!line.empty() && line[0] != '#') {
            INFO(line);
            REQUIRE(std::count(line.begin(), line.end(), '\t') == 2);
            listed.insert(line.substr(0, line.find('\t')));
        }
    std::set<std::string> present;
    for (const auto& e : std::filesystem::recursive_directory_iterator("tests/fixtures"))
        if (e.is_regular_file()) {
            const std::string path = e.path().lexically_relative("tests/fixtures").generic_string();
            INFO(path);
            CHECK(fixture::read_file(e.path().string()).rfind("\x7f" "ELF", 0) != 0);
            if (path != "SOURCES")
                present.insert(path);
        }
    CHECK(present.size() >= 45);
    CHECK(listed == present);
}
