#include "MainWindow.h"

#include <QLabel>
#include <QStatusBar>

namespace triage {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Triage"));
    auto *placeholder = new QLabel(tr("The agent console is being built. See the README."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    statusBar()->showMessage(tr("Offline"));
}

MainWindow::~MainWindow() = default;

} // namespace triage
