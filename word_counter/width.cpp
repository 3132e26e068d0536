#include "width.hpp"

#include <clocale>
#include <cwchar>
#include <cwctype>
#include <locale.h>

namespace wc {

namespace {

// The C.UTF-8 character classes, made once and shared: a locale is only
// read once made, so every thread may use it.
locale_t utf8_ctype() noexcept
{
    static const locale_t loc =
        newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return loc;
}

// Switches the calling thread to them: uselocale is per thread, and a big
// file's parts are counted by threads of their own (parallel_count.hpp).
bool use_utf8_ctype() noexcept
{
    const locale_t loc = utf8_ctype();
    return loc != static_cast<locale_t>(nullptr) && uselocale(loc) != static_cast<locale_t>(nullptr);
}

}  // namespace

unsigned display_width(std::uint32_t cp) noexcept
{
    thread_local const bool ready = use_utf8_ctype();
    if (!ready || cp > 0x10FFFF)
        return 0;
    auto wc = static_cast<wchar_t>(cp);
    if (!std::iswprint(static_cast<wint_t>(wc)))
        return 0;
    int w = ::wcwidth(wc);
    return w > 0 ? static_cast<unsigned>(w) : 0;
}

}  // namespace wc
