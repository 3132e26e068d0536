// gen_input SEED LEN [KIND]: writes fixture::random_input(SEED, LEN, KIND) to
// stdout (KIND: tokens, the default, binary, compressed or text), so scripts
// can feed the same bytes the unit tests make to a reference wc.
// gen_input --into DIR: the same for each "KIND SEED LEN" line of stdin (the
// rows of tests/fixtures/generated.tsv), into DIR/KIND-SEED: one process
// for them all.
#include "../fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace {

bool write_input(std::FILE* out, const std::string& seed, const std::string& len,
                 fixture::Kind kind)
{
    const std::string s = fixture::random_input(std::strtoull(seed.c_str(), nullptr, 10),
                                                std::strtoull(len.c_str(), nullptr, 10), kind);
    return std::fwrite(s.data(), 1, s.size(), out) == s.size() && std::fflush(out) == 0;
}

int write_all_into(const std::string& dir)
{
    std::string kind, seed, len, rest;
    while (std::cin >> kind >> seed >> len) {
        std::getline(std::cin, rest);
        const std::string path = dir + "/" + kind + "-" + seed;
        std::FILE* out = std::fopen(path.c_str(), "w");
        if (out == nullptr) {
            std::perror(path.c_str());
            return 1;
        }
        const bool written = write_input(out, seed, len, fixture::kind_named(kind));
        if (std::fclose(out) != 0 || !written) {
            std::perror(path.c_str());
            return 1;
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    try {
        if (argc == 3 && std::string(argv[1]) == "--into")
            return write_all_into(argv[2]);
        if (argc == 3 || argc == 4)
            return write_input(stdout, argv[1], argv[2],
                               argc == 4 ? fixture::kind_named(argv[3]) : fixture::Kind::tokens)
                       ? 0
                       : 1;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "gen_input: %s\n", e.what());
        return 2;
    }
    std::fputs("usage: gen_input SEED LEN [tokens|binary|compressed|text]\n"
               "       gen_input --into DIR < ROWS\n",
               stderr);
    return 2;
}
