#pragma once

#include "channels/InboundMessage.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace triage::server {

// The email adapter's decoding half: raw RFC 5322 bytes (as IMAP's BODY[] returns them) to an
// InboundMessage. GMime 3 does the MIME work — structure, RFC 2047 headers, RFC 2231 file names,
// quoted-printable and base64, charset conversion; this class only chooses what the pipeline
// needs. Hostile input is expected: a message that cannot be read at all returns nullopt with a
// reason (the pipeline quarantines its raw bytes); anything less is decoded as far as possible
// and noted in `problems`.
class MimeParser
{
public:
    struct Options {
        // For 8-bit text that declares no charset and is not valid UTF-8 (and raw 8-bit headers).
        QString fallbackCharset = u"windows-1251"_qs;
        qsizetype maxBytes = 64 * 1024 * 1024; // larger messages are refused, not parsed
    };

    MimeParser();
    explicit MimeParser(Options options);

    std::optional<InboundMessage> parse(QByteArrayView raw, QString *error) const;

    // The intake's duplicate key for a raw message, from its header block only (cheap enough for
    // the fetch step): "email:" + the Message-ID, or "sha256:" + a digest of the bytes when the
    // message has none (the same bytes fetched twice are still one message).
    static QString messageKey(QByteArrayView raw);

private:
    Options m_options;
};

} // namespace triage::server
