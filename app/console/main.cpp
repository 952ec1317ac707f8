#include "shell/ConsoleApplication.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    triage::ConsoleApplication console(app);
    if (const auto exitCode = console.prepare())
        return *exitCode;
    console.showWindow();
    return QApplication::exec();
}
