#include "MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"triage"_qs);
    QApplication::setOrganizationName(u"Triage"_qs);
    QApplication::setApplicationVersion(QStringLiteral(TRIAGE_VERSION));
    triage::MainWindow window;
    window.show();
    return QApplication::exec();
}
