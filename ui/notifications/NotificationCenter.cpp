#include "NotificationCenter.h"

#include "common/SlaStyle.h"
#include "common/Texts.h"
#include "domain/Time.h"
#include "domain/Workflow.h"
#include "models/TicketCache.h"
#include "session/Session.h"
#include "shell/Theme.h"
#include "store/LocalCache.h"
#include "sync/LocalEditor.h"

#include <QDateTime>
#include <QPainter>
#include <QSystemTrayIcon>

namespace triage {

namespace {
QString label(const TicketRow &r)
{
    return r.number ? u"#"_qs + QString::number(r.number) : QString();
}
} // namespace

NotificationCenter::NotificationCenter(Session *session, Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_notifier(notifier)
{
    notifier->setParent(this);
    TicketCache *cache = session->cache();
    for (int i = 0; i < cache->size(); ++i) {
        if (cache->row(i).assignee)
            m_assigneeOf.insert(i, cache->row(i).assignee);
    }
    connect(cache, &TicketCache::rowsChanged, this, &NotificationCenter::onRowsChanged);
    connect(&session->store()->tickets(), &TicketRepository::commentsAdded, this,
        &NotificationCenter::onCommentsAdded);
    connect(notifier, &Notifier::actionInvoked, this, [this](const QString &action, const QString &id) {
        acknowledge(id);
        if (action == u"take"_qs)
            m_session->editor()->assignToMe(id);
        Q_EMIT openRequested(id);
    });
    m_slaTimer.setInterval(30000);
    connect(&m_slaTimer, &QTimer::timeout, this, &NotificationCenter::checkSla);
    m_slaTimer.start();
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setToolTip(tr("Triage"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] { Q_EMIT openRequested(QString()); });
        updateTray();
        m_tray->show();
    }
    // Thresholds already passed at start are known, not news: remember them silently.
    const quint16 me = session->directory()->findUser(session->userId());
    for (int i = 0; i < cache->size() && me; ++i) {
        const TicketRow &row = cache->row(i);
        if (row.assignee == me && row.dueAt != kNoDue && row.dueAt <= nowBy(m_clock))
            m_slaLevel.insert(cache->idString(i), 100);
    }
}

NotificationCenter::~NotificationCenter() = default;

bool NotificationCenter::isQuiet(qint64 at) const
{
    if (!m_quietFrom.isValid() || !m_quietTo.isValid())
        return false;
    const QTime t = QDateTime::fromMSecsSinceEpoch(at).time();
    return m_quietFrom <= m_quietTo ? (t >= m_quietFrom && t < m_quietTo)
                                    : (t >= m_quietFrom || t < m_quietTo);
}

void NotificationCenter::post(const Notification &n)
{
    if (!isQuiet(nowBy(m_clock)) || n.kind == Notification::Kind::SlaBreach)
        m_notifier->show(n);
    updateTray();
}

void NotificationCenter::onRowsChanged(const QList<int> &rows)
{
    TicketCache *cache = m_session->cache();
    const quint16 me = m_session->directory()->findUser(m_session->userId());
    for (int r : rows) {
        const TicketRow &row = cache->row(r);
        const quint16 before = m_assigneeOf.value(r, 0);
        m_assigneeOf.insert(r, row.assignee);
        // Assigned to me by someone else: my own local edits carry the pending flag.
        if (me && row.assignee == me && before != me && !row.pending && !row.deleted) {
            Notification n;
            n.kind = Notification::Kind::AssignedToMe;
            n.ticketId = cache->idString(r);
            n.summary = tr("Assigned to you: %1").arg(label(row));
            n.body = row.title;
            post(n);
        }
    }
}

void NotificationCenter::onCommentsAdded(const QString &ticketId)
{
    const auto t = m_session->store()->tickets().ticket(ticketId);
    if (!t || t->assigneeId != m_session->userId() || m_session->userId().isEmpty())
        return;
    const auto comments = m_session->store()->tickets().comments(ticketId);
    if (comments.isEmpty())
        return;
    const Comment &last = comments.last();
    const QString mention = u"@"_qs
        + m_session->directory()->user(m_session->directory()->findUser(m_session->userId())).username;
    Notification n;
    n.ticketId = ticketId;
    n.body = last.body.left(200);
    const QString number = t->number ? u"#"_qs + QString::number(*t->number) : t->title;
    if (last.authorId == t->requesterId) {
        n.kind = Notification::Kind::RequesterReplied;
        n.summary = tr("Requester replied on %1").arg(number);
    } else if (last.authorId != m_session->userId() && last.body.contains(mention)) {
        n.kind = Notification::Kind::Mention;
        n.summary = tr("You were mentioned on %1").arg(number);
    } else {
        return;
    }
    post(n);
}

void NotificationCenter::checkSla()
{
    TicketCache *cache = m_session->cache();
    const quint16 me = m_session->directory()->findUser(m_session->userId());
    if (!me)
        return;
    const qint64 now = nowBy(m_clock);
    // Levels: 1 = the policy's first warning of the running timer (percent or lead time), 2 = breach.
    for (int r = 0; r < cache->size(); ++r) {
        const TicketRow &row = cache->row(r);
        if (row.deleted || row.assignee != me || row.dueAt == kNoDue || !workflow::isOpen(row.status))
            continue;
        const int reached = now >= row.dueAt ? 2 : (row.warnAt != kNoDue && now >= row.warnAt ? 1 : 0);
        const QString id = cache->idString(r);
        const int notified = m_slaLevel.value(id, 0);
        const bool realert
            = reached > 0 && m_unacked.contains(id) && now - m_unacked.value(id) >= m_realertMs;
        if (reached > notified || realert) {
            m_slaLevel.insert(id, reached);
            m_unacked.insert(id, now);
            Notification n;
            n.ticketId = id;
            n.kind = reached >= 2 ? Notification::Kind::SlaBreach : Notification::Kind::SlaWarning;
            n.critical = reached >= 2;
            n.summary = reached >= 2
                ? tr("SLA breached: %1").arg(label(row))
                : tr("SLA warning: %1 due in %2").arg(label(row), Texts::duration(row.dueAt - now));
            n.body = row.title;
            post(n);
        }
    }
    updateTray();
}

void NotificationCenter::acknowledge(const QString &ticketId)
{
    m_unacked.remove(ticketId);
    updateTray();
}

void NotificationCenter::updateTray()
{
    Q_EMIT badgeChanged(unacknowledged());
    if (!m_tray)
        return;
    QPixmap pm(64, 64);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    applicationIcon().paint(&p, QRect(0, 0, 64, 64));
    QFont f = p.font();
    f.setBold(true);
    if (unacknowledged() > 0) {
        p.setBrush(okabeIto::vermillion);
        p.setPen(Qt::NoPen);
        p.drawEllipse(QRectF(30, 0, 34, 34));
        f.setPixelSize(22);
        p.setFont(f);
        p.setPen(Qt::white);
        p.drawText(QRectF(30, 0, 34, 34), Qt::AlignCenter,
            unacknowledged() > 9 ? u"9+"_qs : QString::number(unacknowledged()));
    }
    p.end();
    m_tray->setIcon(QIcon(pm));
    m_tray->setToolTip(tr("Triage — %n alert(s) not acknowledged", nullptr, unacknowledged()));
}

} // namespace triage
