// `triagectl channel …`: an administrator connects and watches the channels requests come in by
// (docs/channels.md): the REST API of /api/v1/channels, as tables or --json.
#include "Cli.h"
#include "Profile.h"
#include "Wait.h"
#include "net/ApiClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

namespace triage::cli {

namespace {

constexpr auto kChannelUsage
    = "usage: triagectl channel list | show ID | put ID FILE.json|- | remove ID | status ID |"
      " quarantine ID | retry ID MESSAGE";

int exitFor(const ApiError &e)
{
    return exitForHttpStatus(e.httpStatus);
}

QString text(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() ? u"—"_qs
        : v.isDouble()                   ? QString::number(v.toInteger())
                                         : v.toString();
}

void printChannel(const QJsonObject &c)
{
    printLine(u"%1  %2 (%3)%4"_qs.arg(c[u"id"_qs].toString(), c[u"name"_qs].toString(),
        c[u"kind"_qs].toString(), c[u"enabled"_qs].toBool(true) ? QString() : u"  disabled"_qs));
    printLine(u"  address %1, group %2, every %3 s"_qs.arg(
        c[u"address"_qs].toString(), text(c[u"group"_qs]), text(c[u"poll_seconds"_qs])));
    for (const QString &side : {u"imap"_qs, u"smtp"_qs}) {
        const QJsonObject e = c[side].toObject();
        printLine(u"  %1 %2 as %3, password %4"_qs.arg(side, e[u"url"_qs].toString(), text(e[u"username"_qs]),
            e[u"password_set"_qs].toBool() ? u"set"_qs : u"not set"_qs));
    }
}

} // namespace

int runChannel(const Context &ctx, QStringList args)
{
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    const int needed = sub == u"list"_qs ? 0 : sub == u"put"_qs || sub == u"retry"_qs ? 2 : 1;
    const QStringList known {
        u"list"_qs, u"show"_qs, u"put"_qs, u"remove"_qs, u"status"_qs, u"quarantine"_qs, u"retry"_qs};
    if (!known.contains(sub) || args.size() != needed)
        return fail(ctx, BadInput, QString::fromLatin1(kChannelUsage));
    int code = Ok;
    const auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    const QString base = u"channels"_qs;
    QByteArray verb = "GET";
    QString path = base;
    QJsonDocument body;
    if (sub == u"show"_qs) {
        path = base + u'/' + args[0];
    } else if (sub == u"status"_qs) {
        path = base + u'/' + args[0] + u"/status"_qs;
    } else if (sub == u"quarantine"_qs) {
        path = base + u'/' + args[0] + u"/quarantine"_qs;
    } else if (sub == u"remove"_qs) {
        verb = "DELETE";
        path = base + u'/' + args[0];
    } else if (sub == u"retry"_qs) {
        verb = "POST";
        path = base + u'/' + args[0] + u"/messages/"_qs + args[1] + u"/retry"_qs;
    } else if (sub == u"put"_qs) {
        verb = "PUT";
        path = base + u'/' + args[0];
        QFile f;
        const bool ok = args[1] == u"-"_qs ? f.open(stdin, QIODevice::ReadOnly)
                                           : (f.setFileName(args[1]), f.open(QIODevice::ReadOnly));
        if (!ok)
            return fail(ctx, BadInput, u"cannot read %1"_qs.arg(args[1]));
        QJsonParseError error;
        body = QJsonDocument::fromJson(f.readAll(), &error);
        if (!body.isObject())
            return fail(ctx, BadInput, u"%1 is not a JSON object: %2"_qs.arg(args[1], error.errorString()));
    }
    const ApiResponse r = waitForReply(p->api(), verb, path, {}, body);
    if (!r.ok())
        return fail(ctx, exitFor(r.error), r.error.message());
    if (ctx.json) {
        printJson(r.json.isArray() ? QJsonValue(r.json.array()) : QJsonValue(r.json.object()));
        return Ok;
    }
    const QJsonObject o = r.json.object();
    if (sub == u"list"_qs) {
        const QJsonArray channels = o[u"channels"_qs].toArray();
        if (channels.isEmpty())
            printLine(u"No channels yet: triagectl channel put ID FILE.json (docs/channels.md)"_qs);
        for (const QJsonValue &c : channels)
            printChannel(c.toObject());
    } else if (sub == u"show"_qs || sub == u"put"_qs) {
        printChannel(o);
    } else if (sub == u"status"_qs) {
        printLine(u"last poll %1%2"_qs.arg(text(o[u"last_poll_at"_qs]),
            o[u"polled_by"_qs].isNull() ? QString() : u" by "_qs + o[u"polled_by"_qs].toString()));
        printLine(u"last error %1"_qs.arg(text(o[u"last_error"_qs])));
        printLine(u"processed %1, pending %2, quarantined %3, ignored %4"_qs.arg(text(o[u"processed"_qs]),
            text(o[u"pending"_qs]), text(o[u"quarantined"_qs]), text(o[u"ignored"_qs])));
        printLine(u"outgoing: queued %1, sent %2, failed %3"_qs.arg(
            text(o[u"outgoing_queued"_qs]), text(o[u"outgoing_sent"_qs]), text(o[u"outgoing_failed"_qs])));
    } else if (sub == u"quarantine"_qs) {
        const QJsonArray messages = o[u"messages"_qs].toArray();
        if (messages.isEmpty())
            printLine(u"Nothing held."_qs);
        for (const QJsonValue &m : messages) {
            printLine(u"%1  %2  %3  %4 bytes, %5 attempt(s): %6"_qs.arg(m[u"id"_qs].toString(),
                m[u"state"_qs].toString(), m[u"received_at"_qs].toString(), text(m[u"size"_qs]),
                text(m[u"attempts"_qs]), m[u"reason"_qs].toString()));
        }
    } else if (sub == u"retry"_qs) {
        printLine(u"queued again: %1"_qs.arg(args[1]));
    } else if (sub == u"remove"_qs) {
        printLine(u"removed %1"_qs.arg(args[0]));
    }
    return Ok;
}

} // namespace triage::cli
