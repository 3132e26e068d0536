// Test inputs shared by the suites: the case table made with GNU wc 9.7,
// and a deterministic generator of nasty random inputs.
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

// A reproducible byte string of length len for seed: mostly tokens that
// stress the counting rules (separators of every kind, valid chars of 1 to
// 6 bytes, invalid, overlong, surrogate and truncated sequences, NUL and
// controls) mixed with plain text and random bytes. The same (seed, len)
// gives the same bytes on every machine.
std::string random_input(std::uint64_t seed, std::size_t len);

}  // namespace fixture
