// A ticket's thread in the console (issue 15): a mail reply shows its new text with the quoted
// history folded under "Show quoted text"; Enter (activation) unfolds and folds it again; other
// comments have nothing to fold; the thread keeps the fold when new comments arrive.
#include "models/ConversationModel.h"
#include "session/DirectoryIndex.h"
#include "ticket/ComposerAttachments.h"
#include "ticket/ConversationDelegate.h"
#include "ticket/ThumbnailCache.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QImage>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace triage;

class TestConversation : public QObject
{
    Q_OBJECT

    static Comment comment(const QString &id, const QString &author, const QString &body, qint64 at)
    {
        Comment c;
        c.id = id;
        c.ticketId = u"t"_qs;
        c.authorId = author;
        c.body = body;
        c.createdAt = at;
        return c;
    }

private Q_SLOTS:
    void mailReplyFoldsItsHistory()
    {
        DirectoryIndex directory;
        User requester;
        requester.id = u"r"_qs;
        requester.displayName = u"Igor"_qs;
        requester.role = UserRole::Requester;
        directory.setData({requester}, {});
        ConversationModel model(&directory);
        const QString reply
            = u"Still not printing.\n\nOn Mon, 7 Dec 2026 at 15:40, Support <s@t.test> wrote:\n"
              "> Restarted the spooler.\n> --\n> Triage"_qs;
        model.setComments({comment(u"a"_qs, u"agent"_qs, u"Restarted the spooler."_qs, 1),
                              comment(u"b"_qs, u"r"_qs, reply, 2)},
            u"r"_qs);
        const QModelIndex agent = model.index(0);
        const QModelIndex mail = model.index(1);
        QVERIFY(model.data(agent, ConversationModel::QuotedRole).toString().isEmpty());
        QCOMPARE(model.data(mail, ConversationModel::ReplyRole).toString(), u"Still not printing."_qs);
        QVERIFY(model.data(mail, ConversationModel::QuotedRole).toString().startsWith(u"On Mon"_qs));
        QCOMPARE(model.data(mail, ConversationModel::BodyRole).toString(), reply); // kept, not lost
        QCOMPARE(model.data(mail, ConversationModel::QuoteExpandedRole).toBool(), false);

        QListView view;
        view.setModel(&model);
        view.setItemDelegate(new ConversationDelegate(&view));
        connect(&view, &QListView::activated, &model, &ConversationModel::toggleQuoted);
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int folded = view.visualRect(mail).height();
        view.setCurrentIndex(mail);
        QTest::keyClick(view.viewport(), Qt::Key_Return);
        QVERIFY(model.data(mail, ConversationModel::QuoteExpandedRole).toBool());
        QTRY_VERIFY(view.visualRect(mail).height() > folded); // the history is shown: a taller card
        model.toggleQuoted(agent); // nothing to fold: no change
        QCOMPARE(model.data(agent, ConversationModel::QuoteExpandedRole).toBool(), false);

        // A new comment arrives: the unfolded one stays unfolded.
        model.setComments(
            {comment(u"a"_qs, u"agent"_qs, u"Restarted the spooler."_qs, 1),
                comment(u"b"_qs, u"r"_qs, reply, 2), comment(u"c"_qs, u"agent"_qs, u"Looking."_qs, 3)},
            u"r"_qs);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.data(model.index(1), ConversationModel::QuoteExpandedRole).toBool());
        QTest::keyClick(view.viewport(), Qt::Key_Return);
        QCOMPARE(model.data(model.index(1), ConversationModel::QuoteExpandedRole).toBool(), false);
    }

    // Each comment's files (linked by comment_id) come with it: FilesRole lists them with their
    // state and thumbnail, FileCountRole counts them, the accessible text names them; a thumbnail
    // arriving later repaints only that row and survives a reload of the metadata.
    void filesUnderTheirComments()
    {
        DirectoryIndex directory;
        ConversationModel model(&directory);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setComments({comment(u"a"_qs, u"agent"_qs, u"Logs, please."_qs, 1),
                              comment(u"b"_qs, u"r"_qs, u"Here they are."_qs, 2)},
            u"r"_qs);
        ConversationFile png;
        png.id = u"f1"_qs;
        png.filename = u"снимок.png"_qs;
        png.size = 4000;
        png.contentType = u"image/png"_qs;
        ConversationFile log;
        log.id = u"f2"_qs;
        log.filename = u"vpn.log"_qs;
        log.size = 120;
        log.contentType = u"text/plain"_qs;
        log.state = ConversationFile::State::Uploading;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setFiles({{u"b"_qs, {png, log}}});
        QCOMPARE(model.index(0).data(ConversationModel::FileCountRole).toInt(), 0);
        QCOMPARE(model.index(1).data(ConversationModel::FileCountRole).toInt(), 2);
        const auto files = model.index(1).data(ConversationModel::FilesRole).value<QList<ConversationFile>>();
        QCOMPARE(files.size(), 2);
        QVERIFY(files.at(0).isImage());
        QVERIFY(files.at(0).thumbnail.isNull()); // a placeholder until scaled
        QCOMPARE(files.at(1).state, ConversationFile::State::Uploading);
        QVERIFY(model.index(1).data(Qt::AccessibleTextRole).toString().contains(u"vpn.log"_qs));
        QVERIFY(!changed.isEmpty());

        changed.clear();
        QImage thumb(40, 30, QImage::Format_RGB32);
        thumb.fill(Qt::red);
        model.setThumbnail(u"f1"_qs, thumb);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(model.file(u"f1"_qs)->thumbnail.size(), QSize(40, 30));
        model.setFiles({{u"b"_qs, {png, log}}}); // metadata reloaded: the picture stays
        QCOMPARE(model.file(u"f1"_qs)->thumbnail.size(), QSize(40, 30));
        // A picture that would not decode is shown as a file.
        ConversationFile broken = png;
        broken.noPreview = true;
        QVERIFY(!broken.isImage());
        model.setFiles({});
        QCOMPARE(model.index(1).data(ConversationModel::FileCountRole).toInt(), 0);
        QVERIFY(!model.file(u"f1"_qs));
    }

    // The card grows by the files' tiles; fileAt() finds a tile under a point (a click opens it).
    void delegateLaysOutFiles()
    {
        DirectoryIndex directory;
        ConversationModel model(&directory);
        model.setComments({comment(u"a"_qs, u"agent"_qs, u"See attached."_qs, 1)}, u"r"_qs);
        QListView view;
        view.setModel(&model);
        auto *delegate = new ConversationDelegate(&view);
        view.setItemDelegate(delegate);
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int bare = view.visualRect(model.index(0)).height();
        ConversationFile png;
        png.id = u"f1"_qs;
        png.filename = u"error.png"_qs;
        png.size = 4000;
        png.contentType = u"image/png"_qs;
        model.setFiles({{u"a"_qs, {png}}});
        QTRY_VERIFY(view.visualRect(model.index(0)).height() > bare + 90); // room for a thumbnail
        const QRect item = view.visualRect(model.index(0));
        QString hit;
        for (int y = item.top(); y < item.bottom() && hit.isEmpty(); y += 4) {
            for (int x = item.left(); x < item.right() && hit.isEmpty(); x += 4)
                hit = delegate->fileAt(item, view.font(), model.index(0), QPoint(x, y));
        }
        QCOMPARE(hit, u"f1"_qs);
        QVERIFY(
            delegate->fileAt(item, view.font(), model.index(0), item.topLeft() + QPoint(20, 10)).isEmpty());
    }

    // Thumbnails are scaled off the GUI thread, never enlarged, and kept on disk for next time.
    void thumbnailsAreScaledOnceAndKept()
    {
        QTemporaryDir dir;
        QImage photo(1600, 1200, QImage::Format_RGB32);
        photo.fill(Qt::blue);
        const QString source = dir.filePath(u"photo.png"_qs);
        QVERIFY(photo.save(source));
        ThumbnailCache cache(dir.filePath(u"thumbnails"_qs));
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        QVERIFY(cache.thumbnail(u"p1"_qs, source).isNull()); // never inside the call
        QVERIFY(cache.isPending(u"p1"_qs));
        QVERIFY(ready.wait(10000));
        const QImage thumb = ready.at(0).at(1).value<QImage>();
        QVERIFY(thumb.width() <= ThumbnailCache::kMaxWidth && thumb.height() <= ThumbnailCache::kMaxHeight);
        QVERIFY(std::abs(thumb.width() * 3 - thumb.height() * 4) <= 4); // the aspect ratio kept
        QCOMPARE(thumb.height(), ThumbnailCache::kMaxHeight);
        QVERIFY(QFile::exists(dir.filePath(u"thumbnails/p1.png"_qs)));
        QCOMPARE(cache.thumbnail(u"p1"_qs, source).size(), thumb.size()); // from memory now
        // A second cache (the next start) reads the small file, even without the original.
        QVERIFY(QFile::remove(source));
        ThumbnailCache again(dir.filePath(u"thumbnails"_qs));
        QSignalSpy readyAgain(&again, &ThumbnailCache::ready);
        again.thumbnail(u"p1"_qs, source);
        QVERIFY(readyAgain.wait(10000));
        QCOMPARE(readyAgain.at(0).at(1).value<QImage>().size(), thumb.size());
        // Not a picture: failed, and not tried again.
        QFile junk(dir.filePath(u"junk.png"_qs));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a picture");
        junk.close();
        QSignalSpy failed(&again, &ThumbnailCache::failed);
        again.thumbnail(u"p2"_qs, junk.fileName());
        QVERIFY(failed.wait(10000));
        QVERIFY(again.thumbnail(u"p2"_qs, junk.fileName()).isNull());
        QVERIFY(!again.isPending(u"p2"_qs));
        // Small pictures are not enlarged.
        QImage icon(32, 16, QImage::Format_RGB32);
        icon.fill(Qt::green);
        QVERIFY(icon.save(dir.filePath(u"icon.png"_qs)));
        QCOMPARE(ThumbnailCache::scale(dir.filePath(u"icon.png"_qs)).size(), QSize(32, 16));
    }

    // The composer's chips: files chosen or dropped and a pasted screenshot are copied into the
    // profile at once; removing a chip deletes its copy; sending takes them.
    void composerStagesFiles()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(u"attachments"_qs);
        QFile source(dir.filePath(u"отчёт.txt"_qs));
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write("quarterly numbers");
        source.close();
        ComposerAttachments files(profile);
        QSignalSpy problems(&files, &ComposerAttachments::problem);
        QVERIFY(files.addFiles({source.fileName()}));
        QCOMPARE(files.files().size(), 1);
        const Attachment text = files.files().at(0);
        QCOMPARE(text.filename, u"отчёт.txt"_qs);
        QCOMPARE(text.size, 17);
        QVERIFY(QFile::exists(profile + u'/' + text.id + u"/отчёт.txt"_qs));
        QVERIFY(ComposerAttachments::chipText(text).startsWith(u"отчёт.txt ("_qs));

        QMimeData pasted;
        QImage screenshot(300, 200, QImage::Format_RGB32);
        screenshot.fill(Qt::darkCyan);
        pasted.setImageData(screenshot);
        QVERIFY(ComposerAttachments::carriesFiles(&pasted));
        QVERIFY(files.addMimeData(&pasted));
        const Attachment png = files.files().at(1);
        QVERIFY(png.filename.startsWith(u"screenshot-"_qs) && png.filename.endsWith(u".png"_qs));
        QCOMPARE(png.contentType, u"image/png"_qs);
        QImage back(profile + u'/' + png.id + u'/' + png.filename);
        QCOMPARE(back.size(), QSize(300, 200));

        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(source.fileName()), QUrl(u"https://example.test/x"_qs)});
        QVERIFY(files.addMimeData(&dropped));
        QCOMPARE(files.files().size(), 3);
        QMimeData plain;
        plain.setText(u"just text"_qs);
        QVERIFY(!ComposerAttachments::carriesFiles(&plain));
        QVERIFY(!files.addMimeData(&plain));

        files.remove(0);
        QVERIFY(!QFile::exists(profile + u'/' + text.id + u"/отчёт.txt"_qs));
        QCOMPARE(files.files().size(), 2);
        QVERIFY(!files.addFiles({dir.filePath(u"missing.bin"_qs)}));
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.at(0).at(0).toString().contains(u"missing.bin"_qs));
        const QList<Attachment> taken = files.take();
        QCOMPARE(taken.size(), 2);
        QVERIFY(files.isEmpty());
        QVERIFY(QFile::exists(profile + u'/' + png.id + u'/' + png.filename)); // the comment's now
    }
};

QTEST_MAIN(TestConversation)
#include "tst_conversation.moc"
