// gen_input SEED LEN: writes fixture::random_input(SEED, LEN) to stdout, so
// scripts can feed the same bytes the unit tests make to a reference wc.
#include "../fixture.hpp"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fputs("usage: gen_input SEED LEN\n", stderr);
        return 2;
    }
    std::string s = fixture::random_input(std::strtoull(argv[1], nullptr, 10),
                                          std::strtoull(argv[2], nullptr, 10));
    return std::fwrite(s.data(), 1, s.size(), stdout) == s.size() && std::fflush(stdout) == 0 ? 0 : 1;
}
