#include "QuotedText.h"

#include <QRegularExpression>
#include <QStringList>

namespace triage {

namespace {

using RE = QRegularExpression;

bool isAttribution(const QString &line)
{
    static const RE patterns[] = {
        RE(uR"(^\s*(on|am|le|el)\s.{4,200}(wrote|schrieb|a écrit|escribió)\s*:\s*$)"_qs,
            RE::CaseInsensitiveOption),
        RE(uR"(^.{4,200}\s(пишет|написал|написала|писал|писала)\s*:\s*$)"_qs, RE::CaseInsensitiveOption),
        RE(uR"(^\s*-{3,}\s*(original message|исходное сообщение|ursprüngliche nachricht)\s*-{3,}\s*$)"_qs,
            RE::CaseInsensitiveOption),
    };
    for (const RE &re : patterns) {
        if (re.match(line).hasMatch())
            return true;
    }
    return false;
}

// Outlook's header block: "From: …" with "Sent:"/"Date:" (or the Russian names) right below it.
bool isOutlookHeader(const QStringList &lines, qsizetype i)
{
    static const RE from(uR"(^\s*\*?(from|от)\s*:\*?\s+\S)"_qs, RE::CaseInsensitiveOption);
    static const RE sent(uR"(^\s*\*?(sent|date|отправлено|дата)\s*:)"_qs, RE::CaseInsensitiveOption);
    if (!from.match(lines[i]).hasMatch())
        return false;
    for (qsizetype k = i + 1; k < std::min(lines.size(), i + 4); ++k) {
        if (sent.match(lines[k]).hasMatch())
            return true;
    }
    return false;
}

bool isQuoteLine(const QString &line)
{
    return line.trimmed().startsWith(u'>');
}

} // namespace

QuotedSplit splitQuoted(QStringView body)
{
    const QString text = body.toString();
    const QStringList lines = text.split(u'\n');
    qsizetype cut = -1;
    bool seenReply = false;
    static const RE forwarded(
        uR"(^\s*(-{3,}\s*(forwarded message|пересылаемое сообщение|weitergeleitete nachricht)|begin forwarded message:))"_qs,
        RE::CaseInsensitiveOption);
    for (qsizetype i = 0; i < lines.size() && cut < 0; ++i) {
        const QString &line = lines[i];
        if (forwarded.match(line).hasMatch())
            break; // what follows was forwarded on purpose: never folded
        if (seenReply) {
            // Gmail wraps a long attribution over two lines.
            const QString joined = i + 1 < lines.size() ? line + u' ' + lines[i + 1] : line;
            if (isAttribution(line) || isOutlookHeader(lines, i)
                || (!line.trimmed().isEmpty() && isAttribution(joined) && i + 2 < lines.size()
                    && isQuoteLine(lines[i + 2]))) {
                cut = i;
                break;
            }
            if (isQuoteLine(line)) {
                bool allQuoted = true;
                for (qsizetype k = i; k < lines.size() && allQuoted; ++k)
                    allQuoted = lines[k].trimmed().isEmpty() || isQuoteLine(lines[k]);
                if (allQuoted)
                    cut = i;
            }
        }
        if (!line.trimmed().isEmpty() && !isQuoteLine(line) && !isAttribution(line))
            seenReply = true;
    }
    if (cut < 0)
        return {text, {}};
    QuotedSplit s;
    s.reply = lines.mid(0, cut).join(u'\n').trimmed();
    s.quoted = lines.mid(cut).join(u'\n').trimmed();
    if (s.reply.isEmpty() || s.quoted.isEmpty())
        return {text, {}};
    return s;
}

} // namespace triage
