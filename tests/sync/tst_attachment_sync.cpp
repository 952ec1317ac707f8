// Files attached offline (docs/sync-protocol.md "Attachments in the outbox") against a real triaged
// through a fault proxy: they wait in the profile, upload once the network is back and before the
// comment that names them, exactly once even when an upload's answer is lost, and a file the server
// refuses becomes a conflict without holding back the reply or the rest of the outbox.
#include "FaultProxy.h"
#include "SyncTestClient.h"
#include "TriagedProcess.h"
#include "net/AttachmentClient.h"
#include "net/AttachmentFiles.h"
#include "sync/MutationCodec.h"

#include <QBuffer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

using namespace triage;
using namespace triage::test;

namespace {

constexpr qint64 kLimit = 200 * 1024; // the server's --max-attachment here

QString sha256(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestAttachmentSync : public QObject
{
    Q_OBJECT

    TriagedProcess m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    QTemporaryDir m_files;

    QUrl direct() const { return m_server.baseUrl(); }
    QUrl proxied() const { return QUrl(u"http://127.0.0.1:%1"_qs.arg(m_proxy->port())); }

    QString sourceFile(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_files.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return f.fileName();
    }
    static Attachment staged(SyncClient &c, const QString &path)
    {
        QString error;
        const auto a = AttachmentFiles(c.dir.filePath(u"attachments"_qs)).stage(path, QString(), &error);
        if (!a)
            qWarning("stage: %s", qPrintable(error));
        return a.value_or(Attachment {});
    }
    static QString someTicket(SyncClient &c)
    {
        QString id;
        c.store->tickets().forEachTicket([&](Ticket &&t) {
            if (id.isEmpty() && t.status != TicketStatus::Closed)
                id = t.id;
        });
        return id;
    }
    // The server's files of a ticket, as agent1 sees them.
    QJsonArray serverFiles(const QString &ticketId)
    {
        TestClient rest(direct());
        if (!rest.login(u"agent1"_qs))
            return {};
        return rest.get(u"/api/v1/tickets/%1/attachments"_qs.arg(ticketId))
            .json()
            .value(u"attachments"_qs)
            .toArray();
    }
    void offline()
    {
        m_proxy->setMode(FaultProxy::Mode::Refuse);
        m_proxy->closeAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        TriagedProcess::Options opts;
        opts.extraArgs = {u"--max-attachment"_qs, QString::number(kLimit)};
        QVERIFY2(m_server.start(opts), qPrintable(m_server.error()));
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        QVERIFY(m_proxy->listen());
    }
    void init()
    {
        m_proxy->setMode(FaultProxy::Mode::Pass);
        m_proxy->setMatch({});
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("triaged said:\n%s", m_server.stderrLog().right(3000).constData());
    }

    // AttachmentClient sends a file on disk mapped and anything else as a device; both must arrive
    // byte for byte, and a QFile already read part-way sends only what is left.
    void clientUploadsMappedFilesAndDevices()
    {
        SyncClient c;
        QVERIFY(c.open(direct(), direct(), u"agent1"_qs));
        QVERIFY(c.sync());
        // Not someTicket(): the other cases count that ticket's files.
        const QString theirs = someTicket(c);
        QString ticket;
        c.store->tickets().forEachTicket([&](Ticket &&t) {
            if (t.status != TicketStatus::Closed && t.id != theirs)
                ticket = t.id;
        });
        QVERIFY(!ticket.isEmpty());
        AttachmentClient client(c.api.get());
        QByteArray bytes(150 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 131) ^ (i >> 7));
        const auto send = [&](QIODevice *device, const QString &name) -> std::optional<Attachment> {
            std::optional<Attachment> out;
            bool finished = false;
            client.upload(
                ticket, device, name, {}, [&](const std::optional<Attachment> &a, const ApiError &e) {
                    if (!a)
                        qWarning("upload %s: %s", qPrintable(name), qPrintable(e.message()));
                    out = a;
                    finished = true;
                });
            if (!QTest::qWaitFor([&] { return finished; }, 20000))
                return std::nullopt;
            return out;
        };
        QFile whole(sourceFile(u"whole.bin"_qs, bytes));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const auto mapped = send(&whole, u"whole.bin"_qs);
        QVERIFY(mapped);
        QCOMPARE(mapped->size, bytes.size());
        QCOMPARE(mapped->sha256, sha256(bytes));

        QFile tail(sourceFile(u"tail.bin"_qs, bytes));
        QVERIFY(tail.open(QIODevice::ReadOnly));
        QVERIFY(tail.seek(1000));
        const auto rest = send(&tail, u"tail.bin"_qs);
        QVERIFY(rest);
        QCOMPARE(rest->sha256, sha256(bytes.mid(1000)));

        QBuffer buffer;
        buffer.setData(bytes.left(70000));
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const auto device = send(&buffer, u"buffer.bin"_qs);
        QVERIFY(device);
        QCOMPARE(device->sha256, sha256(bytes.left(70000)));

        QFile empty(sourceFile(u"empty.txt"_qs, {}));
        QVERIFY(empty.open(QIODevice::ReadOnly));
        const auto none = send(&empty, u"empty.txt"_qs);
        QVERIFY(none);
        QCOMPARE(none->size, 0);
    }
    void offlineFilesUploadBeforeTheirComment()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        const QString ticket = someTicket(a);
        QVERIFY(!ticket.isEmpty());

        offline();
        const QByteArray log = QByteArray("vpnclient: error 809\n").repeated(2000);
        const QByteArray picture
            = QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQV"
                                     "R42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        const Attachment first = staged(a, sourceFile(u"vpnclient.log"_qs, log));
        const Attachment second = staged(a, sourceFile(u"снимок экрана.png"_qs, picture));
        QVERIFY(!first.id.isEmpty() && !second.id.isEmpty());
        const auto comment
            = a.editor->addComment(ticket, u"Log and screenshot attached"_qs, true, {first, second});
        QVERIFY(comment);
        // Two uploads ahead of the comment that names them, in the order attached.
        const QList<OutboxEntry> queued = a.store->outbox().pending();
        QCOMPARE(queued.size(), 3);
        QCOMPARE(queued.at(0).type, QString(kAttachmentUploadType.toString()));
        QCOMPARE(queued.at(1).type, QString(kAttachmentUploadType.toString()));
        QCOMPARE(queued.at(2).type, u"comment.create"_qs);
        // Shown under the comment at once, from the profile's copy.
        QCOMPARE(a.store->attachments().forComment(comment->id).size(), 2);
        QVERIFY(!a.sync()); // still offline
        QCOMPARE(serverFiles(ticket).size(), 0);

        m_proxy->setMode(FaultProxy::Mode::Pass);
        QSignalSpy uploaded(a.engine.get(), &SyncEngine::uploaded);
        QVERIFY(a.sync());
        QCOMPARE(uploaded.size(), 2);
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(a.store->outbox().conflictCount(), 0);
        const QJsonArray files = serverFiles(ticket);
        QCOMPARE(files.size(), 2);
        for (const QJsonValue &f : files) {
            QCOMPARE(f[u"comment_id"_qs].toString(), comment->id);
            QVERIFY(f[u"id"_qs].toString() == first.id || f[u"id"_qs].toString() == second.id);
        }
        TestClient rest(direct());
        QVERIFY(rest.login(u"agent1"_qs));
        const HttpResult bytes = rest.get(u"/api/v1/attachments/"_qs + second.id);
        QCOMPARE(bytes.status, 200);
        QCOMPARE(sha256(bytes.body), sha256(picture));
        // The feed brought the server's metadata back: still under the comment, sniffed type.
        const auto cached = a.store->attachments().attachment(second.id);
        QVERIFY(cached);
        QCOMPARE(cached->commentId, comment->id);
        QCOMPARE(cached->contentType, u"image/png"_qs);
        // The client sequence stayed gapless past the uploads: the next change goes through.
        QVERIFY(a.editor->addComment(ticket, u"And one more thing"_qs, false));
        QVERIFY(a.sync());
        QCOMPARE(a.store->outbox().conflictCount(), 0);
    }

    // The upload reached the server but its answer did not (connection killed): the retry gets the
    // same attachment back, so the ticket holds it once, linked to its comment.
    void retryAfterKilledConnectionDoesNotDuplicate()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        const QString ticket = someTicket(a);
        const int before = static_cast<int>(serverFiles(ticket).size());
        const Attachment file = staged(a, sourceFile(u"report.pdf"_qs, QByteArray(120 * 1024, 'r')));
        const auto comment = a.editor->addComment(ticket, u"Report attached"_qs, true, {file});
        QVERIFY(comment);

        m_proxy->setMatch("/attachments HTTP/1.1");
        m_proxy->setMode(FaultProxy::Mode::DropResponse);
        QVERIFY(!a.sync());
        QVERIFY(m_proxy->faultsInjected() > 0);
        QCOMPARE(serverFiles(ticket).size(), before + 1); // it did arrive
        QCOMPARE(a.store->outbox().pendingCount(), 2); // but the client does not know

        m_proxy->setMode(FaultProxy::Mode::Pass);
        QVERIFY(a.sync());
        const QJsonArray files = serverFiles(ticket);
        QCOMPARE(files.size(), before + 1);
        int mine = 0;
        for (const QJsonValue &f : files) {
            if (f[u"id"_qs].toString() == file.id) {
                ++mine;
                QCOMPARE(f[u"comment_id"_qs].toString(), comment->id);
            }
        }
        QCOMPARE(mine, 1);
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        QCOMPARE(a.store->outbox().conflictCount(), 0);
    }

    // Too large for this server: kept as a conflict the agent sees, the reply goes without it, and
    // what was queued after it is not held back.
    void refusedUploadDoesNotBlockTheOutbox()
    {
        SyncClient a;
        QVERIFY(a.open(direct(), proxied(), u"agent1"_qs));
        QVERIFY(a.sync());
        const QString ticket = someTicket(a);
        offline();
        const Attachment big = staged(a, sourceFile(u"disk image.iso"_qs, QByteArray(kLimit + 1, 'i')));
        const Attachment small = staged(a, sourceFile(u"notes.txt"_qs, "fits"));
        const auto comment = a.editor->addComment(ticket, u"Two files"_qs, true, {big, small});
        QVERIFY(comment);
        QVERIFY(a.editor->changeTags(ticket, {u"attachments-test"_qs}, {}));
        m_proxy->setMode(FaultProxy::Mode::Pass);
        QSignalSpy refused(a.engine.get(), &SyncEngine::uploadRefused);
        QVERIFY(a.sync());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).toString(), u"disk image.iso"_qs);
        QCOMPARE(refused.at(0).at(1).toJsonObject().value(u"status"_qs).toInt(), 413);
        QCOMPARE(a.store->outbox().pendingCount(), 0);
        const QList<SyncConflict> conflicts = a.store->outbox().conflicts();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(
            conflicts.at(0).mutation.value(u"type"_qs).toString(), QString(kAttachmentUploadType.toString()));
        QVERIFY(!a.store->attachments().attachment(big.id)); // no longer shown as if on its way
        // The reply and the small file made it; so did the tag queued after them.
        bool smallLinked = false;
        for (const QJsonValue &f : serverFiles(ticket)) {
            QVERIFY(f[u"id"_qs].toString() != big.id);
            smallLinked = smallLinked
                || (f[u"id"_qs].toString() == small.id && f[u"comment_id"_qs].toString() == comment->id);
        }
        QVERIFY(smallLinked);
        TestClient rest(direct());
        QVERIFY(rest.login(u"agent1"_qs));
        const QJsonObject t = rest.get(u"/api/v1/tickets/"_qs + ticket).json();
        QVERIFY(t.value(u"tags"_qs).toArray().contains(u"attachments-test"_qs));
    }
};

QTEST_MAIN(TestAttachmentSync)
#include "tst_attachment_sync.moc"
