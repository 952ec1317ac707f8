#include "WallWindow.h"

#include "WallController.h"
#include "WallPainter.h"

#include <QDateTime>
#include <QPainter>

namespace triage {

WallWindow::WallWindow(WallController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setWindowTitle(tr("Triage — wall"));
    setAccessibleName(tr("Service desk wall dashboard"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::BlankCursor);
    setMinimumSize(640, 360);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &WallWindow::tick);
    m_tick.start();
    connect(m_controller, &WallController::updated, this, [this] { update(); });
}

int WallWindow::pageCount() const
{
    return m_controller->hasData() ? WallPainter::pageCount(m_controller->data(), size()) : 1;
}

void WallWindow::tick()
{
    if (++m_secondsOnPage >= m_rotateSeconds) {
        m_secondsOnPage = 0;
        m_page = (m_page + 1) % std::max(1, pageCount());
    }
    if (isVisible())
        update();
}

void WallWindow::paintEvent(QPaintEvent *)
{
    ++m_paints;
    const qint64 local = nowBy(m_clock);
    QPainter p(this);
    WallPainter::State st;
    st.data = m_controller->hasData() ? &m_controller->data() : nullptr;
    st.localNowMs = local;
    st.nowMs = local + m_controller->clockOffsetMs();
    st.stale = m_controller->isStale();
    st.receivedAtMs = m_controller->receivedAtMs();
    st.problem = m_controller->problem();
    st.page = m_page;
    WallPainter::paint(p, size(), st);
}

} // namespace triage
