#pragma once

#include <QByteArrayView>
#include <QString>

namespace triage::server {

// Readable plain text from an HTML mail body (UTF-8), for HTML-only messages: paragraphs, line
// breaks, list items ("• "), table rows and block quotes ("> ") kept; scripts, styles and the head
// dropped; links shown as "text (url)" when the url says more than the text. libxml2's HTML
// parser does the parsing (it recovers from the broken markup mail clients send).
QString htmlToText(QByteArrayView utf8Html);

} // namespace triage::server
