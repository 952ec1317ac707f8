#pragma once

#include "domain/Attachment.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

class QIODevice;

namespace triage {

class AttachmentClient;

// The profile's copies of attachment bytes, `<dir>/<attachment id>/<file name>`: downloaded on
// demand (never synced), then kept, so a file once opened opens again offline. A copy counts only
// when its size is the attachment's (a download is written beside it and renamed at its end).
class AttachmentFiles final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentFiles)

public:
    // Why a copy could not be had; the ui words it (translations stay there).
    enum class Problem {
        Offline, // not downloaded yet, and no server connection
        CannotWrite, // the profile's directory is not writable (detail: the system's words)
        Download, // the server or the network refused (detail: its problem text)
    };
    Q_ENUM(Problem)

    explicit AttachmentFiles(QString directory, QObject *parent = nullptr);

    // Copies a file the agent attaches into the profile under a new attachment id, where it waits
    // for its upload and then stays as the downloaded copy: the metadata of that copy (id, file name,
    // size, sha256, a content type guessed from the name and bytes; the server sniffs its own), or
    // nullopt and `error` (the system's words). `name` empty: the source's file name.
    std::optional<Attachment> stage(const QString &sourcePath, const QString &name, QString *error);
    // The same for bytes held in memory (a pasted screenshot).
    std::optional<Attachment> stageBytes(const QByteArray &bytes, const QString &name, QString *error);
    // Removes a staged copy that will not be sent (a chip removed before sending).
    void discard(const Attachment &attachment);
    const QString &directory() const { return m_dir; }
    // Where the profile's copy of `attachment` is or goes (empty for an invalid id).
    QString pathFor(const Attachment &attachment) const;

    // The local copy, or empty when there is none yet.
    QString localPath(const Attachment &attachment) const;
    bool isFetching(const QString &attachmentId) const { return m_fetching.contains(attachmentId); }
    // Downloads through `client` (checked against the server's sha256) unless the copy exists:
    // answers with fetched() or failed(), never inside this call.
    void fetch(const Attachment &attachment, AttachmentClient *client);

Q_SIGNALS:
    void fetched(const QString &attachmentId, const QString &path);
    void failed(const QString &attachmentId, triage::AttachmentFiles::Problem problem, const QString &detail);

private:
    std::optional<Attachment> stageFrom(QIODevice &source, const QString &name, QString *error);

    QString m_dir;
    QSet<QString> m_fetching;
};

} // namespace triage
