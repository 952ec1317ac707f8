#include "DemoAttachments.h"

#include "domain/Uuid.h"
#include "store/LocalCache.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>

namespace triage {

namespace {

// A requester's screenshot of a failing VPN client: a window with its error.
QByteArray demoScreenshot()
{
    QImage image(640, 400, QImage::Format_RGB32);
    image.fill(QColor(0x2d, 0x5f, 0x8a));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect window(110, 80, 420, 230);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xf4, 0xf4, 0xf4));
    p.drawRoundedRect(window, 8, 8);
    p.setBrush(QColor(0x3a, 0x3a, 0x3a));
    p.drawRoundedRect(QRect(window.left(), window.top(), window.width(), 34), 8, 8);
    p.drawRect(QRect(window.left(), window.top() + 20, window.width(), 14));
    p.setBrush(QColor(0xd5, 0x5e, 0x00));
    p.drawEllipse(QRect(window.left() + 30, window.top() + 70, 64, 64));
    p.setPen(QPen(Qt::white, 8, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(window.left() + 48, window.top() + 88, window.left() + 76, window.top() + 116);
    p.drawLine(window.left() + 76, window.top() + 88, window.left() + 48, window.top() + 116);
    p.setPen(QColor(0x22, 0x22, 0x22));
    QFont f = p.font();
    f.setPixelSize(20);
    f.setBold(true);
    p.setFont(f);
    p.drawText(
        QRect(window.left() + 115, window.top() + 70, 290, 30), Qt::AlignLeft, u"Connection failed"_qs);
    f.setBold(false);
    f.setPixelSize(15);
    p.setFont(f);
    p.drawText(QRect(window.left() + 115, window.top() + 104, 290, 60), Qt::TextWordWrap,
        u"VPN error 809: the remote server is not responding."_qs);
    p.setBrush(QColor(0x00, 0x72, 0xb2));
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRect(window.right() - 110, window.bottom() - 50, 90, 32), 4, 4);
    p.setPen(Qt::white);
    p.drawText(QRect(window.right() - 110, window.bottom() - 50, 90, 32), Qt::AlignCenter, u"Retry"_qs);
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QByteArray demoLog()
{
    QByteArray log;
    for (int i = 0; i < 24; ++i)
        log += "2026-12-07 08:" + QByteArray::number(10 + i).rightJustified(2, '0')
            + ":03 vpnclient[4411]: IKEv2 SA_INIT to vpn.example.test timed out (attempt "
            + QByteArray::number(i + 1) + ")\n";
    return log + "2026-12-07 08:34:03 vpnclient[4411]: giving up: error 809\n";
}

} // namespace

bool isDemoAttachmentReply(const Ticket &ticket, const Comment &comment)
{
    return ticket.channel == Channel::Email && ticket.status != TicketStatus::Resolved
        && ticket.status != TicketStatus::Closed && comment.isPublic && comment.authorId == ticket.requesterId
        && comment.body.contains(u" wrote:\n>"_qs);
}

bool addDemoAttachments(
    LocalCache *store, const QString &directory, const QList<Comment> &replies, QString *error)
{
    const QByteArray png = demoScreenshot();
    const QByteArray log = demoLog();
    QList<QJsonObject> files;
    const auto add = [&](const Comment &c, const QString &name, const QString &type,
                         const QByteArray &bytes) {
        Attachment a;
        a.id = newId();
        a.ticketId = c.ticketId;
        a.commentId = c.id;
        a.filename = name;
        a.size = bytes.size();
        a.contentType = type;
        a.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        a.createdAt = c.createdAt;
        a.createdBy = c.authorId;
        const QString dir = directory + u'/' + a.id;
        QFile f(dir + u'/' + name);
        if (!QDir().mkpath(dir) || !f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            *error = f.errorString();
            return false;
        }
        files << a.toJson();
        return true;
    };
    bool ok = true;
    for (const Comment &c : replies) {
        ok = add(c, u"vpn-error.png"_qs, u"image/png"_qs, png)
            && add(c, u"vpnclient.log"_qs, u"text/plain"_qs, log);
        if (!ok)
            break;
    }
    if (ok && !store->referenceData().putEntities(u"attachment"_qs, files)) {
        *error = store->lastError();
        return false;
    }
    return ok;
}

} // namespace triage
