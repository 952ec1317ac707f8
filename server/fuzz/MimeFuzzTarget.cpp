// Fuzz target for the channels' intake before storage. Email: raw bytes as an IMAP server hands them
// over → the duplicate key (MimeParser::messageKey, header block only) → the whole decode
// (MimeParser::parse: MIME structure, RFC 2047/2231, charsets, HTML bodies through libxml2), with
// the default and a single-byte fallback charset. Must never crash, hang or throw; what cannot be
// read gives nullopt and a reason (the pipeline quarantines those). Seeds: tests/data/mail. (The
// Telegram decoder has its own target, TelegramFuzzTarget.cpp.)
#include "channels/email/HtmlText.h"
#include "channels/email/MimeParser.h"

#include <cstddef>
#include <cstdint>

using namespace triage::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    (void)MimeParser::messageKey(raw);
    static const MimeParser utf8First;
    static const MimeParser koi8(MimeParser::Options {QStringLiteral("koi8-r"), 4 * 1024 * 1024});
    QString error;
    if (const auto m = (size % 2 ? utf8First : koi8).parse(raw, &error)) {
        qsizetype total = m->text.size() + m->subject.size();
        for (const InboundAttachment &a : m->attachments)
            total += a.bytes.size() + a.filename.size();
        (void)total;
    }
    if (size < 65536)
        (void)htmlToText(raw);
    return 0;
}
