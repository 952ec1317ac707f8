#include "AttachmentClient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace triage {

QByteArray multipartFilename(const QString &name)
{
    QByteArray out = attachmentBaseName(name).toUtf8();
    for (char &c : out) {
        if (c == '"' || c == '\\' || c == '\r' || c == '\n')
            c = '_';
    }
    return out;
}

AttachmentClient::AttachmentClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

QNetworkReply *AttachmentClient::upload(const QString &ticketId, QIODevice *file, const QString &filename,
    const QString &commentId, Uploaded done, const QString &attachmentId, bool internal)
{
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    if (internal) {
        QHttpPart flag;
        flag.setRawHeader("Content-Disposition", "form-data; name=\"internal\"");
        flag.setBody("true");
        multi->append(flag);
    }
    if (!attachmentId.isEmpty()) {
        QHttpPart id;
        id.setRawHeader("Content-Disposition", "form-data; name=\"id\"");
        id.setBody(attachmentId.toUtf8());
        multi->append(id);
    }
    if (!commentId.isEmpty()) {
        QHttpPart comment;
        comment.setRawHeader("Content-Disposition", "form-data; name=\"comment_id\"");
        comment.setBody(commentId.toUtf8());
        multi->append(comment);
    }
    QHttpPart part;
    part.setRawHeader(
        "Content-Disposition", "form-data; name=\"file\"; filename=\"" + multipartFilename(filename) + '"');
    part.setRawHeader("Content-Type", "application/octet-stream");
    // A file on disk is mapped, not read: QHttpMultiPart sends a mapped body about twice as fast as it
    // reads a device (triage-bench attachments: ~75 → ~150 MB/s), and the pages are the page
    // cache's, not the heap's. The mapping lives as long as `file` (the caller keeps it open until
    // `done`). Anything else (a pipe, a buffer) is read as it is sent, never loaded whole.
    auto *onDisk = qobject_cast<QFile *>(file);
    const qint64 size = onDisk ? onDisk->size() - onDisk->pos() : 0;
    uchar *mapped = size > 0 ? onDisk->map(onDisk->pos(), size) : nullptr;
    if (mapped)
        part.setBody(QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), size));
    else
        part.setBodyDevice(file);
    multi->append(part);

    QNetworkRequest req(m_api->urlFor(u"tickets/%1/attachments"_qs.arg(ticketId)));
    req.setRawHeader("Accept", "application/json, application/problem+json");
    req.setRawHeader("Authorization", m_api->authorization());
    // A large file takes time on a slow line: only a stall (no bytes for this long) ends it.
    req.setTransferTimeout(60000);
    QNetworkReply *reply = m_api->network()->post(req, multi);
    multi->setParent(reply);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        const ApiResponse r = ApiClient::parseReply(reply);
        reply->deleteLater();
        if (!r.ok())
            return done(std::nullopt, r.error);
        FieldErrors errors;
        const auto a = Attachment::fromJson(r.json.object(), &errors);
        ApiError e;
        if (!a) {
            e.httpStatus = 502;
            e.title = u"Unreadable response from the server"_qs;
        }
        done(a, e);
    });
    return reply;
}

void AttachmentClient::list(const QString &ticketId, Listed done)
{
    m_api->request("GET", u"tickets/%1/attachments"_qs.arg(ticketId), {}, {},
        [done = std::move(done)](const ApiResponse &r) {
            QList<Attachment> out;
            if (!r.ok())
                return done(out, r.error);
            for (const QJsonValue &v : r.json.object().value(u"attachments"_qs).toArray()) {
                if (const auto a = Attachment::fromJson(v.toObject(), nullptr))
                    out.append(*a);
            }
            done(out, {});
        });
}

void AttachmentClient::download(const QString &attachmentId, QIODevice *target, Downloaded done)
{
    QNetworkRequest req(m_api->urlFor(u"attachments/%1"_qs.arg(attachmentId)));
    req.setRawHeader("Authorization", m_api->authorization());
    req.setTransferTimeout(60000);
    QNetworkReply *reply = m_api->network()->get(req);
    auto sha = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
    auto writeFailed = std::make_shared<bool>(false);
    const auto drain = [reply, target, sha, writeFailed] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200)
            return; // a problem document: parsed at the end
        while (reply->bytesAvailable() > 0) {
            const QByteArray piece = reply->read(256 * 1024);
            sha->addData(piece);
            if (!*writeFailed && target->write(piece) != piece.size())
                *writeFailed = true;
        }
    };
    connect(reply, &QNetworkReply::readyRead, this, drain);
    connect(reply, &QNetworkReply::finished, this, [reply, drain, sha, writeFailed, done = std::move(done)] {
        drain();
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        ApiError e;
        if (status != 200 || reply->error() != QNetworkReply::NoError) {
            const ApiResponse r = ApiClient::parseReply(reply);
            e = r.ok() ? ApiError {0, {}, reply->errorString(), reply->errorString()} : r.error;
            if (e.title.isEmpty())
                e.title = reply->errorString();
            return done(false, e);
        }
        if (*writeFailed) {
            e.title = u"Cannot write the file"_qs;
            return done(false, e);
        }
        const QByteArray expected = reply->rawHeader("ETag").replace('"', "").trimmed().toLower();
        if (!expected.isEmpty() && sha->result().toHex() != expected) {
            e.httpStatus = 502;
            e.title = u"The download does not match the server's sha256"_qs;
            return done(false, e);
        }
        done(true, e);
    });
}

} // namespace triage
