// Splitting a large file into ranges cut just after newlines: the plan, the
// pread search, and the reason for it all, that the counts of the ranges add
// up to the counts of the whole.
#include "../parent/file_split.hpp"
#include "../word_counter/counter.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <unistd.h>

using parent::ByteRange;

namespace {

// A NewlineFinder over a string, as newline_finder is over a file.
parent::NewlineFinder finder(const std::string& text)
{
    return [&text](std::uint64_t from, std::uint64_t window) -> std::optional<std::uint64_t> {
        std::size_t at = text.find('\n', from);
        if (at == std::string::npos || at >= from + window)
            return std::nullopt;
        return at;
    };
}

// The ranges adjoin, cover [0, size), are not empty, and each but the last
// ends just after a newline.
void check_cuts(const std::string& text, const std::vector<ByteRange>& ranges)
{
    REQUIRE_FALSE(ranges.empty());
    std::uint64_t at = 0;
    for (std::size_t k = 0; k < ranges.size(); ++k) {
        CHECK(ranges[k].offset == at);
        CHECK(ranges[k].length > 0);
        at += ranges[k].length;
        if (k + 1 < ranges.size())
            CHECK(text[at - 1] == '\n');
    }
    CHECK(at == text.size());
}

wc::Totals count(std::string_view text)
{
    wc::Counter counter;
    counter.feed(reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return counter.finish();
}

wc::Totals sum_of_ranges(const std::string& text, const std::vector<ByteRange>& ranges)
{
    wc::Totals sum;
    for (const ByteRange& r : ranges)
        sum += count(std::string_view(text).substr(r.offset, r.length));
    return sum;
}

}  // namespace

TEST_CASE("split: small files and single jobs are never split", "[parent][split]")
{
    CHECK(parent::range_count(0, 8) == 1);
    CHECK(parent::range_count(parent::split_min_bytes - 1, 8) == 1);
    CHECK(parent::range_count(1ULL << 30, 1) == 1);
    CHECK(parent::range_count(1ULL << 30, 2) == 2);
    CHECK(parent::range_count(1ULL << 30, 16) == 16);
    // No range smaller than range_min_bytes.
    CHECK(parent::range_count(parent::split_min_bytes, 16) ==
          parent::split_min_bytes / parent::range_min_bytes);
}

TEST_CASE("split: cuts fall just after the newline nearest past each point", "[parent][split]")
{
    std::string text = std::string(10, 'a') + "\n" + std::string(9, 'b') + "\n" + "ccc";
    auto ranges = parent::split_at_newlines(text.size(), 2, finder(text));
    CHECK(ranges == std::vector<ByteRange>{{0, 21}, {21, 3}});  // point 11: the 2nd newline
    ranges = parent::split_at_newlines(text.size(), 3, finder(text));
    CHECK(ranges == std::vector<ByteRange>{{0, 11}, {11, 10}, {21, 3}});
    check_cuts(text, parent::split_at_newlines(text.size(), 1, finder(text)));
}

TEST_CASE("split: no newline near a point, no cut there", "[parent][split]")
{
    std::string one_line(100, 'x');
    CHECK(parent::split_at_newlines(100, 4, finder(one_line)) == std::vector<ByteRange>{{0, 100}});
    std::string late = std::string(99, 'x') + "\n";  // a newline only at the very end
    CHECK(parent::split_at_newlines(100, 4, finder(late)) == std::vector<ByteRange>{{0, 100}});
    // Beyond the window: a newline 2 MiB past the point is not "near".
    std::string far = std::string(4 << 20, 'x');
    far[(2 << 20) + parent::newline_window + 5] = '\n';
    CHECK(parent::split_at_newlines(far.size(), 2, finder(far)).size() == 1);
    CHECK(parent::split_at_newlines(0, 1, finder(far)) == std::vector<ByteRange>{{0, 0}});
}

TEST_CASE("split: the ranges' counts add up to the whole's", "[parent][split]")
{
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        std::string text = fixture::random_input(seed, 20000 + seed * 977);
        wc::Totals whole = count(text);
        for (std::uint64_t pieces = 2; pieces <= 9; ++pieces) {
            INFO("seed " << seed << ", " << pieces << " pieces");
            auto ranges = parent::split_at_newlines(text.size(), pieces, finder(text));
            check_cuts(text, ranges);
            CHECK(sum_of_ranges(text, ranges) == whole);
        }
    }
}

TEST_CASE("split: a cut anywhere else would be wrong", "[parent][split]")
{
    // Why newlines: halving a word or a UTF-8 sequence changes the counts.
    std::string text = "ab \xe2\x82\xac cd\n";
    CHECK_FALSE(sum_of_ranges(text, {{0, 1}, {1, text.size() - 1}}) == count(text));
    CHECK_FALSE(sum_of_ranges(text, {{0, 4}, {4, text.size() - 4}}) == count(text));
}

TEST_CASE("split: newline_finder reads the file with pread", "[parent][split]")
{
    char path[] = "/tmp/test_parent_split.XXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    unlink(path);
    std::string text(200000, 'x');
    text[70000] = '\n';  // past the first 64 KiB block
    text[150000] = '\n';
    REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    auto find = parent::newline_finder(fd);
    CHECK(find(0, 1 << 20) == 70000u);
    CHECK(find(70000, 10) == 70000u);
    CHECK(find(70001, 1 << 20) == 150000u);
    CHECK_FALSE(find(0, 70000));         // the window ends just before it
    CHECK_FALSE(find(150001, 1 << 20));  // none after, up to EOF
    CHECK(lseek(fd, 0, SEEK_CUR) == static_cast<off_t>(text.size()));  // untouched
    close(fd);
}
