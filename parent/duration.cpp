#include "duration.hpp"

#include <cstdint>

namespace parent {

namespace {

bool is_digit(char ch) noexcept { return ch >= '0' && ch <= '9'; }

// Seconds per unit for the suffix that ends text (removed), or 0 if unknown.
Duration::rep take_unit(std::string_view& text) noexcept
{
    if (text.empty() || is_digit(text.back()) || text.back() == '.')
        return 1;
    char unit = text.back();
    text.remove_suffix(1);
    switch (unit) {
    case 's': return 1;
    case 'm': return 60;
    case 'h': return 60 * 60;
    case 'd': return 24 * 60 * 60;
    default: return 0;
    }
}

// A plain decimal number of seconds, in integers so that "0.001" is exactly
// a millisecond and no locale (LC_NUMERIC's comma) gets a say. The fraction
// is kept to 10^-14 s, so that a unit multiplies it before it is cut to
// nanoseconds ("0.0000000019m" is 114 ns): 10^14 times a day's 86,400
// seconds still fits.
struct Decimal {
    std::uint64_t seconds = 0;
    std::uint64_t fraction = 0;  // in units of 10^-14 s
    bool positive = false;       // any digit not 0, however fine
    bool huge = false;           // more seconds than any Duration holds
};

constexpr std::uint64_t max_seconds = Duration::max().count() / 1000000000;
constexpr std::uint64_t fraction_per_ns = 100000;  // 10^-14 s in a nanosecond

std::optional<Decimal> parse_decimal(std::string_view text) noexcept
{
    Decimal d;
    std::size_t point = text.find('.');
    std::string_view whole = text.substr(0, point);
    std::string_view fraction = point == text.npos ? "" : text.substr(point + 1);
    if (whole.size() + fraction.size() == 0)
        return std::nullopt;
    for (char ch : whole) {
        if (!is_digit(ch))
            return std::nullopt;
        d.huge = d.huge || d.seconds > max_seconds;
        d.seconds = d.huge ? d.seconds : d.seconds * 10 + static_cast<unsigned>(ch - '0');
        d.positive = d.positive || ch != '0';
    }
    std::uint64_t scale = 10000000000000;  // the first digit's, in 10^-14 s
    for (char ch : fraction) {
        if (!is_digit(ch))
            return std::nullopt;
        d.fraction += scale * static_cast<unsigned>(ch - '0');
        d.positive = d.positive || ch != '0';
        scale /= 10;
    }
    return d;
}

}  // namespace

// Digits finer than a nanosecond, after the unit, are dropped; but a
// positive limit shorter than 1 ns is still a limit.
std::optional<Duration> parse_duration(std::string_view text) noexcept
{
    Duration::rep unit = take_unit(text);
    std::optional<Decimal> number = parse_decimal(text);
    if (unit == 0 || !number)
        return std::nullopt;
    auto seconds = static_cast<Duration::rep>(number->seconds);
    if (number->huge || seconds > Duration::max().count() / 1000000000 / unit)
        return Duration::max();
    Duration::rep ns = seconds * unit * 1000000000;
    auto extra = static_cast<Duration::rep>(number->fraction * static_cast<std::uint64_t>(unit) /
                                            fraction_per_ns);
    if (extra > Duration::max().count() - ns)
        return Duration::max();
    if (ns + extra == 0 && number->positive)
        return Duration(1);
    return Duration(ns + extra);
}

std::string format_seconds(Duration d)
{
    constexpr Duration::rep per_second = 1000000000;
    std::string text = std::to_string(d.count() / per_second);
    Duration::rep nanos = d.count() % per_second;
    if (nanos == 0)
        return text;
    std::string fraction = std::to_string(nanos);
    fraction.insert(0, 9 - fraction.size(), '0');
    fraction.erase(fraction.find_last_not_of('0') + 1);
    return text + "." + fraction;
}

}  // namespace parent
