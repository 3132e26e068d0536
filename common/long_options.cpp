#include "long_options.hpp"

#include "quote.hpp"

#include <optional>

namespace common {

namespace {

bool starts_with(const std::string& s, const std::string& prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

struct Match {
    const OptionSpec* spec;
    std::string name;  // the long name matched
};

// The options in specs (GNU wc's, or the extensions) that name is a prefix
// of, each once, in table order.
std::vector<Match> prefix_matches(const std::vector<OptionSpec>& specs, const std::string& name,
                                  bool extensions)
{
    std::vector<Match> found;
    for (const OptionSpec& spec : specs) {
        if (spec.extension != extensions)
            continue;
        for (const std::string& long_name : spec.long_names) {
            if (starts_with(long_name, name)) {
                found.push_back({&spec, long_name});
                break;
            }
        }
    }
    return found;
}

// The option a long name, or a prefix of one, means; nullopt with error set
// when it means none or several. word is the argument as given, for errors.
std::optional<Match> match_long(const std::vector<OptionSpec>& specs, const std::string& name,
                                const std::string& word, std::string& error)
{
    for (const OptionSpec& spec : specs)
        for (const std::string& long_name : spec.long_names)
            if (long_name == name)
                return Match{&spec, long_name};
    for (bool extensions : {false, true}) {
        const std::vector<Match> found = prefix_matches(specs, name, extensions);
        if (found.size() == 1)
            return found[0];
        if (found.size() > 1) {
            error = "option '" + word + "' is ambiguous; possibilities:";
            for (const Match& m : found)
                error += " '--" + m.name + "'";
            return std::nullopt;
        }
    }
    error = "unrecognized option '" + word + "'";
    return std::nullopt;
}

// The choice a value, or a prefix of one, means, as GNU's argmatch takes it;
// nullopt with error set when none or several.
std::optional<std::string> match_choice(const OptionSpec& spec, const std::string& value,
                                        std::string& error)
{
    std::vector<std::string> found;
    for (const std::string& choice : spec.choices) {
        if (choice == value)
            return choice;
        if (starts_with(choice, value))
            found.push_back(choice);
    }
    if (found.size() == 1)
        return found[0];
    error = std::string(found.empty() ? "invalid" : "ambiguous") + " argument " +
            quote_value(value) + " for " + quote_value(spec.canonical()) +
            "\nValid arguments are:";
    for (const std::string& choice : spec.choices)
        error += "\n  - " + quote_value(choice);
    return std::nullopt;
}

class Scanner {
public:
    Scanner(const std::vector<OptionSpec>& specs, const std::vector<std::string>& args,
            bool stop_at_operand)
        : specs_(specs), args_(args), stop_at_operand_(stop_at_operand)
    {
    }

    CanonicalArgs run();

private:
    void long_option(const std::string& word);
    void short_options(const std::string& word);
    void emit(const OptionSpec& spec, const std::optional<std::string>& value);
    [[nodiscard]] std::optional<std::string> next_word();

    const std::vector<OptionSpec>& specs_;
    const std::vector<std::string>& args_;
    const bool stop_at_operand_;
    std::size_t next_ = 0;
    bool done_ = false;  // --help or --version seen
    CanonicalArgs out_;
};

CanonicalArgs Scanner::run()
{
    std::vector<std::string>& operands = out_.operands;
    while (!done_ && out_.error.empty() && next_ < args_.size()) {
        const std::string& word = args_[next_++];
        const bool dash = word.size() >= 2 && word[0] == '-';
        if (word == "--" || (!dash && stop_at_operand_)) {
            if (word != "--")
                operands.push_back(word);
            operands.insert(operands.end(), args_.begin() + static_cast<long>(next_), args_.end());
            break;
        }
        if (!dash)
            operands.push_back(word);
        else if (word[1] == '-')
            long_option(word);
        else
            short_options(word);
    }
    return std::move(out_);
}

std::optional<std::string> Scanner::next_word()
{
    if (next_ == args_.size())
        return std::nullopt;
    return args_[next_++];
}

void Scanner::long_option(const std::string& word)
{
    const std::size_t equals = word.find('=');
    const std::string name = word.substr(2, equals == std::string::npos ? equals : equals - 2);
    const std::optional<Match> match = match_long(specs_, name, word, out_.error);
    if (!match)
        return;
    const OptionSpec& spec = *match->spec;
    std::optional<std::string> value;
    if (equals != std::string::npos)
        value = word.substr(equals + 1);
    if (value && spec.argument == Argument::none) {
        out_.error = "option '--" + match->name + "' doesn't allow an argument";
        return;
    }
    if (!value && spec.argument == Argument::required && !(value = next_word())) {
        out_.error = "option '--" + match->name + "' requires an argument";
        return;
    }
    emit(spec, value);
}

void Scanner::short_options(const std::string& word)
{
    for (std::size_t i = 1; i < word.size() && out_.error.empty() && !done_; ++i) {
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& s : specs_)
            if (s.short_names.find(word[i]) != std::string::npos)
                spec = &s;
        if (spec == nullptr) {
            out_.error = std::string("invalid option -- '") + word[i] + "'";
            return;
        }
        if (spec->argument == Argument::none) {
            emit(*spec, std::nullopt);
            continue;
        }
        std::optional<std::string> value;
        if (i + 1 < word.size())
            value = word.substr(i + 1);
        else if (spec->argument == Argument::required && !(value = next_word()))
            out_.error = std::string("option requires an argument -- '") + word[i] + "'";
        if (out_.error.empty())
            emit(*spec, value);
        return;
    }
}

void Scanner::emit(const OptionSpec& spec, const std::optional<std::string>& given)
{
    std::optional<std::string> value = given;
    if (value && !spec.choices.empty() && !(value = match_choice(spec, *value, out_.error)))
        return;
    if (spec.argument == Argument::optional && value) {
        out_.words.push_back(spec.canonical() + "=" + *value);
        return;
    }
    out_.words.push_back(spec.canonical());
    if (value)
        out_.words.push_back(*value);
    done_ = spec.ends_parsing;
}

}  // namespace

CanonicalArgs canonicalize(const std::vector<OptionSpec>& specs,
                           const std::vector<std::string>& args, bool stop_at_operand)
{
    return Scanner(specs, args, stop_at_operand).run();
}

}  // namespace common
