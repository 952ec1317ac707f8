// triage-shots: the real console, driven to one screen for docs/screenshots (scripts/screenshots).
// Not shipped. Everything that stages a screen for a picture (choosing a ticket with a
// conversation, filling the new-ticket dialog with demo text, switching a board's swimlanes) lives
// here, out of the product's main().
//   triage-shots [console options] --open
//   queue|kanban|kanban-lanes|ticket|email|telegram|attachments|reply|history|sla|links|new-ticket|palette|
//   notifications|quit
// (notifications: Settings → Notifications; needs --server, it lives on the server)
#include "kanban/KanbanPage.h"
#include "models/ConversationModel.h"
#include "models/QueueModel.h"
#include "net/NotificationsService.h"
#include "queues/QueuePage.h"
#include "session/ServerConnection.h"
#include "session/Session.h"
#include "settings/SettingsDialog.h"
#include "shell/ConsoleApplication.h"
#include "shell/MainWindow.h"
#include "store/LocalCache.h"
#include "ticket/ComposerAttachments.h"
#include "ticket/LinksPane.h"
#include "ticket/NewTicketDialog.h"
#include "ticket/TicketController.h"
#include "ticket/TicketView.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>

using namespace triage;

namespace {

// The mail reply with its files at the top of the conversation (thumbnails are made meanwhile), and
// a pasted screenshot waiting as a chip in the composer.
void showAttachments(TicketView *pane)
{
    QImage shot(480, 270, QImage::Format_RGB32);
    shot.fill(QColor(0xe8, 0xee, 0xf4));
    QPainter p(&shot);
    p.fillRect(QRect(0, 0, 480, 28), QColor(0x33, 0x44, 0x55));
    p.fillRect(QRect(24, 52, 300, 18), QColor(0xb0, 0xc4, 0xd8));
    p.fillRect(QRect(24, 84, 420, 14), QColor(0xcc, 0xd6, 0xe0));
    p.end();
    pane->controller()->composerFiles()->addImage(shot);
    // A wider ticket pane (as an agent drags it), so a reply's picture and log fit side by side.
    for (QWidget *w = pane; w && w->parentWidget(); w = w->parentWidget()) {
        if (auto *split = qobject_cast<QSplitter *>(w->parentWidget())) {
            QList<int> sizes = split->sizes();
            const int i = split->indexOf(w);
            // Never below what the queue needs (its columns' headers differ by language).
            const int spare = i > 0 ? sizes.at(i - 1) - split->widget(i - 1)->minimumSizeHint().width() : 0;
            const int want = std::min(640 - sizes.at(i), spare);
            if (want > 0) {
                sizes[i - 1] -= want;
                sizes[i] += want;
                split->setSizes(sizes);
            }
            break;
        }
    }
    QTimer::singleShot(600, pane, [pane] {
        QListView *thread = pane->conversationView();
        for (int r = 0; r < thread->model()->rowCount(); ++r) {
            const QModelIndex i = thread->model()->index(r, 0);
            if (i.data(ConversationModel::FileCountRole).toInt() > 0) {
                thread->setCurrentIndex(i);
                thread->scrollTo(i, QAbstractItemView::PositionAtTop);
                break;
            }
        }
    });
}

void openTicketScreen(MainWindow &window, Session &session, const QString &screen)
{
    // A ticket with a conversation makes the better picture; "email": one that came by mail, with a
    // requester's reply carrying its quoted history (folded in the thread); "telegram": one that
    // came through the Telegram bot, the requester and an agent writing back and forth (the seed's
    // "dev server 502" story when the demo has it on Telegram).
    QueueModel *m = window.queuePage()->model();
    const bool email = screen == u"email"_qs || screen == u"attachments"_qs;
    const bool telegram = screen == u"telegram"_qs;
    QString chosen;
    for (int r = 0; r < std::min(m->rowCount(), email || telegram ? m->rowCount() : 50); ++r) {
        const QString id = m->ticketId(r);
        const QList<Comment> comments = session.store()->tickets().comments(id);
        const bool quoted = std::any_of(comments.begin(), comments.end(),
            [](const Comment &c) { return c.isPublic && c.body.contains(u" wrote:\n>"_qs); });
        if (telegram) {
            const auto t = session.store()->tickets().ticket(id);
            if (!t || t->channel != Channel::Telegram)
                continue;
            const auto by = [&](bool requester) {
                return std::any_of(comments.begin(), comments.end(), [&](const Comment &c) {
                    return c.isPublic && (c.authorId == t->requesterId) == requester;
                });
            };
            if (comments.size() < 3 || !by(true) || !by(false))
                continue;
            if (chosen.isEmpty() || t->title.contains(u"502"_qs))
                chosen = id;
            if (t->title.contains(u"502"_qs))
                break;
            continue;
        }
        const bool files
            = screen != u"attachments"_qs || !session.store()->attachments().forTicket(id).isEmpty();
        if (comments.size() >= 3 && (!email || quoted) && files) {
            chosen = id;
            break;
        }
    }
    if (!chosen.isEmpty())
        window.queuePage()->selectTicket(chosen);
    window.openTicket(window.queuePage()->currentTicketId());
    TicketView *pane = window.ticketPane();
    if (!pane)
        return;
    if (screen == u"reply"_qs)
        pane->startReply(false);
    else if (screen == u"history"_qs)
        pane->showTab(pane->historyView());
    else if (screen == u"sla"_qs)
        pane->showTab(pane->slaView());
    else if (screen == u"links"_qs)
        pane->showTab(pane->linksPane());
    else if (screen == u"attachments"_qs)
        showAttachments(pane);
}

void openNewTicketScreen(MainWindow &window, Session &session, bool russian)
{
    auto *dialog = new NewTicketDialog(&session, &window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->requesterCombo()->setCurrentIndex(3);
    dialog->titleEdit()->setText(
        russian ? u"Не работает VPN у всего отдела продаж"_qs : u"VPN is down for the whole sales floor"_qs);
    dialog->descriptionEdit()->setPlainText(russian
            ? u"Звонит руководитель: с 9:00 никто в отделе не может зайти в CRM, это блокирует работу команды."_qs
            : u"Caller says nobody in sales can reach the CRM since 9:00; this blocks the team's work."_qs);
    dialog->impactCombo()->setCurrentIndex(1);
    dialog->urgencyCombo()->setCurrentIndex(1);
    dialog->show();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    ConsoleApplication console(app);
    const QCommandLineOption open(u"open"_qs,
        u"Screen to open: queue, kanban, kanban-lanes, ticket, email, telegram, attachments, reply, history, "
        u"sla, links, "
        "new-ticket, palette; quit only prepares the profile."_qs,
        u"SCREEN"_qs);
    console.parser().addOption(open);
    if (const auto exitCode = console.prepare())
        return *exitCode;
    const QString screen = console.parser().value(open);
    if (screen == u"quit"_qs)
        return 0;
    console.showWindow();
    MainWindow &window = *console.window();
    Session &session = *console.session();
    const bool ticketScreen = screen == u"ticket"_qs || screen == u"reply"_qs || screen == u"history"_qs
        || screen == u"sla"_qs || screen == u"links"_qs || screen == u"email"_qs || screen == u"telegram"_qs
        || screen == u"attachments"_qs;
    if (screen == u"queue"_qs || ticketScreen)
        window.openView();
    if (screen == u"kanban"_qs || screen == u"kanban-lanes"_qs) {
        const auto boards = session.boards();
        window.openView(boards.size() > 1 ? boards.at(1).id : boards.first().id);
        if (screen == u"kanban-lanes"_qs) { // as if chosen in the board's toolbar (and remembered)
            QComboBox *lanes = window.kanbanPage()->swimlanesCombo();
            lanes->setCurrentIndex(1);
            Q_EMIT lanes->activated(1);
        }
    } else if (ticketScreen) {
        // Once the queue has rows.
        QTimer::singleShot(
            200, &window, [&window, &session, screen] { openTicketScreen(window, session, screen); });
    } else if (screen == u"new-ticket"_qs) {
        const bool russian = console.language() == u"ru"_qs;
        QTimer::singleShot(
            300, &window, [&window, &session, russian] { openNewTicketScreen(window, session, russian); });
    } else if (screen == u"palette"_qs) {
        QTimer::singleShot(300, &window, [&window] { window.showCommandPalette(); });
    } else if (screen == u"notifications"_qs) {
        QTimer::singleShot(1500, &window, [&window, &session] {
            auto *service = new NotificationsService(
                [&session]() -> ApiClient * {
                    return session.connection() ? session.connection()->api() : nullptr;
                },
                &window);
            auto *dialog = new SettingsDialog(session.settings(), service, &window);
            dialog->showNotifications();
            dialog->resize(640, 520);
            dialog->show();
        });
    }
    return QApplication::exec();
}
