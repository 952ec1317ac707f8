#include "AttachmentFiles.h"

#include "AttachmentClient.h"
#include "domain/Time.h"
#include "domain/Uuid.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QTimer>

#include <memory>

namespace triage {

AttachmentFiles::AttachmentFiles(QString directory, QObject *parent)
    : QObject(parent)
    , m_dir(std::move(directory))
{ }

QString AttachmentFiles::pathFor(const Attachment &a) const
{
    // The id is checked (it names a directory) and the name is a base name: never outside m_dir.
    if (!isValidId(a.id))
        return {};
    return m_dir + u'/' + a.id.toLower() + u'/' + attachmentBaseName(a.filename);
}

QString AttachmentFiles::localPath(const Attachment &a) const
{
    const QString path = pathFor(a);
    const QFileInfo info(path);
    return !path.isEmpty() && info.isFile() && info.size() == a.size ? path : QString();
}

std::optional<Attachment> AttachmentFiles::stage(
    const QString &sourcePath, const QString &name, QString *error)
{
    QFile source(sourcePath);
    if (!source.open(QIODevice::ReadOnly)) {
        *error = source.errorString();
        return std::nullopt;
    }
    return stageFrom(source, name.isEmpty() ? QFileInfo(sourcePath).fileName() : name, error);
}

std::optional<Attachment> AttachmentFiles::stageBytes(
    const QByteArray &bytes, const QString &name, QString *error)
{
    QBuffer source;
    source.setData(bytes);
    source.open(QIODevice::ReadOnly);
    return stageFrom(source, name, error);
}

std::optional<Attachment> AttachmentFiles::stageFrom(QIODevice &source, const QString &name, QString *error)
{
    Attachment a;
    a.id = newId();
    a.filename = attachmentBaseName(name);
    a.createdAt = nowMs();
    const QString path = pathFor(a);
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QFileInfo(path).absolutePath();
        return std::nullopt;
    }
    QSaveFile target(path);
    if (!target.open(QIODevice::WriteOnly)) {
        *error = target.errorString();
        return std::nullopt;
    }
    QCryptographicHash sha(QCryptographicHash::Sha256);
    QByteArray head;
    while (!source.atEnd()) {
        const QByteArray piece = source.read(256 * 1024);
        if (piece.isEmpty() && source.atEnd())
            break;
        if (piece.isEmpty() || target.write(piece) != piece.size()) {
            *error = piece.isEmpty() ? source.errorString() : target.errorString();
            target.cancelWriting();
            QDir(QFileInfo(path).absolutePath()).removeRecursively();
            return std::nullopt;
        }
        if (head.isEmpty())
            head = piece.left(4096);
        sha.addData(piece);
        a.size += piece.size();
    }
    if (!target.commit()) {
        *error = target.errorString();
        QDir(QFileInfo(path).absolutePath()).removeRecursively();
        return std::nullopt;
    }
    a.sha256 = QString::fromLatin1(sha.result().toHex());
    // Only for showing it until the server's sniffed type arrives (an image gets a thumbnail).
    a.contentType = QMimeDatabase().mimeTypeForFileNameAndData(a.filename, head).name();
    return a;
}

void AttachmentFiles::discard(const Attachment &a)
{
    if (const QString path = pathFor(a); !path.isEmpty())
        QDir(QFileInfo(path).absolutePath()).removeRecursively();
}

void AttachmentFiles::fetch(const Attachment &a, AttachmentClient *client)
{
    const QString existing = localPath(a);
    const QString path = pathFor(a);
    // Answers come later, as a download's would: callers connect after asking.
    const auto later = [this, id = a.id](Problem problem, const QString &detail) {
        QTimer::singleShot(0, this, [this, id, problem, detail] { Q_EMIT failed(id, problem, detail); });
    };
    if (!existing.isEmpty()) {
        QTimer::singleShot(0, this, [this, id = a.id, existing] { Q_EMIT fetched(id, existing); });
        return;
    }
    if (path.isEmpty())
        return later(Problem::Download, u"not a valid attachment id"_qs);
    if (!client)
        return later(Problem::Offline, {});
    if (m_fetching.contains(a.id))
        return; // its answer comes with the download under way
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return later(Problem::CannotWrite, QFileInfo(path).absolutePath());
    auto target = std::make_shared<QSaveFile>(path);
    if (!target->open(QIODevice::WriteOnly))
        return later(Problem::CannotWrite, target->errorString());
    m_fetching.insert(a.id);
    client->download(a.id, target.get(), [this, target, id = a.id, path](bool ok, const ApiError &error) {
        m_fetching.remove(id);
        if (!ok) {
            target->cancelWriting();
            Q_EMIT failed(id, Problem::Download, error.message());
        } else if (!target->commit()) {
            Q_EMIT failed(id, Problem::CannotWrite, target->errorString());
        } else {
            Q_EMIT fetched(id, path);
        }
    });
}

} // namespace triage
