// Every SIMD path against the scalar Counter: the case table, every split,
// tricky sequences at every offset of a block, random inputs, every code
// point, and count_fd across read boundaries; and against GNU wc 9.7's
// counts of the fixtures.
#include "../word_counter/count_fd.hpp"
#include "../word_counter/counter.hpp"
#include "../word_counter/fast_count.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

using wc::CountOptions;
using wc::SimdPath;
using wc::Totals;

const CountOptions plain{false, false};
const CountOptions posix{true, false};

// Made once: the checks below ask for them a million times, and under
// AddressSanitizer every allocation is fresh memory (its quarantine holds
// what was freed), which here costs a page fault per 4 KiB.
const std::vector<SimdPath>& supported_paths()
{
    static const std::vector<SimdPath> paths = [] {
        std::vector<SimdPath> v;
        for (SimdPath p : {SimdPath::scalar, SimdPath::avx2, SimdPath::avx512})
            if (wc::cpu_supports(p))
                v.push_back(p);
        return v;
    }();
    return paths;
}

// The supported paths but scalar, which is Counter itself.
const std::vector<SimdPath>& simd_paths()
{
    static const std::vector<SimdPath> paths(supported_paths().begin() + 1, supported_paths().end());
    return paths;
}

const unsigned char* bytes_of(const std::string& s)
{
    return reinterpret_cast<const unsigned char*>(s.data());
}

Totals count_scalar(const std::string& s, CountOptions opts)
{
    wc::Counter c(opts);
    c.feed(bytes_of(s), s.size());
    return c.finish();
}

// Feeds s in the pieces the cuts (ascending) make, handing back what feed()
// leaves, as count_fd does. The counter reads a copy grown as the pieces
// come: a whole input, and the first piece, are each one allocation of
// their own size (past 30 bytes), so that a read past their end is caught.
Totals count_fast(const std::string& s, SimdPath path, CountOptions opts,
                  const std::vector<std::size_t>& cuts = {})
{
    wc::FastCounter c(opts, path);
    std::string held;
    std::size_t from = 0;
    for (std::size_t to : cuts) {
        held.append(s, from, to - from);
        const std::size_t used = c.feed(bytes_of(held), held.size());
        REQUIRE(held.size() - used <= 5);
        held.erase(0, used);
        from = to;
    }
    held.append(s, from, std::string::npos);
    return c.finish(bytes_of(held), held.size());
}

std::string describe(const Totals& t)
{
    return std::to_string(t.lines) + " " + std::to_string(t.words) + " " + std::to_string(t.chars) +
           " " + std::to_string(t.bytes);
}

std::string hex(const std::string& s)
{
    std::string out;
    char buf[4];
    for (char ch : s) {
        std::snprintf(buf, sizeof buf, "%02X ", static_cast<unsigned char>(ch));
        out += buf;
    }
    return out;
}

// Checks every SIMD path, whole and in the given pieces, against the scalar
// counter.
void check_paths(const std::string& s, CountOptions opts, const std::vector<std::size_t>& cuts = {})
{
    const Totals want = count_scalar(s, opts);
    for (SimdPath p : simd_paths()) {
        const Totals whole = count_fast(s, p, opts);
        const Totals pieces = count_fast(s, p, opts, cuts);
        if (whole == want && pieces == want)
            continue;
        INFO(wc::path_name(p) << (opts.posixly_correct ? " POSIXLY_CORRECT" : "") << " on "
                              << s.size() << " bytes: " << hex(s.substr(0, 300)));
        CHECK(describe(whole) == describe(want));
        CHECK(describe(pieces) == describe(want));
    }
}

std::string utf8(std::uint32_t cp)
{
    if (cp < 0x80)
        return std::string(1, static_cast<char>(cp));
    const unsigned n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    std::string out(n, '\0');
    for (unsigned i = n - 1; i > 0; --i, cp >>= 6)
        out[i] = static_cast<char>(0x80 | (cp & 0x3F));
    out[0] = static_cast<char>((0xFF00u >> n) | cp);
    return out;
}

// Sequences at the edges of the rules: separators and their neighbours,
// the least and greatest values of each length, overlong forms, surrogates,
// legacy 5- and 6-byte forms, and cut-short or stray bytes.
const std::vector<std::string>& tricky_sequences()
{
    static const std::vector<std::string> list = [] {
        std::vector<std::string> v = {
            "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x87", "\xE2\x80\x8A", "\xE2\x80\x8B",
            "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0", "\xE3\x80\x80",
            "\xE3\x80\x81", "\xE3\x9A\x80", "\xE1\x80\x80", "\xE2\xA0\x80", "\xE2\x81\x80", "\xC2\x85",
            "\xC2\xA1", "\xC3\xA0", "\xE3\x81\x82",
            "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
            "\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF", "\xF8\x88\x80\x80\x80", "\xFB\xBF\xBF\xBF\xBF",
            "\xFC\x84\x80\x80\x80\x80", "\xFD\xBF\xBF\xBF\xBF\xBF",
            "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
            "\xF8\x80\x80\x80\x80", "\xF8\x87\xBF\xBF\xBF", "\xFC\x80\x80\x80\x80\x80",
            "\xFC\x83\xBF\xBF\xBF\xBF",
            "\xED\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xEE\x80\x80",
            "\xFE", "\xFF", "\xFF\xFF", "\xC2\xC2", "\xA0\xA0", "\x80", "\xBF", "\x80\x80\x80\x80\x80\x80\x80",
            "\xE2\x80", "\xE2", "\xF0\x9F\x98", "\xFD\xBF\xBF\xBF\xBF", "\xE2\xE2\x80\x80", "\xC2\xC2\xA0",
            "\xE2\x80\x80\x80", "\xC2\xA0\xA0", "\xE3\x80\x80\xE3\x80\x80", "\xE2\x80\x80 \xC2\xA0",
            "\xE2\x80\xC3\xA9", "\xE3\x80\xE3\x80\x80", "\xE1\x9A\xC2\x80", "\xE2\x81\xE0\xA0\x80",
            "\t", "\n", "\v", "\f", "\r", " ", std::string(1, '\0'), "\x1F", "\x7F",
        };
        return v;
    }();
    return list;
}

}  // namespace

TEST_CASE("fast_count: paths are named, chosen and fall back", "[fast_count]")
{
    CHECK(wc::cpu_supports(SimdPath::scalar));
    CHECK(wc::choose_path("scalar") == SimdPath::scalar);
    const SimdPath best = supported_paths().back();
    CHECK(wc::choose_path(nullptr) == best);
    CHECK(wc::choose_path("sse9") == best);
    CHECK(wc::choose_path("avx512") == best);  // avx512 or the best below it
    CHECK(wc::choose_path("avx2") == (wc::cpu_supports(SimdPath::avx2) ? SimdPath::avx2 : SimdPath::scalar));
    for (SimdPath p : supported_paths())
        CHECK(wc::choose_path(wc::path_name(p)) == p);
    for (SimdPath p : {SimdPath::scalar, SimdPath::avx2, SimdPath::avx512})
        CHECK(wc::named_path(wc::path_name(p)) == p);
    CHECK_FALSE(wc::named_path("AVX2"));
    CHECK_FALSE(wc::named_path(""));
    CHECK_FALSE(wc::named_path("avx"));
    const std::string active = wc::active_path_name();
    CHECK((active == "scalar" || active == "avx2" || active == "avx512"));
}

TEST_CASE("fast_count: -L stays scalar and counts as Counter", "[fast_count]")
{
    const CountOptions width{false, true};
    const std::string s = "a\tb\xE4\xBD\xA0 c\n\xE2\x80\x80xyz\n";
    for (SimdPath p : supported_paths()) {
        wc::FastCounter c(width, p);
        CHECK(c.path() == SimdPath::scalar);
        CHECK(count_fast(s, p, width) == count_scalar(s, width));
    }
}

TEST_CASE("fast_count: every path matches the GNU wc 9.7 case table", "[fast_count]")
{
    for (const auto& c : fixture::load_cases()) {
        INFO(c.name);
        for (SimdPath p : supported_paths()) {
            const Totals t = count_fast(c.input, p, plain);
            INFO(wc::path_name(p));
            CHECK(describe(t) == std::to_string(c.lines) + " " + std::to_string(c.words) + " " +
                                     std::to_string(c.chars) + " " + std::to_string(c.bytes));
        }
        check_paths(c.input, posix);
    }
}

TEST_CASE("fast_count: every path matches GNU wc 9.7 on the text fixtures and generated inputs",
          "[fast_count][gnu]")
{
    // Real text in many scripts and encodings (tests/fixtures/text/) and
    // generated binary-like, compressed-like, multi-script and token inputs
    // (tests/fixtures/generated.tsv), whole and cut every 4093 bytes.
    auto inputs = fixture::load_text_fixtures();
    for (auto& c : fixture::load_generated())
        inputs.push_back(std::move(c));
    REQUIRE(inputs.size() >= 80);
    for (const auto& c : inputs) {
        const std::string gnu = std::to_string(c.gnu.lines) + " " + std::to_string(c.gnu.words) + " " +
                                std::to_string(c.gnu.chars) + " " + std::to_string(c.gnu.bytes);
        std::vector<std::size_t> cuts;
        for (std::size_t at = 4093; at < c.input.size(); at += 4093)
            cuts.push_back(at);
        for (SimdPath p : supported_paths()) {
            INFO(c.name << ", " << wc::path_name(p));
            CHECK(describe(count_fast(c.input, p, plain)) == gnu);
            CHECK(describe(count_fast(c.input, p, plain, cuts)) == gnu);
        }
    }
}

TEST_CASE("fast_count: every split of every case counts as whole", "[fast_count][chunks]")
{
    for (const auto& c : fixture::load_cases()) {
        INFO(c.name);
        const std::size_t n = c.input.size();
        const std::size_t step = n > 300 ? n / 97 + 1 : 1;
        for (std::size_t cut = 0; cut <= n; cut += step)
            check_paths(c.input, plain, {cut});
    }
}

TEST_CASE("fast_count: tricky sequences at every offset of a block", "[fast_count][offsets]")
{
    // Offsets 0..271 put the sequence at each byte of the first four blocks
    // (which the AVX-512 kernel takes together), in the bytes a kernel reads
    // ahead, and in the copied tail of a span.
    for (const std::string& t : tricky_sequences()) {
        for (const char* filler : {"a", " ", "\xCE\xB1"}) {
            const std::string fill(filler);
            for (std::size_t off = 0; off < 4 * 64 + 16; ++off) {
                std::string s;
                s.reserve(off + 2 * (t.size() + fill.size()));
                while (s.size() < off)
                    s += fill;
                s.resize(off, 'x');
                const std::size_t at = s.size();
                s.append(t).append(fill).append(fill).append(t);
                for (CountOptions opts : {plain, posix})
                    check_paths(s, opts, {at + t.size() / 2, at + t.size() + 1});
            }
        }
    }
}

TEST_CASE("fast_count: random inputs in random pieces", "[fast_count][random]")
{
    for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
        const std::size_t len = seed % 7 == 0 ? 64 * (seed % 5) + seed % 3 : 1 + seed * 37 % 700;
        const std::string s = fixture::random_input(seed, len);
        std::vector<std::size_t> cuts;
        for (std::size_t at = seed % 13; at < len; at += 1 + (seed * at + 7) % 151)
            cuts.push_back(at);
        check_paths(s, seed % 2 ? plain : posix, cuts);
    }
}

TEST_CASE("fast_count: every code point below U+10000, and some above", "[fast_count][codepoints]")
{
    // Each char between two word chars: a separator splits them. In groups
    // of 256, so a mismatch names its neighbourhood.
    for (CountOptions opts : {plain, posix}) {
        for (std::uint32_t base = 0; base < 0x11000; base += base < 0x10000 ? 256 : 0x1000) {
            std::string s;
            for (std::uint32_t cp = base; cp < base + 256; ++cp)
                s += "x" + utf8(cp) + "y";
            INFO("from U+" << std::hex << base);
            check_paths(s, opts);
        }
    }
}

namespace {

// Every separator above U+007F, in both modes, and chars that share a lead
// and second byte with one (or all but the last bits of one): the class
// tables must tell them apart.
std::vector<std::string> separators_and_neighbours()
{
    std::vector<std::string> v;
    for (std::uint32_t cp = 0x80; cp <= 0xFFFF; ++cp)
        if (wc::is_separator(cp, false))
            v.push_back(utf8(cp));
    for (std::uint32_t cp : {0x00A1u, 0x00BFu, 0x009Fu, 0x1681u, 0x169Fu, 0x1640u, 0x1FFFu, 0x200Bu, 0x200Fu,
                             0x2010u, 0x2027u, 0x202Au, 0x202Eu, 0x2030u, 0x205Eu, 0x2061u, 0x2070u, 0x20A0u,
                             0x2800u, 0x2FFFu, 0x3001u, 0x3002u, 0x3040u, 0x3080u, 0x1000u, 0x1040u, 0x0680u})
        v.push_back(utf8(cp));
    // Separators cut short or overlong, and legacy forms right after them.
    for (const char* s : {"\xE2\x80", "\xE3\x80", "\xC2", "\xE0\x82\xA0", "\xE0\x9A\x80", "\xC1\xA0",
                          "\xE2\x80\x80\x80", "\xC2\xA0\xA0", "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80",
                          "\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF", "\xED\xA0\x80", "\xED\x9F\xBF"})
        v.emplace_back(s);
    return v;
}

}  // namespace

TEST_CASE("fast_count: separators and near misses at the edges of blocks and of four-block steps",
          "[fast_count][edges]")
{
    // The AVX-512 kernel takes four blocks at a time, the ASCII ones a short
    // way; a sequence at the edge of two blocks or of two steps, after ASCII
    // or after other scripts, with another right after it or a space.
    const std::vector<std::string> fillers = {"a", " ", "\xE6\x97\xA5", "\xD0\xB6", "\xF0\x9F\x98\x80", "\xFF"};
    for (const std::string& t : separators_and_neighbours()) {
        for (const std::string& fill : fillers) {
            for (std::size_t edge : {64u, 128u, 256u, 512u}) {
                for (std::size_t back = 0; back <= 6; ++back) {
                    std::string s;
                    s.reserve(edge + 80 + 4 * t.size() + 2 + fill.size());
                    while (s.size() + fill.size() <= edge - back)
                        s += fill;
                    s.resize(edge - back, 'x');  // ASCII up to the sequence
                    const std::size_t at = s.size();
                    s.append(t).append(t).append(" ").append(t).append("y").append(t);
                    while (s.size() < edge + 80)
                        s += fill;
                    for (CountOptions opts : {plain, posix})
                        check_paths(s, opts, {at + 1, at + t.size() + 1});
                }
            }
        }
    }
}

TEST_CASE("fast_count: runs of ASCII blocks between other text, past a counter flush",
          "[fast_count][runs]")
{
    // Runs of ASCII of 0 to 9 blocks (some shorter than a four-block step,
    // some longer), then text of other scripts with separators, over more
    // than 252 blocks, where the kernels' byte counters are emptied.
    const std::string other = "\xE3\x81\x82\xE3\x80\x80\xD0\xB6\xC2\xA0\xCE\xB1\xE2\x80\x83z\xF0\x9F\x98\x80";
    std::string s;
    for (std::uint64_t seed = 1; s.size() < 40000; ++seed) {
        const std::size_t ascii = 64 * (seed * 7 % 10) + seed % 3;
        for (std::size_t i = 0; i < ascii; ++i)
            s += (i * seed) % 9 == 0 ? ' ' : (i * seed) % 31 == 0 ? '\n' : 'e';
        for (std::size_t i = 0; i < 1 + seed % 5; ++i)
            s += other;
        if (seed % 4 == 0)
            s += fixture::random_input(seed, 50);
    }
    for (CountOptions opts : {plain, posix})
        check_paths(s, opts, {s.size() / 3, s.size() / 3 + 1, 2 * s.size() / 3});
}

TEST_CASE("fast_count: long runs of valid text, then invalid bytes at every position of a block",
          "[fast_count][edges]")
{
    std::string text;
    while (text.size() < 1200)
        text += "\xE6\x97\xA5\xE6\x9C\xAC \xD0\xB6\xD0\xB8\xC2\xA0\xCE\xB1\xE3\x80\x80x\n";
    for (const char* bad : {"\x80", "\xC0\x80", "\xE2\x82", "\xF0\x9F\x98", "\xFE", "\xED\xB0\x80", "\xF8\x88\x80\x80"}) {
        for (std::size_t at = 1000; at < 1000 + 64; ++at) {
            std::string s = text.substr(0, at) + bad + text.substr(at);
            check_paths(s, plain, {at, at + 2});
        }
    }
}

namespace {

// count_fd on the read end of a pipe fed in pieces of `piece` bytes.
Totals count_fd_through_pipe(const std::string& s, std::size_t piece)
{
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    std::thread writer([&] {
        for (std::size_t at = 0; at < s.size(); at += piece) {
            const std::size_t n = std::min(piece, s.size() - at);
            if (write(fds[1], s.data() + at, n) != static_cast<ssize_t>(n))
                break;
        }
        close(fds[1]);
    });
    Totals t;
    const int err = wc::count_fd(fds[0], plain, t);
    writer.join();
    close(fds[0]);
    CHECK(err == 0);
    return t;
}

}  // namespace

TEST_CASE("fast_count: count_fd across read boundaries", "[fast_count][count_fd]")
{
    // Tricky sequences straddling every power of two from 4 KiB to 1 MiB,
    // where a read buffer of that size ends, fed through a pipe in pieces
    // that cut them elsewhere too.
    std::string s;
    for (std::size_t boundary = 4096; boundary <= (1u << 20); boundary *= 2) {
        while (s.size() < boundary - 3)
            s += fixture::random_input(boundary + s.size(), std::min<std::size_t>(997, boundary - 3 - s.size()));
        s += "\xE2\x80\x80\xF0\x9F\x98\x80\xE3\x80\x80";
    }
    s += "tail \xE2\x80";
    const Totals want = count_scalar(s, plain);
    for (std::size_t piece : {std::size_t{65536}, std::size_t{4093}, std::size_t{1} << 20})
        CHECK(describe(count_fd_through_pipe(s, piece)) == describe(want));
}

TEST_CASE("fast_count: count_fd makes a pipe it reads bigger", "[fast_count][count_fd]")
{
    // Whether this system lets a pipe grow at all (limits may forbid it):
    // then the one count_fd reads must have grown to 1 MiB, or to the most
    // the system allows.
    int probe[2];
    REQUIRE(pipe(probe) == 0);
    const int can = fcntl(probe[0], F_SETPIPE_SZ, 1 << 20);
    close(probe[0]);
    close(probe[1]);
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const int before = fcntl(fds[0], F_GETPIPE_SZ);
    REQUIRE(write(fds[1], "a b\n", 4) == 4);
    close(fds[1]);
    Totals t;
    CHECK(wc::count_fd(fds[0], plain, t) == 0);
    CHECK(describe(t) == "1 2 4 4");
    const int after = fcntl(fds[0], F_GETPIPE_SZ);
    close(fds[0]);
    if (can > 0)
        CHECK(after >= std::min(can, 1 << 20));
    CHECK(after >= before);
}
