// A regular file counted in chunks by several threads against the scalar
// Counter: chunks of every size down to one byte, cuts on, before and after
// a '\n' and inside sequences, no '\n' at all, one huge line, tiny files,
// -L and POSIXLY_CORRECT, the file offset before and after, a byte limit,
// and files that grow or shrink after the plan.
#include "../word_counter/count_fd.hpp"
#include "../word_counter/counter.hpp"
#include "../word_counter/parallel_count.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

namespace {

using wc::CountOptions;
using wc::SplitRule;
using wc::Totals;

const CountOptions plain{false, false};
const CountOptions posix{true, false};
const CountOptions width{false, true};

std::string describe(const Totals& t)
{
    return std::to_string(t.lines) + " " + std::to_string(t.words) + " " + std::to_string(t.chars) +
           " " + std::to_string(t.bytes) + " L" + std::to_string(t.max_line_length);
}

Totals count_scalar(const std::string& s, CountOptions opts)
{
    wc::Counter c(opts);
    c.feed(reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return c.finish();
}

// An unlinked regular file holding s, closed at the end of the test.
class TempFile {
public:
    explicit TempFile(const std::string& s) : file_(std::tmpfile())
    {
        REQUIRE(file_ != nullptr);
        write_at_end(s);
    }
    ~TempFile() { std::fclose(file_); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    [[nodiscard]] int fd() const { return fileno(file_); }

    void write_at_end(const std::string& s) const
    {
        REQUIRE(pwrite(fd(), s.data(), s.size(), lseek(fd(), 0, SEEK_END)) ==
                static_cast<ssize_t>(s.size()));
    }

private:
    std::FILE* file_;
};

// The buffers of max_threads threads (1 MiB: not on the stack).
wc::ReadBuffer* buffers()
{
    static const auto storage = std::make_unique<wc::ReadBuffer[]>(wc::max_threads);
    return storage.get();
}

struct Split {
    Totals t;
    int err = -1;
    unsigned chunks = 0;
    off_t offset_after = -1;
};

// Plans and counts fd from `offset` on, as count_fd would with rule.
Split count_in_chunks(const TempFile& f, const SplitRule& rule, CountOptions opts,
                      off_t offset = 0, std::uint64_t limit = UINT64_MAX)
{
    REQUIRE(lseek(f.fd(), offset, SEEK_SET) == offset);
    Split out;
    const wc::SplitPlan plan = wc::plan_split(f.fd(), limit, rule);
    out.chunks = plan.chunks;
    if (plan.chunks > 0)
        out.err = wc::count_split(f.fd(), plan, opts, buffers(), out.t);
    out.offset_after = lseek(f.fd(), 0, SEEK_CUR);
    return out;
}

// Every rule below that splits s counts it as the scalar Counter does, and
// leaves the offset at its end.
void check_rules(const std::string& s, const std::vector<SplitRule>& rules, CountOptions opts)
{
    const TempFile f(s);
    const Totals want = count_scalar(s, opts);
    for (const SplitRule& rule : rules) {
        INFO(s.size() << " bytes, chunks of " << rule.min_chunk << ", " << rule.threads
                      << " threads, window " << rule.window
                      << (opts.posixly_correct ? ", POSIXLY_CORRECT" : "")
                      << (opts.line_width ? ", -L" : ""));
        const Split got = count_in_chunks(f, rule, opts);
        if (got.chunks == 0) {
            CHECK(s.size() < 2 * rule.min_chunk);  // too small for two chunks
            continue;
        }
        CHECK(got.err == 0);
        CHECK(describe(got.t) == describe(want));
        CHECK(got.offset_after == static_cast<off_t>(s.size()));
    }
}

// Chunks of a few sizes, 2 or 4 threads, cut windows from 1 byte on: with
// `part` of 3, one window size each (every thread start costs a
// millisecond under the sanitizers, so the inputs share the combinations).
std::vector<SplitRule> small_rules(int part = -1)
{
    const std::uint64_t windows[] = {1, 5, 65536};
    std::vector<SplitRule> rules;
    for (std::uint64_t chunk : {1u, 2u, 3u, 7u, 64u, 999u})
        for (unsigned threads : {2u, 4u})
            for (int w = 0; w < 3; ++w)
                if (part < 0 || part == w)
                    rules.push_back({chunk, threads, windows[w]});
    return rules;
}

}  // namespace

TEST_CASE("parallel_count: only big regular files are split, in few enough chunks",
          "[parallel_count]")
{
    const SplitRule machine = wc::machine_split_rule();
    CHECK(machine.threads >= 1);
    CHECK(machine.min_chunk >= (1u << 20));

    const std::string s(1000, 'a');
    const TempFile f(s);
    CHECK(count_in_chunks(f, {500, 2, 64}, plain).chunks == 2);
    CHECK(count_in_chunks(f, {501, 2, 64}, plain).chunks == 0);  // 1000 bytes: not two of 501
    CHECK(count_in_chunks(f, {500, 1, 64}, plain).chunks == 0);  // one thread: nothing to share
    CHECK(count_in_chunks(f, {400, 2, 64}, plain, 300).chunks == 0);  // 700 bytes left
    CHECK(count_in_chunks(f, {100, 2, 64}, plain, 0, 150).chunks == 0);  // 150 bytes asked for
    CHECK(count_in_chunks(f, {100, 2, 64}, plain, 1000).chunks == 0);  // at EOF
    CHECK(count_in_chunks(f, {1, 2, 64}, plain).chunks == 250);  // at most 256: chunks of 4
    REQUIRE(lseek(f.fd(), 0, SEEK_SET) == 0);
    const wc::SplitPlan plan = wc::plan_split(f.fd(), UINT64_MAX, {1, 64, 1000});
    CHECK(plan.threads == wc::max_threads);
    CHECK(plan.window == plan.chunk);  // a window stays within its chunk

    int fds[2];
    REQUIRE(pipe(fds) == 0);
    REQUIRE(write(fds[1], s.data(), s.size()) == static_cast<ssize_t>(s.size()));
    CHECK(wc::plan_split(fds[0], UINT64_MAX, {1, 2, 64}).chunks == 0);
    close(fds[0]);
    close(fds[1]);
}

TEST_CASE("parallel_count: chunks of every size count as the scalar Counter",
          "[parallel_count]")
{
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const auto kind = static_cast<fixture::Kind>(seed % 4);
        const std::string s = fixture::random_input(seed, 200 + seed * 61 % 3000, kind);
        check_rules(s, small_rules(static_cast<int>(seed / 3 % 3)),
                    seed % 3 == 0 ? posix : seed % 3 == 1 ? plain : width);
    }
}

TEST_CASE("parallel_count: the text fixtures and generated inputs in chunks", "[parallel_count]")
{
    auto inputs = fixture::load_text_fixtures();
    for (auto& c : fixture::load_generated())
        inputs.push_back(std::move(c));
    for (const auto& c : inputs) {
        if (c.input.size() < 2)
            continue;
        INFO(c.name);
        const std::uint64_t n = c.input.size();
        check_rules(c.input, {{n / 2, 2, 65536}, {n / 7 + 1, 3, 64}, {1, 4, 4096}}, plain);
        check_rules(c.input, {{n / 3 + 1, 2, 4096}}, width);
    }
}

TEST_CASE("parallel_count: cuts on, before and after a newline, and inside sequences",
          "[parallel_count]")
{
    // Chunks of 64 bytes; the thing under test sits astride the start of
    // the second chunk, at each offset around it, with newlines in the
    // window or not.
    const std::vector<std::string> things = {
        "\n", "\n\n", " \n", "\xE2\x80\x80\n", "\n\xE2\x80\x80", "\xE2\x80\xA8", "\xC2\xA0",
        "\xF0\x9F\x98\x80", "\xE3\x80\x80", "\xE2\x80", "\xFF\n", "\r\n", "word\nword", "\t\v\f",
    };
    const CountOptions modes[] = {plain, posix, width};
    // One rule per input, in turn: each (thing, offset) meets all three.
    const SplitRule rules[] = {{64, 2, 64}, {64, 3, 8}, {64, 2, 1}};
    unsigned k = 0;
    for (const std::string& thing : things) {
        for (std::size_t at = 58; at <= 70; ++at) {
            for (const char* fill : {"a", " ", "\xCE\xB1"}) {
                std::string s;
                while (s.size() < at)
                    s += fill;
                s.resize(at, 'x');
                s += thing;
                while (s.size() < 200)
                    s += fill;
                s += '\n';
                check_rules(s, {rules[k++ % 3]}, modes[at % 3]);
            }
        }
    }
}

TEST_CASE("parallel_count: no newline at all, one huge line, tiny files", "[parallel_count]")
{
    // With no '\n' in a window, its chunk is empty and the one before goes
    // on: with none at all, chunk 0 counts everything.
    std::string no_newline;
    while (no_newline.size() < 5000)
        no_newline += "word \xE2\x80\x80\xE4\xBD\xA0\t";
    check_rules(no_newline, small_rules(), plain);
    check_rules(no_newline, {{100, 2, 64}}, width);

    // One line of 3 MiB between short ones: its chunks' windows find no
    // '\n' (chunks of 64 KiB, the machine's window), so one chunk holds it.
    std::string huge = "first line\n" + std::string(3u << 20, 'x') + " y\nlast line\n";
    for (std::size_t at = 1000; at < huge.size() - 20; at += 99991)
        huge[at] = ' ';
    check_rules(huge, {{64 * 1024, 2, 64 * 1024}, {1u << 20, 4, 64 * 1024}}, plain);

    for (std::size_t len = 2; len <= 12; ++len) {
        for (std::uint64_t seed = 0; seed < 12; ++seed) {
            std::string s = fixture::random_input(seed, len);
            if (seed % 3 == 0)
                s[seed % len] = '\n';
            check_rules(s, {{1, 2, 1}, {1, 4, 3}, {len / 2, 3, 2}}, seed % 2 ? plain : width);
        }
    }
}

TEST_CASE("parallel_count: a thread of its own counts display widths as the first does",
          "[parallel_count]")
{
    // -L's widths come from the C.UTF-8 locale, which each thread must
    // switch to itself: a chunk counted by a new thread must not see C's.
    const std::string s = "\xE4\xBD\xA0\xE5\xA5\xBD wide \xF0\x9F\x98\x80\n\xCC\x81" "e\tx\n";
    const Totals here = count_scalar(s, width);
    Totals there;
    std::thread([&] { there = count_scalar(s, width); }).join();
    CHECK(here.max_line_length == 12);  // C's widths would make it 6
    CHECK(describe(there) == describe(here));
}

TEST_CASE("parallel_count: from the file offset on, and at most a limit", "[parallel_count]")
{
    const std::string s = fixture::random_input(77, 20000, fixture::Kind::text);
    const TempFile f(s);
    for (off_t offset : {0, 1, 999, 1000, 12345}) {
        for (std::uint64_t limit : {std::uint64_t{5000}, std::uint64_t{6999}, std::uint64_t{100000}, UINT64_MAX}) {
            const std::size_t n = static_cast<std::size_t>(
                std::min<std::uint64_t>(limit, s.size() - static_cast<std::size_t>(offset)));
            const std::string part = s.substr(static_cast<std::size_t>(offset), n);
            for (CountOptions opts : {plain, width}) {
                INFO("offset " << offset << ", limit " << limit);
                const Split got = count_in_chunks(f, {500, 2, 64}, opts, offset, limit);
                CHECK(got.chunks >= 2);
                CHECK(describe(got.t) == describe(count_scalar(part, opts)));
                CHECK(got.offset_after == offset + static_cast<off_t>(n));
            }
        }
    }
}

TEST_CASE("parallel_count: a file that grows or shrinks after the plan", "[parallel_count]")
{
    const std::string s = fixture::random_input(5, 10000, fixture::Kind::text);
    for (std::uint64_t limit : {std::uint64_t{20000}, UINT64_MAX}) {
        // Grows: the last chunk reads on to EOF, as a plain read would.
        const TempFile grows(s);
        const wc::SplitPlan plan = wc::plan_split(grows.fd(), limit, {1000, 3, 64});
        REQUIRE(plan.chunks == 10);
        grows.write_at_end("and more \xE2\x80\x80 words\n");
        Totals t;
        CHECK(wc::count_split(grows.fd(), plan, plain, buffers(), t) == 0);
        CHECK(describe(t) == describe(count_scalar(s + "and more \xE2\x80\x80 words\n", plain)));
    }
    for (off_t length : {0, 1, 999, 4321, 9000}) {
        // Shrinks: counts what is left, whichever chunk EOF falls in.
        const TempFile shrinks(s);
        const wc::SplitPlan plan = wc::plan_split(shrinks.fd(), UINT64_MAX, {1000, 3, 64});
        REQUIRE(ftruncate(shrinks.fd(), length) == 0);
        Totals t;
        CHECK(wc::count_split(shrinks.fd(), plan, plain, buffers(), t) == 0);
        CHECK(describe(t) == describe(count_scalar(s.substr(0, static_cast<std::size_t>(length)), plain)));
    }
}

TEST_CASE("parallel_count: count_fd splits a big file and counts it exactly", "[parallel_count]")
{
    // Big enough for this machine's rule, whatever its threshold; -c alone
    // still takes the size without reading. The reference is the same
    // bytes counted in one pass by FastCounter (tested against the scalar
    // Counter in test_fast_count.cpp): the scalar Counter takes seconds over
    // 32 MiB under the sanitizers, and -L, which only it counts, is split
    // in the cases above.
    const SplitRule machine = wc::machine_split_rule();
    // One piece of generated text, repeated: generating 32 MiB took seconds
    // under ASan (an allocation per word). Its length is no power of two,
    // so that the cuts fall at other places in it.
    const std::uint64_t size = std::max(machine.min_size, 2 * machine.min_chunk) + 12345;
    const std::string piece = fixture::random_input(7, 999983, fixture::Kind::text);
    std::string s;
    s.reserve(static_cast<std::size_t>(size) + piece.size());
    while (s.size() < size)
        s += piece;
    const TempFile f(s);
    if (machine.threads > 1)
        CHECK(wc::plan_split(f.fd(), UINT64_MAX, machine).chunks >= 2);
    for (auto [offset, opts] : {std::pair{off_t{0}, plain}, {off_t{1000}, posix}}) {
        INFO("offset " << offset << (opts.posixly_correct ? ", POSIXLY_CORRECT" : ""));
        const std::size_t rest = s.size() - static_cast<std::size_t>(offset);
        wc::FastCounter one_pass(opts);
        const auto* data = reinterpret_cast<const unsigned char*>(s.data()) + offset;
        const std::size_t fed = one_pass.feed(data, rest);
        const Totals want = one_pass.finish(data + fed, rest - fed);
        REQUIRE(lseek(f.fd(), offset, SEEK_SET) == offset);
        Totals t;
        CHECK(wc::count_fd(f.fd(), opts, t) == 0);
        CHECK(describe(t) == describe(want));
        CHECK(lseek(f.fd(), 0, SEEK_CUR) == static_cast<off_t>(s.size()));
        REQUIRE(lseek(f.fd(), offset, SEEK_SET) == offset);
        CHECK(wc::count_fd(f.fd(), {false, false, true}, t) == 0);
        CHECK(t.bytes == rest);
    }
}
