#include "cli_conventions.hpp"

#include "long_options.hpp"
#include "quote.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <stdexcept>

namespace common {

namespace {

// Thrown by an option's callback for a value it refuses; what() is the
// whole message, as the user reads it after "NAME: ".
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// GNU wc 9.7's long options, in the order its getopt lists them. A prefix
// that fits one of them means it, even where it also fits one of ours (--l
// is --lines, not --log): a command line that GNU wc takes means the same
// here. Returns the rank of name there, or the number of them if none.
std::size_t gnu_wc_rank(const std::string& name)
{
    static const char* const names[] = {"bytes", "chars",           "lines", "words", "debug",
                                        "files0-from", "max-line-length", "total", "help",
                                        "version"};
    return static_cast<std::size_t>(std::find(std::begin(names), std::end(names), name) -
                                    std::begin(names));
}

std::size_t gnu_wc_rank(const OptionSpec& spec)
{
    return spec.long_names.empty() ? gnu_wc_rank("") : gnu_wc_rank(spec.long_names[0]);
}

// The rows of --help, one per option: "  -l, --lines" and its description
// (continuation lines of a description are indented by two more columns).
class GnuHelp : public CLI::FormatterBase {
public:
    GnuHelp(ProgramText text, std::vector<OptionSpec> specs, std::vector<std::string> descriptions)
        : text_(std::move(text)), specs_(std::move(specs)), descriptions_(std::move(descriptions))
    {
    }

    std::string make_help(const CLI::App*, std::string, CLI::AppFormatMode) const override
    {
        std::string out;
        for (std::size_t i = 0; i < text_.usages.size(); ++i)
            out.append(i == 0 ? "Usage: " : "  or:  ")
                .append(text_.name)
                .append(" ")
                .append(text_.usages[i]) += '\n';
        out += text_.description + "\n\n";
        std::vector<std::string> left;
        std::size_t width = 0;
        for (const OptionSpec& spec : specs_) {
            left.push_back(left_column(spec));
            width = std::max(width, left.back().size() + 2);
        }
        for (std::size_t i = 0; i < specs_.size(); ++i)
            out += row(left[i], descriptions_[i], width);
        return out + "\n" + text_.footer + "\n";
    }

private:
    static std::string left_column(const OptionSpec& spec)
    {
        std::string out = spec.short_names.empty() ? "      "
                                                   : std::string("  -") + spec.short_names[0] +
                                                         (spec.long_names.empty() ? "" : ", ");
        if (!spec.long_names.empty())
            out += "--" + spec.long_names[0];
        if (spec.argument == Argument::required)
            out += (spec.long_names.empty() ? " " : "=") + spec.value_name;
        else if (spec.argument == Argument::optional)
            out += "[=" + spec.value_name + "]";
        return out;
    }

    static std::string row(const std::string& left, const std::string& description,
                           std::size_t width)
    {
        std::string out = left + std::string(width - left.size(), ' ');
        for (char c : description)
            out += c == '\n' ? "\n" + std::string(width + 2, ' ') : std::string(1, c);
        return out + '\n';
    }

    ProgramText text_;
    std::vector<OptionSpec> specs_;
    std::vector<std::string> descriptions_;
};

}  // namespace

struct CommandLine::Impl {
    explicit Impl(ProgramText text) : text_(std::move(text)), app_(text_.description, text_.name)
    {
        app_.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        app_.set_help_flag("-h,--help", "display this help and exit");
        version_ = app_.set_version_flag("--version", std::string(text_.version),
                                         "output version information and exit");
    }

    int parse(int argc, char** argv, bool stop_at_operand)
    {
        const CanonicalArgs args = canonicalize(
            getopt_table(), std::vector<std::string>(argv + 1, argv + argc), stop_at_operand);
        if (!args.error.empty())
            return usage_error(args.error);
        if (int status = bind(args.words); status >= 0)
            return status;
        if (!args.operands.empty() && operands_ == nullptr)
            return usage_error("extra operand " + quote_always(args.operands.front()));
        if (operands_ != nullptr)
            *operands_ = args.operands;
        return -1;
    }

    int usage_error(const std::string& message) const
    {
        std::fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", text_.name,
                     message.c_str(), text_.name);
        return text_.failure_status;
    }

    // CLI11 binds the canonical words to the options; -1, or the status
    // after --help, --version or a refused value.
    int bind(const std::vector<std::string>& words)
    {
        app_.formatter(std::make_shared<GnuHelp>(text_, specs(), descriptions()));
        try {
            app_.parse(std::vector<std::string>(words.rbegin(), words.rend()));
        } catch (const CLI::CallForHelp&) {
            return print(app_.help());
        } catch (const CLI::CallForVersion&) {
            return print(std::string(text_.name) + " " + text_.version + "\n");
        } catch (const UsageError& e) {
            return usage_error(e.what());
        } catch (const CLI::ParseError& e) {
            return usage_error(e.what());
        }
        return -1;
    }

    // The table getopt's rules read: GNU wc's options first, in its order
    // (so are possibilities listed), then ours.
    std::vector<OptionSpec> getopt_table() const
    {
        std::vector<OptionSpec> table = specs();
        std::stable_sort(table.begin(), table.end(), [](const OptionSpec& a, const OptionSpec& b) {
            return gnu_wc_rank(a) < gnu_wc_rank(b);
        });
        return table;
    }

    // What GNU's rules need to know of an option, from CLI11's own record.
    OptionSpec spec_of(const CLI::Option& opt) const
    {
        OptionSpec spec;
        spec.long_names = opt.get_lnames();
        for (const std::string& s : opt.get_snames())
            spec.short_names += s;
        if (opt.get_items_expected_max() != 0)
            spec.argument = Argument::required;
        else if (!opt.get_fnames().empty())
            spec.argument = Argument::optional;  // a flag with a default value
        spec.value_name = opt.get_type_name();
        auto choices = choices_.find(&opt);
        if (choices != choices_.end())
            spec.choices = choices->second;
        spec.extension = gnu_wc_rank(spec) == gnu_wc_rank("");
        spec.ends_parsing = &opt == app_.get_help_ptr() || &opt == version_;
        return spec;
    }

    // Every option but the operands, in the order they were added.
    std::vector<const CLI::Option*> named_options() const
    {
        return app_.get_options([](const CLI::Option* opt) { return opt->nonpositional(); });
    }

    // --help and --version last, as GNU lists them.
    std::vector<const CLI::Option*> in_order() const
    {
        std::vector<const CLI::Option*> opts = named_options();
        std::stable_partition(opts.begin(), opts.end(), [this](const CLI::Option* opt) {
            return opt != app_.get_help_ptr() && opt != version_;
        });
        return opts;
    }

    std::vector<OptionSpec> specs() const
    {
        std::vector<OptionSpec> out;
        for (const CLI::Option* opt : in_order())
            out.push_back(spec_of(*opt));
        return out;
    }

    std::vector<std::string> descriptions() const
    {
        std::vector<std::string> out;
        for (const CLI::Option* opt : in_order())
            out.push_back(opt->get_description());
        return out;
    }

    // Prints --help or --version; a failed write is an error, as in GNU.
    int print(const std::string& text) const
    {
        std::fputs(text.c_str(), stdout);
        if (std::fflush(stdout) == 0)
            return 0;
        std::fprintf(stderr, "%s: write error: %s\n", text_.name, std::strerror(errno));
        return text_.failure_status;
    }

    ProgramText text_;
    CLI::App app_;
    const CLI::Option* version_ = nullptr;
    std::vector<std::string>* operands_ = nullptr;
    std::map<const CLI::Option*, std::vector<std::string>> choices_;
};

CommandLine::CommandLine(ProgramText text) : impl_(std::make_unique<Impl>(std::move(text))) {}

CommandLine::~CommandLine() = default;

void CommandLine::flag(const std::string& names, bool& target, const std::string& help)
{
    impl_->app_.add_flag(names, target, help);
}

void CommandLine::option(const std::string& names, std::string& target, const std::string& value,
                         const std::string& help)
{
    impl_->app_.add_option(names, target, help)->type_name(value);
}

void CommandLine::option(const std::string& names, std::optional<std::string>& target,
                         const std::string& value, const std::string& help)
{
    impl_->app_.add_option(names, target, help)->type_name(value);
}

void CommandLine::parsed_option(const std::string& names,
                                std::function<bool(const std::string&)> set,
                                std::function<std::string(const std::string&)> complaint,
                                const std::string& value, const std::string& help)
{
    auto each = [set = std::move(set), complaint = std::move(complaint)](
                    const CLI::results_t& texts) {
        for (const std::string& text : texts)
            if (!set(text))
                throw UsageError(complaint(text));
        return true;
    };
    impl_->app_.add_option(names, CLI::callback_t(each), help)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->type_name(value);
}

void CommandLine::choice(const std::string& name, std::vector<std::string> choices,
                         std::function<void(const std::string&)> set, const std::string& value,
                         const std::string& help)
{
    CLI::Option* opt = impl_->app_.add_option_function<std::string>(name, std::move(set), help);
    opt->type_name(value);
    impl_->choices_[opt] = std::move(choices);
}

void CommandLine::optional_choice(const std::string& name_with_default, std::string& target,
                                  std::vector<std::string> choices, const std::string& value,
                                  const std::string& help)
{
    CLI::Option* opt = impl_->app_.add_flag(name_with_default, target, help);
    opt->type_name(value);
    impl_->choices_[opt] = std::move(choices);
}

void CommandLine::operands(std::vector<std::string>& target) { impl_->operands_ = &target; }

int CommandLine::parse(int argc, char** argv, bool stop_at_operand)
{
    return impl_->parse(argc, argv, stop_at_operand);
}

bool CommandLine::given(const std::string& name) const
{
    const CLI::Option* opt = impl_->app_.get_option_no_throw(name);
    return opt != nullptr && opt->count() > 0;
}

int CommandLine::usage_error(const std::string& message) const
{
    return impl_->usage_error(message);
}

namespace {

const char* const files0_from_help =
    "read input from the files specified by\n"
    "NUL-terminated names in file F;\n"
    "If F is - then read names from standard input";

// The options around --files0-from, which add_files0_from adds in its place.
void add_wc_options(CommandLine& cli, Selection& show, TotalMode& total,
                    const std::function<void()>& add_files0_from)
{
    cli.flag("-c,--bytes", show.bytes, "print the byte counts");
    cli.flag("-m,--chars", show.chars, "print the character counts");
    cli.flag("-l,--lines", show.lines, "print the newline counts");
    add_files0_from();
    cli.flag("-L,--max-line-length", show.max_line_length, "print the maximum display width");
    cli.flag("-w,--words", show.words, "print the word counts");
    cli.choice(
        "--total", {"auto", "always", "only", "never"},
        [&total](const std::string& when) { total = *parse_total_mode(when); }, "WHEN",
        "when to print a line with total counts;\nWHEN can be: auto, always, only, never");
}

}  // namespace

void add_wc_options(CommandLine& cli, Selection& show, std::string& files0_from, TotalMode& total)
{
    add_wc_options(cli, show, total,
                   [&] { cli.option("--files0-from", files0_from, "F", files0_from_help); });
}

void add_wc_options(CommandLine& cli, Selection& show, std::optional<std::string>& files0_from,
                    TotalMode& total)
{
    add_wc_options(cli, show, total,
                   [&] { cli.option("--files0-from", files0_from, "F", files0_from_help); });
}

}  // namespace common
