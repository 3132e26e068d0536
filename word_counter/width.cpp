#include "width.hpp"

#include <clocale>
#include <cwchar>
#include <cwctype>
#include <locale.h>

namespace wc {

namespace {

// Switches this (single) thread to C.UTF-8 character classes once.
bool use_utf8_ctype() noexcept
{
    locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return loc != static_cast<locale_t>(nullptr) && uselocale(loc) != static_cast<locale_t>(nullptr);
}

}  // namespace

unsigned display_width(std::uint32_t cp) noexcept
{
    static const bool ready = use_utf8_ctype();
    if (!ready || cp > 0x10FFFF)
        return 0;
    auto wc = static_cast<wchar_t>(cp);
    if (!std::iswprint(static_cast<wint_t>(wc)))
        return 0;
    int w = ::wcwidth(wc);
    return w > 0 ? static_cast<unsigned>(w) : 0;
}

}  // namespace wc
