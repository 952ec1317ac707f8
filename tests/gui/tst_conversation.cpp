// A ticket's thread in the console (issue 15): a mail reply shows its new text with the quoted
// history folded under "Show quoted text"; Enter (activation) unfolds and folds it again; other
// comments have nothing to fold; the thread keeps the fold when new comments arrive.
#include "models/ConversationModel.h"
#include "session/DirectoryIndex.h"
#include "ticket/ConversationDelegate.h"

#include <QListView>
#include <QSignalSpy>
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
};

QTEST_MAIN(TestConversation)
#include "tst_conversation.moc"
