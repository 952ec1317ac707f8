#include "ThumbnailCache.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QRunnable>
#include <QThreadPool>

namespace triage {

ThumbnailCache::ThumbnailCache(QString directory, QObject *parent)
    : QObject(parent)
    , m_dir(std::move(directory))
{
    m_pool.setMaxThreadCount(1); // thumbnails one after the other; the GUI keeps the other core
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.waitForDone(); // at most the pictures being scaled now
}

QImage ThumbnailCache::scale(const QString &source)
{
    QImageReader reader(source);
    reader.setAutoTransform(true); // phone photos stand the right way up
    // Decoded at thumbnail size where the format allows it (JPEG scales while decoding): a 12 MP
    // photo never becomes a 48 MB image in memory.
    const QSize full = reader.size();
    if (full.isValid()) {
        const QSize fit = full.scaled(QSize(kMaxWidth, kMaxHeight), Qt::KeepAspectRatio);
        if (fit.width() < full.width())
            reader.setScaledSize(fit);
    }
    QImage image = reader.read();
    if (image.isNull())
        return {};
    if (image.width() > kMaxWidth || image.height() > kMaxHeight)
        image = image.scaled(kMaxWidth, kMaxHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

QImage ThumbnailCache::thumbnail(const QString &attachmentId, const QString &source)
{
    if (const auto it = m_images.constFind(attachmentId); it != m_images.cend())
        return *it;
    if (m_pending.contains(attachmentId) || m_broken.contains(attachmentId) || source.isEmpty())
        return {};
    m_pending.insert(attachmentId);
    const QString stored = m_dir + u'/' + attachmentId.toLower() + u".png"_qs;
    m_pool.start(QRunnable::create([this, attachmentId, source, stored] {
        QImage image;
        if (QFileInfo::exists(stored))
            image = QImage(stored);
        if (image.isNull()) {
            image = scale(source);
            if (!image.isNull() && QDir().mkpath(QFileInfo(stored).absolutePath()))
                image.save(stored, "PNG"); // a failed save only costs scaling again next time
        }
        // Back on the cache's thread (the destructor waits for this task, and Qt drops the posted
        // call when the cache is deleted before it runs).
        QMetaObject::invokeMethod(
            this, [this, attachmentId, image] { finished(attachmentId, image); }, Qt::QueuedConnection);
    }));
    return {};
}

void ThumbnailCache::finished(const QString &attachmentId, const QImage &thumbnail)
{
    m_pending.remove(attachmentId);
    if (thumbnail.isNull()) {
        m_broken.insert(attachmentId);
        Q_EMIT failed(attachmentId);
        return;
    }
    m_images.insert(attachmentId, thumbnail);
    Q_EMIT ready(attachmentId, thumbnail);
}

} // namespace triage
