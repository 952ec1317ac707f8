#include "SyncIndicator.h"

#include "common/SlaStyle.h"
#include "session/Session.h"
#include "session/SyncStatus.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace triage {

SyncIndicator::SyncIndicator(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_state(new QLabel(this))
    , m_pending(new QLabel(this))
    , m_conflicts(new QToolButton(this))
{
    setObjectName(u"syncIndicator"_qs);
    m_state->setObjectName(u"syncStateLabel"_qs);
    m_pending->setObjectName(u"pendingLabel"_qs);
    m_conflicts->setObjectName(u"conflictsButton"_qs);
    m_conflicts->setAutoRaise(true);
    m_conflicts->setAccessibleDescription(tr("Opens the list of changes the server could not apply"));
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_state);
    l->addWidget(m_pending);
    l->addWidget(m_conflicts);
    connect(m_conflicts, &QToolButton::clicked, this, &SyncIndicator::conflictsClicked);
    connect(session, &Session::syncStatusChanged, this, &SyncIndicator::connectSource);
    connectSource();
}

SyncIndicator::~SyncIndicator() = default;

void SyncIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_conflicts->setAccessibleDescription(tr("Opens the list of changes the server could not apply"));
        refresh();
    }
    QWidget::changeEvent(event);
}

void SyncIndicator::connectSource()
{
    connect(m_session->syncStatus(), &SyncStatusSource::changed, this, &SyncIndicator::refresh);
    refresh();
}

QString SyncIndicator::stateText() const
{
    switch (m_session->syncStatus()->state()) {
    case SyncStatusSource::State::Online:
        return tr("● Online");
    case SyncStatusSource::State::Syncing:
        return tr("⟳ Syncing…");
    case SyncStatusSource::State::Offline:
        return tr("○ Offline");
    }
    return {};
}

QString SyncIndicator::pendingText() const
{
    const int n = m_session->syncStatus()->pendingCount();
    return n ? tr("%n change(s) waiting to sync", nullptr, n) : tr("All changes synced");
}

QString SyncIndicator::conflictsText() const
{
    return tr("%n conflict(s)", nullptr, m_session->syncStatus()->conflictCount());
}

void SyncIndicator::refresh()
{
    const auto *s = m_session->syncStatus();
    m_state->setText(stateText());
    m_state->setToolTip(s->detail());
    m_state->setAccessibleName(tr("Connection"));
    m_state->setAccessibleDescription(stateText() + u". "_qs + s->detail());
    m_pending->setText(pendingText());
    m_pending->setAccessibleName(pendingText());
    m_conflicts->setText(conflictsText());
    m_conflicts->setAccessibleName(conflictsText());
    m_conflicts->setVisible(s->conflictCount() > 0);
    if (s->conflictCount() > 0) {
        m_conflicts->setIcon(SlaStyle::icon(SlaState::AtRisk));
    }
}

} // namespace triage
