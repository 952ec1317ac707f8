// Attachments against a real triaged (SQLite, and PostgreSQL as tst_server_attachments_pg): upload,
// list and download with the sha256 checked, who may see which file (a requester never gets an
// internal note's), the size limit (a custom --max-attachment: 413 at limit + 1), bad and cut-off
// uploads leaving nothing behind, deduplication, the change feed, triagectl, and on PostgreSQL two
// instances sharing every file through the database.
#include "RawHttp.h"
#include "ServerTestBase.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

using namespace triage::test;

namespace {

constexpr qint64 kLimit = 1024 * 1024 + 7; // a custom limit, not a multiple of the chunk size

struct Part {
    QByteArray name;
    QByteArray filename; // empty: a plain field
    QByteArray body;
    QByteArray contentType = "application/octet-stream";
};

const QByteArray kBoundary = "----triage-test-boundary-7MA4YWxkTrZu0gW";

QByteArray multipart(const QList<Part> &parts)
{
    QByteArray out;
    for (const Part &p : parts) {
        out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + '"';
        if (!p.filename.isNull())
            out += "; filename=\"" + p.filename + "\"\r\nContent-Type: " + p.contentType;
        out += "\r\n\r\n" + p.body + "\r\n";
    }
    return out + "--" + kBoundary + "--\r\n";
}

QHash<QByteArray, QByteArray> multipartHeaders()
{
    return {{"content-type", "multipart/form-data; boundary=" + kBoundary}};
}

QByteArray randomBytes(qint64 n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
    for (qint64 i = n / 4 * 4; i < n; ++i)
        b[i] = char(gen.generate());
    return b;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString sha256(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestServerAttachments : public QObject
{
    Q_OBJECT

private:
    TriagedProcess m_server;
    QString m_databaseUrl;
    std::unique_ptr<TestClient> m_admin, m_requester, m_otherRequester;
    QString m_ticket; // requester01's ticket, in IT

    HttpResult upload(TestClient &c, const QString &ticketId, const QList<Part> &parts)
    {
        return c.send(
            "POST", u"/api/v1/tickets/%1/attachments"_qs.arg(ticketId), multipart(parts), multipartHeaders());
    }
    HttpResult uploadFile(TestClient &c, const QString &ticketId, const QByteArray &filename,
        const QByteArray &bytes, const QString &commentId = {})
    {
        QList<Part> parts;
        if (!commentId.isEmpty())
            parts.append({"comment_id", {}, commentId.toUtf8()});
        parts.append({"file", filename, bytes});
        return upload(c, ticketId, parts);
    }
    QJsonArray listed(TestClient &c, const QString &ticketId)
    {
        const HttpResult r = c.get(u"/api/v1/tickets/%1/attachments"_qs.arg(ticketId));
        if (r.status != 200)
            qWarning("list: %d %s", r.status, r.body.constData());
        return r.json().value(u"attachments"_qs).toArray();
    }
    qint64 count(const QString &sql)
    {
        QSqlDatabase db = serverDatabase(u"attachments_test"_qs, m_databaseUrl, m_server.dataDir());
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next()) {
            qWarning("%s failed", qPrintable(sql));
            return -1;
        }
        return q.value(0).toLongLong();
    }
    qint64 chunkRows() { return count(u"SELECT COUNT(*) FROM attachment_chunks"_qs); }
    qint64 attachmentRows() { return count(u"SELECT COUNT(*) FROM attachments"_qs); }
    QString addComment(const QString &ticketId, bool isPublic, const QString &body)
    {
        const HttpResult r = m_admin->post(u"/api/v1/tickets/%1/comments"_qs.arg(ticketId),
            QJsonObject {{u"body"_qs, body}, {u"public"_qs, isPublic}});
        if (r.status != 201)
            qWarning("comment: %d %s", r.status, r.body.constData());
        return r.json().value(u"id"_qs).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIAGE_PG_DATABASE_IF_PG_BUILD(m_databaseUrl);
        TriagedProcess::Options o;
        o.databaseUrl = m_databaseUrl;
        o.extraArgs = {u"--max-attachment"_qs, QString::number(kLimit)};
        TRIAGE_START_SERVER(m_server, o);
        m_admin = signedInClient(m_server.baseUrl(), u"admin"_qs);
        m_requester = signedInClient(m_server.baseUrl(), u"requester01"_qs);
        m_otherRequester = signedInClient(m_server.baseUrl(), u"requester02"_qs);
        QVERIFY(!m_admin->token().isEmpty() && !m_requester->token().isEmpty());
        m_ticket
            = createTicketAs(*m_requester, u"Printer on fire, photos attached"_qs).value(u"id"_qs).toString();
        QVERIFY(!m_ticket.isEmpty());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("triaged said:\n%s", m_server.stderrLog().right(3000).constData());
    }

    void cleanupTestCase() { closeServerDatabase(u"attachments_test"_qs); }

    void roundTrip()
    {
        // Three chunks and a bit; a hostile name: a path, quotes and SQL.
        const QByteArray bytes = randomBytes(700 * 1024 + 13, 1);
        const HttpResult up
            = uploadFile(*m_admin, m_ticket, "../../etc/pass'wd; DROP TABLE attachments;--.bin", bytes);
        QCOMPARE(up.status, 201);
        const QJsonObject a = up.json();
        QCOMPARE(a.value(u"filename"_qs).toString(), u"pass'wd; DROP TABLE attachments;--.bin"_qs);
        QCOMPARE(a.value(u"size"_qs).toInteger(), bytes.size());
        QCOMPARE(a.value(u"sha256"_qs).toString(), sha256(bytes));
        QCOMPARE(a.value(u"content_type"_qs).toString(), u"application/octet-stream"_qs);
        QVERIFY(a.value(u"comment_id"_qs).isNull());
        const QString id = a.value(u"id"_qs).toString();

        bool found = false;
        for (const QJsonValue &v : listed(*m_requester, m_ticket))
            found = found || v[u"id"_qs].toString() == id;
        QVERIFY(found);

        const HttpResult down = m_requester->get(u"/api/v1/attachments/"_qs + id);
        QCOMPARE(down.status, 200);
        QCOMPARE(down.body.size(), bytes.size());
        QCOMPARE(sha256(down.body), sha256(bytes));
        QCOMPARE(down.header("content-length").toLongLong(), bytes.size());
        QCOMPARE(down.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(down.header("etag"), '"' + sha256(bytes).toLatin1() + '"');
        QVERIFY2(
            down.header("content-disposition").startsWith("attachment;"), down.header("content-disposition"));
        QVERIFY(down.header("content-disposition").contains("filename*=UTF-8''pass%27wd%3B%20DROP%20TABLE"));
        // The ETag answers a repeated download.
        QCOMPARE(m_requester->get(u"/api/v1/attachments/"_qs + id, {{"if-none-match", down.header("etag")}})
                     .status,
            304);
        QCOMPARE(attachmentRows() > 0, true); // the table survived its name in a file name
    }

    void contentTypeIsSniffed()
    {
        // A PNG declared as text, with a UTF-8 name: the server trusts the bytes, not the sender.
        const QByteArray png = QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQV"
                                                      "R42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        const HttpResult up
            = upload(*m_admin, m_ticket, {{"file", u"снимок экрана.png"_qs.toUtf8(), png, "text/plain"}});
        QCOMPARE(up.status, 201);
        QCOMPARE(up.json().value(u"content_type"_qs).toString(), u"image/png"_qs);
        QCOMPARE(up.json().value(u"filename"_qs).toString(), u"снимок экрана.png"_qs);
        const HttpResult down
            = m_admin->get(u"/api/v1/attachments/"_qs + up.json().value(u"id"_qs).toString());
        QCOMPARE(down.status, 200);
        QCOMPARE(down.header("content-type"), QByteArray("image/png"));
        QVERIFY(down.header("content-disposition")
                    .contains("filename*=UTF-8''%D1%81%D0%BD%D0%B8%D0%BC%D0%BE%D0%BA%20%D1%8D"));
        // A page that would run in a browser is served as bytes.
        const HttpResult html = uploadFile(*m_admin, m_ticket, "page.html",
            "<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>\n");
        QCOMPARE(html.status, 201);
        QCOMPARE(html.json().value(u"content_type"_qs).toString(), u"text/html"_qs);
        QCOMPARE(m_admin->get(u"/api/v1/attachments/"_qs + html.json().value(u"id"_qs).toString())
                     .header("content-type"),
            QByteArray("application/octet-stream"));
    }

    void visibility()
    {
        const QString note = addComment(m_ticket, false, u"Internal: the vendor's invoice"_qs);
        const QString reply = addComment(m_ticket, true, u"Here is the manual"_qs);
        QVERIFY(!note.isEmpty() && !reply.isEmpty());
        const HttpResult onNote = uploadFile(*m_admin, m_ticket, "invoice.pdf", "%PDF-1.4 secret", note);
        const HttpResult onReply = uploadFile(*m_admin, m_ticket, "manual.txt", "read me\n", reply);
        QCOMPARE(onNote.status, 201);
        QCOMPARE(onReply.status, 201);
        QCOMPARE(onNote.json().value(u"comment_id"_qs).toString(), note);
        const QString noteFile = onNote.json().value(u"id"_qs).toString();
        const QString replyFile = onReply.json().value(u"id"_qs).toString();

        QStringList requesterSees, adminSees;
        for (const QJsonValue &v : listed(*m_requester, m_ticket))
            requesterSees << v[u"id"_qs].toString();
        for (const QJsonValue &v : listed(*m_admin, m_ticket))
            adminSees << v[u"id"_qs].toString();
        QVERIFY(requesterSees.contains(replyFile));
        QVERIFY(!requesterSees.contains(noteFile));
        QVERIFY(adminSees.contains(noteFile) && adminSees.contains(replyFile));

        QCOMPARE(m_requester->get(u"/api/v1/attachments/"_qs + noteFile).status, 404);
        QCOMPARE(m_requester->get(u"/api/v1/attachments/"_qs + replyFile).status, 200);
        QCOMPARE(m_admin->get(u"/api/v1/attachments/"_qs + noteFile).body, QByteArray("%PDF-1.4 secret"));
        // Another requester sees neither the ticket nor its files.
        QCOMPARE(m_otherRequester->get(u"/api/v1/attachments/"_qs + replyFile).status, 404);
        QCOMPARE(m_otherRequester->get(u"/api/v1/tickets/%1/attachments"_qs.arg(m_ticket)).status, 404);
        QCOMPARE(uploadFile(*m_otherRequester, m_ticket, "x.txt", "x").status, 404);
        // A requester cannot attach to a note they cannot see.
        const HttpResult sneaky = uploadFile(*m_requester, m_ticket, "x.txt", "x", note);
        QCOMPARE(sneaky.status, 422);
        QCOMPARE(uploadFile(*m_requester, m_ticket, "mine.txt", "from the requester", reply).status, 201);

        // The change feed carries the metadata with the same rule.
        QString cursor;
        QStringList requesterFeed;
        for (const QJsonValue &v : drainFeed(*m_requester, &cursor, 1000)) {
            if (v[u"entity"_qs].toString() == u"attachment"_qs)
                requesterFeed << v[u"id"_qs].toString();
        }
        QVERIFY(requesterFeed.contains(replyFile));
        QVERIFY(!requesterFeed.contains(noteFile));
        cursor.clear();
        QJsonObject adminNote;
        for (const QJsonValue &v : drainFeed(*m_admin, &cursor, 1000)) {
            if (v[u"entity"_qs].toString() == u"attachment"_qs && v[u"id"_qs].toString() == noteFile)
                adminNote = v[u"data"_qs].toObject();
        }
        QCOMPARE(adminNote.value(u"filename"_qs).toString(), u"invoice.pdf"_qs);
        QCOMPARE(adminNote.value(u"comment_id"_qs).toString(), note);
        QCOMPARE(adminNote.value(u"ticket_id"_qs).toString(), m_ticket);
    }

    void limit()
    {
        const qint64 rows = attachmentRows();
        const qint64 chunks = chunkRows();
        const HttpResult atLimit = uploadFile(*m_admin, m_ticket, "exact.bin", randomBytes(kLimit, 2));
        QCOMPARE(atLimit.status, 201);
        QCOMPARE(atLimit.json().value(u"size"_qs).toInteger(), kLimit);
        const HttpResult over = uploadFile(*m_admin, m_ticket, "over.bin", randomBytes(kLimit + 1, 3));
        QCOMPARE(over.status, 413);
        QCOMPARE(over.problemType(), u"file-too-large"_qs);
        QCOMPARE(over.json().value(u"max_bytes"_qs).toInteger(), kLimit);
        QVERIFY(over.header("content-type").startsWith("application/problem+json"));
        QCOMPARE(attachmentRows(), rows + 1);
        QCOMPARE(chunkRows(), chunks + (kLimit + 256 * 1024 - 1) / (256 * 1024));
        // A body declared far too large is refused before it is sent.
        const QByteArray head = "POST /api/v1/tickets/" + m_ticket.toLatin1()
            + "/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_admin->token()
            + "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary
            + "\r\nContent-Length: 5000000000\r\n\r\n";
        QCOMPARE(statusOf(rawExchange(m_server.port(), head)), 413);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        const QByteArray mp = "multipart/form-data; boundary=" + kBoundary;
        QTest::newRow("no file part") << multipart({{"note", {}, "hello"}}) << mp << 422 << u"validation"_qs;
        QTest::newRow("empty body") << QByteArray() << mp << 400 << u"invalid-multipart"_qs;
        QTest::newRow("no closing boundary")
            << multipart({{"file", "a.txt", "hello"}}).chopped(30) << mp << 400 << u"invalid-multipart"_qs;
        QTest::newRow("garbage") << QByteArray("this is not multipart at all") << mp << 400
                                 << u"invalid-multipart"_qs;
        QTest::newRow("two files") << multipart({{"file", "a.txt", "a"}, {"file", "b.txt", "b"}}) << mp << 400
                                   << u"invalid-multipart"_qs;
        QTest::newRow("json") << QByteArray("{\"file\":\"x\"}") << QByteArray("application/json") << 415
                              << u"unsupported-media-type"_qs;
        QTest::newRow("no boundary") << multipart({{"file", "a.txt", "a"}})
                                     << QByteArray("multipart/form-data") << 415
                                     << u"unsupported-media-type"_qs;
        QTest::newRow("comment not a uuid")
            << multipart({{"comment_id", {}, "1' OR '1'='1"}, {"file", "a.txt", "a"}}) << mp << 422
            << u"validation"_qs;
        QTest::newRow("comment of another ticket")
            << multipart({{"comment_id", {}, newUuid().toUtf8()}, {"file", "a.txt", "a"}}) << mp << 422
            << u"validation"_qs;
        QTest::newRow("huge field") << multipart({{"comment_id", {}, QByteArray(64 * 1024, 'x')}}) << mp
                                    << 413 << u"body-too-large"_qs;
    }

    void badInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, type);
        const qint64 rows = attachmentRows();
        const qint64 chunks = chunkRows();
        const HttpResult r = m_admin->send("POST", u"/api/v1/tickets/%1/attachments"_qs.arg(m_ticket), body,
            {{"content-type", contentType}});
        QCOMPARE(r.status, status);
        QCOMPARE(r.problemType(), type);
        QVERIFY(!r.json().value(u"detail"_qs).toString().isEmpty());
        QCOMPARE(attachmentRows(), rows);
        QCOMPARE(chunkRows(), chunks);
    }

    void unknownTicketAndCaller()
    {
        QCOMPARE(uploadFile(*m_admin, newUuid(), "a.txt", "a").status, 404);
        QCOMPARE(m_admin->get(u"/api/v1/tickets/%1/attachments"_qs.arg(newUuid())).status, 404);
        QCOMPARE(m_admin->get(u"/api/v1/attachments/"_qs + newUuid()).status, 404);
        QCOMPARE(m_admin->get(u"/api/v1/attachments/..%2F..%2Fetc%2Fpasswd"_qs).status, 404);
        TestClient anonymous(m_server.baseUrl());
        QCOMPARE(uploadFile(anonymous, m_ticket, "a.txt", "a").status, 401);
    }

    void cutOffUpload()
    {
        // The client dies half-way through a 900 KiB file: nothing is kept, the server goes on.
        const qint64 rows = attachmentRows();
        const qint64 chunks = chunkRows();
        const QByteArray body = multipart({{"file", "half.bin", randomBytes(900 * 1024, 4)}});
        const QByteArray head = "POST /api/v1/tickets/" + m_ticket.toLatin1()
            + "/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_admin->token()
            + "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        {
            QTcpSocket s;
            s.connectToHost(u"127.0.0.1"_qs, m_server.port());
            QVERIFY(s.waitForConnected(5000));
            s.write(head + body.left(body.size() / 2));
            QVERIFY(s.waitForBytesWritten(5000));
            while (s.bytesToWrite() > 0)
                QVERIFY(s.waitForBytesWritten(5000));
            s.abort();
        }
        QTest::qWait(300); // the server notices the closed socket (another process: a real wait)
        QCOMPARE(m_admin->get(u"/api/v1/health"_qs).status, 200);
        QCOMPARE(attachmentRows(), rows);
        QCOMPARE(chunkRows(), chunks);
        QCOMPARE(uploadFile(*m_admin, m_ticket, "after.txt", "still works").status, 201);
    }

    void identicalFilesShareChunks()
    {
        const QByteArray bytes = randomBytes(300 * 1024, 5);
        QCOMPARE(uploadFile(*m_admin, m_ticket, "first.bin", bytes).status, 201);
        const qint64 chunks = chunkRows();
        const HttpResult second = uploadFile(*m_admin, m_ticket, "second.bin", bytes);
        QCOMPARE(second.status, 201);
        QCOMPARE(chunkRows(), chunks);
        const HttpResult down
            = m_admin->get(u"/api/v1/attachments/"_qs + second.json().value(u"id"_qs).toString());
        QCOMPARE(sha256(down.body), sha256(bytes));
        QVERIFY(down.header("content-disposition").contains("second.bin"));
    }

    void triagectlAttachListDownload()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(u"profile"_qs);
        QCOMPARE(runTriagectl({u"--profile"_qs, profile, u"login"_qs, m_server.baseUrl().toString(),
                                  u"--user"_qs, u"admin"_qs, u"--token-file"_qs})
                     .code,
            0);
        QCOMPARE(runTriagectl({u"--profile"_qs, profile, u"sync"_qs}).code, 0);
        const QByteArray bytes = randomBytes(600 * 1024, 6);
        const QString source = dir.filePath(u"log file.bin"_qs);
        {
            QFile f(source);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        const CliRun attach = runTriagectl(
            {u"--profile"_qs, profile, u"--json"_qs, u"ticket"_qs, u"attach"_qs, m_ticket, source});
        QVERIFY2(attach.code == 0, attach.err.constData());
        QCOMPARE(attach.json().value(u"sha256"_qs).toString(), sha256(bytes));
        QCOMPARE(attach.json().value(u"filename"_qs).toString(), u"log file.bin"_qs);
        const QString id = attach.json().value(u"id"_qs).toString();

        const CliRun list = runTriagectl(
            {u"--profile"_qs, profile, u"--json"_qs, u"ticket"_qs, u"attachments"_qs, m_ticket});
        QCOMPARE(list.code, 0);
        bool listedIt = false;
        for (const QJsonValue &v : list.array())
            listedIt = listedIt || v[u"id"_qs].toString() == id;
        QVERIFY(listedIt);

        const QString target = dir.filePath(u"copy.bin"_qs);
        const CliRun down = runTriagectl({u"--profile"_qs, profile, u"download"_qs, id, u"-o"_qs, target});
        QVERIFY2(down.code == 0, down.err.constData());
        QFile copy(target);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(sha256(copy.readAll()), sha256(bytes));

        // Unknown attachment: a clear error, no file left behind.
        const QString missing = dir.filePath(u"missing.bin"_qs);
        const CliRun none
            = runTriagectl({u"--profile"_qs, profile, u"download"_qs, newUuid(), u"-o"_qs, missing});
        QCOMPARE(none.code, 1);
        QVERIFY(!QFile::exists(missing));
        // An oversized file: the server's 413 in one line.
        const QString big = dir.filePath(u"big.bin"_qs);
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(randomBytes(kLimit + 1, 7));
        }
        const CliRun tooBig
            = runTriagectl({u"--profile"_qs, profile, u"ticket"_qs, u"attach"_qs, m_ticket, big});
        QCOMPARE(tooBig.code, 1);
        QVERIFY2(tooBig.err.contains("File too large"), tooBig.err.constData());
    }

    // An offline console uploads its files with ids of its own (the outbox's attachment.upload),
    // then sends the comment naming them. A retried upload (its answer was lost) gets the first
    // one's attachment back (200), never a second; the id cannot be taken over elsewhere.
    void clientIdMakesUploadIdempotent()
    {
        const QString id = newId();
        const QByteArray bytes = randomBytes(300 * 1024 + 5, 7);
        const auto withId = [&](TestClient &c, const QString &ticket, const QByteArray &name) {
            return upload(c, ticket, {{"id", {}, id.toUtf8()}, {"file", name, bytes}});
        };
        const qint64 before = attachmentRows();
        const HttpResult first = withId(*m_admin, m_ticket, "retried.bin");
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json().value(u"id"_qs).toString(), id);
        const HttpResult again = withId(*m_admin, m_ticket, "retried.bin");
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("idempotency-replayed"), QByteArray("true"));
        QCOMPARE(again.json(), first.json());
        QCOMPARE(attachmentRows(), before + 1);
        // Another caller, another ticket or another file under the same id: refused, nothing stored.
        QCOMPARE(withId(*m_requester, m_ticket, "retried.bin").status, 409);
        QCOMPARE(withId(*m_admin, m_ticket, "other.bin").status, 409);
        const QString other = createTicketAs(*m_admin, u"Another ticket"_qs).value(u"id"_qs).toString();
        QCOMPARE(withId(*m_admin, other, "retried.bin").status, 409);
        QCOMPARE(upload(*m_admin, m_ticket, {{"id", {}, "not-a-uuid"}, {"file", "x.bin", "x"}}).status, 422);
        QCOMPARE(attachmentRows(), before + 1);
    }

    // The comment names files uploaded before it (attachment_ids): they become its, in its
    // transaction, with its visibility; a file that is not the author's, is on another ticket or
    // already on a comment rejects the comment (nothing half-linked).
    void commentLinksUploadedFiles()
    {
        // A note's file on its way is staff only: the requester never sees it, not even before the
        // note links it.
        const HttpResult up = upload(
            *m_admin, m_ticket, {{"internal", {}, "true"}, {"file", "note-scan.png", randomBytes(2000, 9)}});
        QCOMPARE(up.status, 201);
        const QString file = up.json().value(u"id"_qs).toString();
        for (const QJsonValue &v : listed(*m_requester, m_ticket))
            QVERIFY(v[u"id"_qs].toString() != file);
        QCOMPARE(m_requester->get(u"/api/v1/attachments/"_qs + file).status, 404);
        QCOMPARE(
            upload(*m_requester, m_ticket, {{"internal", {}, "true"}, {"file", "x.txt", "x"}}).status, 403);
        QCOMPARE(upload(*m_admin, m_ticket, {{"internal", {}, "maybe"}, {"file", "x.txt", "x"}}).status, 422);
        const HttpResult refused = m_admin->post(u"/api/v1/tickets/%1/comments"_qs.arg(m_ticket),
            QJsonObject {{u"body"_qs, u"scan"_qs}, {u"public"_qs, false},
                {u"attachment_ids"_qs, QJsonArray {file, newId()}}});
        QCOMPARE(refused.status, 422);
        const HttpResult c = m_admin->post(u"/api/v1/tickets/%1/comments"_qs.arg(m_ticket),
            QJsonObject {{u"body"_qs, u"Scan attached"_qs}, {u"public"_qs, false},
                {u"attachment_ids"_qs, QJsonArray {file}}});
        QCOMPARE(c.status, 201);
        const QString commentId = c.json().value(u"id"_qs).toString();
        bool linked = false;
        for (const QJsonValue &v : listed(*m_admin, m_ticket))
            linked
                = linked || (v[u"id"_qs].toString() == file && v[u"comment_id"_qs].toString() == commentId);
        QVERIFY(linked);
        // On an internal note now: the requester no longer sees or gets it.
        for (const QJsonValue &v : listed(*m_requester, m_ticket))
            QVERIFY(v[u"id"_qs].toString() != file);
        QCOMPARE(m_requester->get(u"/api/v1/attachments/"_qs + file).status, 404);
        // Already on a comment: a second comment cannot take it.
        QCOMPARE(m_admin
                     ->post(u"/api/v1/tickets/%1/comments"_qs.arg(m_ticket),
                         QJsonObject {{u"body"_qs, u"again"_qs}, {u"attachment_ids"_qs, QJsonArray {file}}})
                     .status,
            422);
        // A reply's file uploaded as internal becomes public with the reply.
        const HttpResult pending
            = upload(*m_admin, m_ticket, {{"internal", {}, "true"}, {"file", "answer.txt", "42"}});
        QCOMPARE(pending.status, 201);
        const QString answer = pending.json().value(u"id"_qs).toString();
        QCOMPARE(m_admin
                     ->post(u"/api/v1/tickets/%1/comments"_qs.arg(m_ticket),
                         QJsonObject {{u"body"_qs, u"The answer"_qs}, {u"public"_qs, true},
                             {u"attachment_ids"_qs, QJsonArray {answer}}})
                     .status,
            201);
        QCOMPARE(m_requester->get(u"/api/v1/attachments/"_qs + answer).status, 200);
        // Someone else's upload cannot be claimed either.
        const HttpResult theirs = uploadFile(*m_requester, m_ticket, "mine.txt", "requester's");
        QCOMPARE(theirs.status, 201);
        QCOMPARE(m_admin
                     ->post(u"/api/v1/tickets/%1/comments"_qs.arg(m_ticket),
                         QJsonObject {{u"body"_qs, u"claim"_qs},
                             {u"attachment_ids"_qs, QJsonArray {theirs.json().value(u"id"_qs).toString()}}})
                     .status,
            422);
    }

    void twoInstancesOnePostgres()
    {
        if (!usePostgres())
            QSKIP("PostgreSQL only (tst_server_attachments_pg)");
        TriagedProcess second;
        TriagedProcess::Options o;
        o.databaseUrl = m_databaseUrl;
        o.demo = false;
        o.extraArgs = {u"--max-attachment"_qs, QString::number(kLimit)};
        TRIAGE_START_SERVER(second, o);
        TestClient other(second.baseUrl());
        QVERIFY(other.login(u"requester01"_qs));
        // Uploaded on the second instance, downloaded from the first, and the other way round.
        const QByteArray one = randomBytes(kLimit, 8);
        const HttpResult up = uploadFile(other, m_ticket, "from-second.bin", one);
        QCOMPARE(up.status, 201);
        const HttpResult down
            = m_requester->get(u"/api/v1/attachments/"_qs + up.json().value(u"id"_qs).toString());
        QCOMPARE(down.status, 200);
        QCOMPARE(sha256(down.body), sha256(one));
        const QByteArray two = randomBytes(500 * 1024, 9);
        const HttpResult up2 = uploadFile(*m_requester, m_ticket, "from-first.bin", two);
        QCOMPARE(up2.status, 201);
        QCOMPARE(sha256(other.get(u"/api/v1/attachments/"_qs + up2.json().value(u"id"_qs).toString()).body),
            sha256(two));
        QCOMPARE(second.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerAttachments)
#include "tst_server_attachments.moc"
