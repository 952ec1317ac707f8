#pragma once

#include <QMainWindow>

namespace triage {

// The console's shell: menus, status bar and the feature views. Behaviour lives in controllers.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;
};

} // namespace triage
