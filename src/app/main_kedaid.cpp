// kedaid: the Kedai engine without a window (no Qt Widgets linked).
#include "app/chatconsole.h"
#include "app/signalwatcher.h"
#include "common/log.h"
#include "engine/appoptions.h"
#include "engine/engine.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kedaid"));
    QCoreApplication::setOrganizationName(QStringLiteral("kedai"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEDAI_VERSION));

    kedai::engine::AppOptions options;
    if (const auto exitCode = options.parse(app, true))
        return *exitCode;
    const auto config = options.loadConfig();
    if (!config)
        return 1;
    kedai::log::init(config->dataDir, options.verbose);

    kedai::engine::Engine engine(*config);
    if (auto started = engine.start(); !started) {
        std::fprintf(stderr, "Kedai cannot start: %s\n", qPrintable(started.error().message));
        return 1;
    }
    const bool chat = !options.chatNumber.isEmpty();
    if (!chat) {
        std::fputs(qPrintable(kedai::engine::startupBanner(engine.config(), engine.httpUrl())), stdout);
        std::fflush(stdout);
    }

    kedai::app::SignalWatcher watcher;
    QObject::connect(&watcher, &kedai::app::SignalWatcher::terminationRequested, &app, [](int sig) {
        kedai::log::get("app")->info("signal {} received: stopping", sig);
        QCoreApplication::quit();
    });

    std::unique_ptr<kedai::app::ChatConsole> console;
    if (chat) {
        console = std::make_unique<kedai::app::ChatConsole>(&engine, options.chatNumber);
        console->start();
    }
    const int rc = app.exec();
    console.reset();
    engine.stop();
    kedai::log::get("app")->info("stopped cleanly");
    return rc;
}
