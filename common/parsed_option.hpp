// An option whose text a function parses into a typed value (CLI11): a
// text the function rejects is a usage error that says why.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace common {

// parse(text) returns an optional value; nullopt makes the usage error
// reject(text). Returns the option, for more settings.
template <typename T, typename Parse, typename Reject>
CLI::Option* add_parsed_option(CLI::App& app, const std::string& name, T& target, Parse parse,
                               Reject reject, const std::string& help)
{
    return app
        .add_option_function<std::string>(
            name, [&target, parse](const std::string& text) { target = *parse(text); }, help)
        ->check([parse, reject](const std::string& text) { return parse(text) ? std::string()
                                                                                : reject(text); },
                "");
}

}  // namespace common
