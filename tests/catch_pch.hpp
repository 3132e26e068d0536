// What the unit tests' precompiled header holds (see the Makefile): Catch2
// through an include, so that it stays a system header and its own code
// draws no warnings.
#include <catch2/catch.hpp>
