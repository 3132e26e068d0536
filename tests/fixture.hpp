// Test inputs shared by the suites: the tables of GNU wc 9.7's counts in
// tests/fixtures/, and a deterministic generator of inputs of several kinds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fixture {

// One row of tests/fixtures/cases.tsv: the input as printf(1) would make it
// from the format column, and what GNU wc 9.7 -lwmc counted.
struct Case {
    std::string name;
    std::string input;
    std::uint64_t lines, words, chars, bytes;
};

// Expands the printf escapes the table uses: \n \t \v \f \r \\ \NNN (octal),
// %Ns (N spaces) and %0Nd (N zeros: printf with no argument).
std::string expand_printf(const std::string& format);

// Rows of a tab-separated file with a header line; fields split on every
// tab (so empty fields survive).
std::vector<std::vector<std::string>> read_tsv(const std::string& path);

std::vector<Case> load_cases(const std::string& path = "tests/fixtures/cases.tsv");

// Reads a whole file (tests only).
std::string read_file(const std::string& path);

// Whatever can be read from fd right now, without blocking: fd is made
// O_NONBLOCK (a test's pipe end, catching what a unit under test wrote).
std::string take_available(int fd);

// What random_input makes; gen_input's KIND argument names them.
enum class Kind {
    // Tokens that stress the counting rules (separators of every kind, valid
    // chars of 1 to 6 bytes, invalid, overlong, surrogate and truncated
    // sequences, NUL and controls) mixed with plain text and random bytes.
    tokens,
    // Bytes shaped like machine code and object files: runs of NUL, small
    // little-endian integers, NUL-terminated names, opcode-like bytes.
    binary,
    // Uniform random bytes, as in gzip or xz data.
    compressed,
    // Words in many scripts (Latin with diacritics, Greek, Cyrillic,
    // Armenian, Hebrew, Arabic, Devanagari, Thai, Georgian, Ethiopic, CJK,
    // kana, Hangul, emoji sequences) with combining marks, between ASCII and
    // Unicode spaces, in lines of varying length.
    text,
};

// "tokens", "binary", "compressed", "text"; kind_named throws
// std::invalid_argument on any other name.
const char* kind_name(Kind kind);
Kind kind_named(const std::string& name);

// A reproducible byte string of length len for seed, of the given kind. The
// same (seed, len, kind) gives the same bytes on every machine, and a longer
// len extends a shorter one.
std::string random_input(std::uint64_t seed, std::size_t len, Kind kind = Kind::tokens);

// What GNU wc 9.7 -lwmcL counted for one input.
struct Counts {
    std::uint64_t lines, words, chars, bytes, max_line_length;
};

// An input with GNU wc 9.7's counts of it.
struct Counted {
    std::string name;
    std::string input;
    Counts gnu;
};

// The committed files of tests/fixtures/text/, each with its row of
// tests/fixtures/text.tsv (file lines words chars bytes max_line_length).
std::vector<Counted> load_text_fixtures(const std::string& fixtures = "tests/fixtures");

// The inputs of tests/fixtures/generated.tsv (kind seed len lines words
// chars bytes max_line_length), made with random_input.
std::vector<Counted> load_generated(const std::string& fixtures = "tests/fixtures");

}  // namespace fixture
