#include "ComposerAttachments.h"

#include "net/AttachmentFiles.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QMimeData>
#include <QUrl>

namespace triage {

ComposerAttachments::ComposerAttachments(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_staging(new AttachmentFiles(directory, this))
{ }

ComposerAttachments::~ComposerAttachments()
{
    for (const Attachment &a : std::as_const(m_files))
        m_staging->discard(a); // never sent: the copy goes
}

bool ComposerAttachments::addFiles(const QStringList &paths)
{
    bool ok = true;
    for (const QString &path : paths) {
        if (QFileInfo(path).isDir()) {
            Q_EMIT problem(
                tr("“%1” is a folder; attach the files in it instead.").arg(QFileInfo(path).fileName()));
            ok = false;
            continue;
        }
        QString error;
        if (const auto a = m_staging->stage(path, QString(), &error)) {
            m_files.append(*a);
        } else {
            Q_EMIT problem(tr("Could not attach “%1”: %2").arg(QFileInfo(path).fileName(), error));
            ok = false;
        }
    }
    Q_EMIT changed();
    return ok;
}

bool ComposerAttachments::addImage(const QImage &image)
{
    if (image.isNull())
        return false;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    const QString name
        = u"screenshot-%1.png"_qs.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_qs));
    QString error;
    const auto a = m_staging->stageBytes(png, name, &error);
    if (!a) {
        Q_EMIT problem(tr("Could not attach the pasted picture: %1").arg(error));
        return false;
    }
    m_files.append(*a);
    Q_EMIT changed();
    return true;
}

bool ComposerAttachments::carriesFiles(const QMimeData *data)
{
    if (!data)
        return false;
    if (data->hasImage())
        return true;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile())
            return true;
    }
    return false;
}

bool ComposerAttachments::addMimeData(const QMimeData *data)
{
    if (!carriesFiles(data))
        return false;
    QStringList paths;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    // A file manager's copy carries both the file and its icon as an image: the file wins.
    if (!paths.isEmpty())
        return addFiles(paths);
    return addImage(qvariant_cast<QImage>(data->imageData()));
}

void ComposerAttachments::remove(int index)
{
    if (index < 0 || index >= m_files.size())
        return;
    m_staging->discard(m_files.takeAt(index));
    Q_EMIT changed();
}

QList<Attachment> ComposerAttachments::take()
{
    QList<Attachment> out = std::exchange(m_files, {});
    Q_EMIT changed();
    return out;
}

QString ComposerAttachments::chipText(const Attachment &file)
{
    return tr("%1 (%2)").arg(file.filename, QLocale().formattedDataSize(file.size));
}

} // namespace triage
