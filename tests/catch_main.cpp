// The Catch2 runner, compiled once and linked into every unit-test binary.
// Its std::regex code trips a known false -Wmaybe-uninitialized in g++ 12's
// <bits/std_function.h> under -fsanitize=address; nothing of ours is in it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
