// ticket attach | ticket attachments | download — straight to the server (files are not queued in
// the outbox), streamed both ways by core/net/AttachmentClient.
#include "Cli.h"
#include "Profile.h"
#include "domain/Uuid.h"
#include "net/AttachmentClient.h"
#include "store/AttachmentRepository.h"
#include "store/LocalCache.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QSaveFile>

namespace triage::cli {

namespace {

int exitFor(const ApiError &e)
{
    if (e.isNetwork() || e.httpStatus >= 500)
        return Unavailable;
    if (e.httpStatus == 401)
        return AuthRequired;
    return Failed;
}

// "#123" or an id from the cache; an id the cache does not know yet goes to the server as it is.
QString ticketIdFor(Profile &p, const QString &ref)
{
    const QString id = resolveTicketRef(p.store(), ref);
    if (!id.isEmpty())
        return id;
    return isValidId(ref.trimmed()) ? ref.trimmed().toLower() : QString();
}

QString describe(const Attachment &a)
{
    return u"%1  %2  %3  %4%5"_qs.arg(a.id, QLocale::c().formattedDataSize(a.size), a.contentType, a.filename,
        a.commentId.isEmpty() ? QString() : u"  (comment %1)"_qs.arg(a.commentId));
}

} // namespace

int runAttach(const Context &ctx, const QStringList &args)
{
    QStringList rest = args;
    QString commentId;
    if (const qsizetype i = rest.indexOf(u"--comment"_qs); i >= 0) {
        if (i + 1 >= rest.size())
            return fail(ctx, BadInput, u"--comment needs a comment id"_qs);
        commentId = rest.at(i + 1);
        rest.remove(i, 2);
    }
    if (rest.size() != 2)
        return fail(
            ctx, BadInput, u"usage: triagectl ticket attach ID|#NUMBER FILE [--comment COMMENT_ID]"_qs);
    int code = Ok;
    auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    const QString ticketId = ticketIdFor(*p, rest.at(0));
    if (ticketId.isEmpty())
        return fail(
            ctx, Failed, u"no ticket %1 in the local cache (run 'triagectl sync'?)"_qs.arg(rest.at(0)));
    QFile file(rest.at(1));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ctx, BadInput, u"cannot read %1: %2"_qs.arg(rest.at(1), file.errorString()));
    AttachmentClient client(p->api());
    std::optional<Attachment> stored;
    ApiError error;
    bool answered = false;
    QEventLoop loop;
    client.upload(ticketId, &file, QFileInfo(file).fileName(), commentId,
        [&](const std::optional<Attachment> &a, const ApiError &e) {
            stored = a;
            error = e;
            answered = true;
            loop.quit();
        });
    if (!answered)
        loop.exec();
    if (!stored)
        return fail(ctx, exitFor(error), error.message());
    if (ctx.json)
        printJson(stored->toJson());
    else
        printLine(u"attached "_qs + describe(*stored) + u"  sha256 "_qs + stored->sha256);
    return Ok;
}

int runAttachments(const Context &ctx, const QStringList &args)
{
    if (args.size() != 1)
        return fail(ctx, BadInput, u"usage: triagectl ticket attachments ID|#NUMBER"_qs);
    int code = Ok;
    auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    const QString ticketId = ticketIdFor(*p, args.at(0));
    if (ticketId.isEmpty())
        return fail(
            ctx, Failed, u"no ticket %1 in the local cache (run 'triagectl sync'?)"_qs.arg(args.at(0)));
    AttachmentClient client(p->api());
    QList<Attachment> list;
    ApiError error;
    bool answered = false;
    QEventLoop loop;
    client.list(ticketId, [&](const QList<Attachment> &l, const ApiError &e) {
        list = l;
        error = e;
        answered = true;
        loop.quit();
    });
    if (!answered)
        loop.exec();
    if (error.httpStatus != 0 || !error.title.isEmpty())
        return fail(ctx, exitFor(error), error.message());
    if (ctx.json) {
        QJsonArray out;
        for (const Attachment &a : std::as_const(list))
            out.append(a.toJson());
        printJson(out);
    } else {
        for (const Attachment &a : std::as_const(list))
            printLine(describe(a));
    }
    return Ok;
}

int runDownload(const Context &ctx, const QStringList &args)
{
    QStringList rest = args;
    QString output;
    for (const QString &flag : {u"-o"_qs, u"--output"_qs}) {
        if (const qsizetype i = rest.indexOf(flag); i >= 0) {
            if (i + 1 >= rest.size())
                return fail(ctx, BadInput, u"%1 needs a file name"_qs.arg(flag));
            output = rest.at(i + 1);
            rest.remove(i, 2);
        }
    }
    if (rest.size() != 1 || !isValidId(rest.at(0)))
        return fail(ctx, BadInput, u"usage: triagectl download ATTACHMENT_ID [-o FILE]"_qs);
    const QString id = rest.at(0).toLower();
    int code = Ok;
    auto p = Profile::open(ctx, true, &code);
    if (!p)
        return code;
    if (output.isEmpty()) {
        // The name the server gave it (a base name, so it stays in this directory).
        const auto known = p->store()->attachments().attachment(id);
        output = known ? attachmentBaseName(known->filename) : id;
    }
    // Written beside the target and renamed at the end: a failed download leaves nothing.
    QSaveFile target(output);
    if (!target.open(QIODevice::WriteOnly))
        return fail(ctx, BadInput, u"cannot write %1: %2"_qs.arg(output, target.errorString()));
    AttachmentClient client(p->api());
    bool ok = false;
    bool answered = false;
    ApiError error;
    QEventLoop loop;
    client.download(id, &target, [&](bool done, const ApiError &e) {
        ok = done;
        error = e;
        answered = true;
        loop.quit();
    });
    if (!answered)
        loop.exec();
    if (!ok) {
        target.cancelWriting();
        return fail(ctx, exitFor(error), error.message());
    }
    if (!target.commit())
        return fail(ctx, Failed, u"cannot write %1: %2"_qs.arg(output, target.errorString()));
    if (ctx.json)
        printJson(QJsonObject {{u"id"_qs, id}, {u"file"_qs, output}, {u"size"_qs, QFileInfo(output).size()}});
    else
        printLine(u"saved %1 (%2)"_qs.arg(output, QLocale::c().formattedDataSize(QFileInfo(output).size())));
    return Ok;
}

} // namespace triage::cli
