#pragma once

#include "domain/Clock.h"

#include <QTimer>
#include <QWidget>

namespace triage {

class WallController;

// The wall dashboard window: full screen, dark, no input needed. One timer drives both the
// countdowns (repaint each second, computed from fixed due instants) and the page rotation.
class WallWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit WallWindow(WallController *controller, QWidget *parent = nullptr);

    int page() const { return m_page; }
    int pageCount() const;
    void setRotateSeconds(int s) { m_rotateSeconds = s; }
    // For tests and screenshots: the clock the countdowns use (default: the system clock).
    void setClock(const Clock *clock) { m_clock = clock; } // null: the process-wide clock
    qint64 paintCount() const { return m_paints; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void tick();

    WallController *m_controller;
    QTimer m_tick;
    int m_page = 0;
    int m_secondsOnPage = 0;
    int m_rotateSeconds = 15;
    qint64 m_paints = 0;
    const Clock *m_clock = nullptr;
};

} // namespace triage
