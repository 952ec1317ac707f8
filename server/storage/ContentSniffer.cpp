#include "ContentSniffer.h"

#include <magic.h>
#include <memory>

namespace triage::server {

namespace {

struct MagicCloser {
    void operator()(magic_t m) const { magic_close(m); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

magic_t threadMagic()
{
    // No decompression (a zip bomb stays a zip), no ELF section walks: the first bytes decide.
    thread_local Magic handle = [] {
        Magic m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_ERROR));
        if (m && magic_load(m.get(), nullptr) != 0)
            m.reset();
        return m;
    }();
    return handle.get();
}

} // namespace

QByteArray ContentSniffer::sniff(const char *data, qsizetype size)
{
    static const QByteArray fallback = QByteArrayLiteral("application/octet-stream");
    magic_t m = threadMagic();
    if (!m)
        return fallback;
    const char *type = magic_buffer(m, data, static_cast<size_t>(size));
    if (!type || !*type)
        return fallback;
    const QByteArray out(type);
    // libmagic names types in its own words for a few cases ("application/x-empty"): keep what it
    // says, but only a plausible token (it goes into a response header).
    for (const char c : out) {
        if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"')
            return fallback;
    }
    return out.contains('/') ? out : fallback;
}

} // namespace triage::server
