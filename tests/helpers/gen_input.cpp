// gen_input SEED LEN [KIND]: writes fixture::random_input(SEED, LEN, KIND) to
// stdout (KIND: tokens, the default, binary, compressed or text), so scripts
// can feed the same bytes the unit tests make to a reference wc.
#include "../fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

int main(int argc, char** argv)
{
    if (argc != 3 && argc != 4) {
        std::fputs("usage: gen_input SEED LEN [tokens|binary|compressed|text]\n", stderr);
        return 2;
    }
    fixture::Kind kind = fixture::Kind::tokens;
    try {
        if (argc == 4)
            kind = fixture::kind_named(argv[3]);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "gen_input: %s\n", e.what());
        return 2;
    }
    std::string s = fixture::random_input(std::strtoull(argv[1], nullptr, 10),
                                          std::strtoull(argv[2], nullptr, 10), kind);
    return std::fwrite(s.data(), 1, s.size(), stdout) == s.size() && std::fflush(stdout) == 0 ? 0 : 1;
}
