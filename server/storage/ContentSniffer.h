#pragma once

#include <QByteArray>

namespace triage::server {

// The content type of a file from its first bytes, by libmagic (the `file` command's database):
// a sender's declared type is never trusted. One libmagic handle per thread (a handle is not
// thread-safe), loaded on first use.
class ContentSniffer
{
public:
    // A MIME type such as "image/png"; "application/octet-stream" when libmagic cannot tell.
    static QByteArray sniff(const char *data, qsizetype size);
};

} // namespace triage::server
