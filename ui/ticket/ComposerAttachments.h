#pragma once

#include "domain/Attachment.h"

#include <QList>
#include <QObject>
#include <QStringList>

class QImage;
class QMimeData;

namespace triage {

class AttachmentFiles;

// The files attached to the reply being written (paperclip, drag and drop, a pasted screenshot),
// shown as chips until it is sent. Each is copied into the profile at once (AttachmentFiles::stage),
// so it can be sent offline and the original may move; removing a chip deletes that copy, as does
// closing the ticket without sending. Sending takes them (TicketController::send).
class ComposerAttachments final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerAttachments)

public:
    ComposerAttachments(const QString &directory, QObject *parent = nullptr);
    ~ComposerAttachments() override;

    const QList<Attachment> &files() const { return m_files; }
    bool isEmpty() const { return m_files.isEmpty(); }
    // Local files (paths); false when one could not be read (problem() says which).
    bool addFiles(const QStringList &paths);
    // A picture from the clipboard, as a PNG named after the moment it was pasted.
    bool addImage(const QImage &image);
    // What a drop or a paste carries that becomes files: local file URLs or an image. False: nothing.
    bool addMimeData(const QMimeData *data);
    static bool carriesFiles(const QMimeData *data);
    void remove(int index);
    // The files for sending: the list empties, the copies stay (they are the comment's now).
    QList<Attachment> take();
    // The translated chip text: "name (12 KB)".
    static QString chipText(const Attachment &file);

Q_SIGNALS:
    void changed();
    // Translated, one sentence.
    void problem(const QString &sentence);

private:
    AttachmentFiles *m_staging;
    QList<Attachment> m_files;
};

} // namespace triage
