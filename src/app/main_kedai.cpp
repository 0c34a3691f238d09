// kedai: the desktop application (the engine on worker threads, the window on the GUI thread).
#include "app/signalwatcher.h"
#include "common/log.h"
#include "engine/appoptions.h"
#include "engine/engine.h"
#include "gui/mainwindow.h"

#include <QApplication>
#include <QMessageBox>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kedai"));
    QApplication::setApplicationDisplayName(QStringLiteral("Kedai"));
    QApplication::setOrganizationName(QStringLiteral("kedai"));
    QApplication::setApplicationVersion(QStringLiteral(KEDAI_VERSION));

    kedai::engine::AppOptions options;
    if (const auto exitCode = options.parse(app, false))
        return *exitCode;
    const auto config = options.loadConfig();
    if (!config) {
        QMessageBox::critical(nullptr, QStringLiteral("Kedai"),
                              QStringLiteral("Kedai cannot start. Check the terminal output for the reason."));
        return 1;
    }
    kedai::log::init(config->dataDir, options.verbose);
    kedai::gui::installTranslations(app, config->language);

    kedai::engine::Engine engine(*config);
    if (auto started = engine.start(); !started) {
        std::fprintf(stderr, "Kedai cannot start: %s\n", qPrintable(started.error().message));
        QMessageBox::critical(nullptr, QStringLiteral("Kedai"),
                              QApplication::translate("main", "Kedai cannot start:\n%1").arg(started.error().message));
        return 1;
    }
    std::fputs(qPrintable(kedai::engine::startupBanner(engine.config(), engine.httpUrl())), stdout);
    std::fflush(stdout);

    kedai::app::SignalWatcher watcher;
    QObject::connect(&watcher, &kedai::app::SignalWatcher::terminationRequested, &app, &QApplication::quit);

    kedai::gui::MainWindow window(&engine);
    window.show();
    const int rc = app.exec();
    engine.stop();
    return rc;
}
