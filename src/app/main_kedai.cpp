// kedai: the desktop application (the engine on worker threads, the window on the GUI thread).
#include "app/signalwatcher.h"
#include "common/log.h"
#include "engine/appoptions.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/dialogs/firstrundialog.h"
#include "gui/dialogs/signindialog.h"
#include "gui/mainwindow.h"
#include "gui/session.h"

#include <QApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

namespace {

/// Waits for an engine answer with the event loop running (nothing else is on screen yet).
template<typename T>
T await(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.isCanceled() ? T{} : future.result();
}

void fail(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    QMessageBox::critical(nullptr, QStringLiteral("Kedai"), text);
}

/// Scripts and screenshots: KEDAI_DESKTOP_USER and KEDAI_DESKTOP_PASSWORD sign in without the
/// dialog, still checked by Engine::login (on the very first run they create the owner). The
/// password is taken out of the environment at once and never printed.
std::optional<kedai::common::Result<kedai::domain::StaffUser>> signInFromEnvironment(kedai::engine::Engine &engine,
                                                                                     int accounts)
{
    const QString user = qEnvironmentVariable("KEDAI_DESKTOP_USER");
    const QString password = qEnvironmentVariable("KEDAI_DESKTOP_PASSWORD");
    qunsetenv("KEDAI_DESKTOP_PASSWORD");
    if (user.isEmpty() || password.isEmpty())
        return std::nullopt;
    if (accounts == 0) {
        auto owner = await(engine.createFirstOwner(user, user, password));
        if (!owner)
            return kedai::common::Result<kedai::domain::StaffUser>(owner.error());
    }
    return await(engine.login(user, password));
}

/// The first run's owner account, then the sign-in. nullopt: the user cancelled (quit).
std::optional<kedai::domain::StaffUser> signIn(kedai::engine::Engine &engine, int &exitCode)
{
    using kedai::gui::FirstRunDialog;
    using kedai::gui::SignInDialog;
    const auto count = await(engine.staffAccountCount());
    if (!count) {
        fail(QApplication::translate("main", "Kedai cannot read the accounts:\n%1").arg(count.error().message));
        exitCode = 1;
        return std::nullopt;
    }
    if (auto fromEnv = signInFromEnvironment(engine, *count)) {
        if (*fromEnv)
            return fromEnv->value();
        // The message never contains the password.
        std::fprintf(stderr, "Kedai: signing in as KEDAI_DESKTOP_USER failed: %s\n",
                     qPrintable(fromEnv->error().message));
        exitCode = 1;
        return std::nullopt;
    }
    if (*count == 0) {
        FirstRunDialog firstRun(&engine);
        if (firstRun.exec() != QDialog::Accepted)
            return std::nullopt;
        return firstRun.user();
    }
    SignInDialog dialog(&engine);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.user();
}

} // namespace

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

    // The bot keeps serving customers while the sign-in waits: the engine runs already.
    int exitCode = 0;
    const auto user = signIn(engine, exitCode);
    if (!user) {
        engine.stop();
        kedai::gui::drainPendingResults();
        return exitCode;
    }
    kedai::gui::Session session(*user);

    // The owner switching the language gets the window again in it, where it was.
    std::unique_ptr<kedai::gui::MainWindow> window;
    std::function<void()> openWindow;
    openWindow = [&] {
        window = std::make_unique<kedai::gui::MainWindow>(&engine, &session);
        QObject::connect(window.get(), &kedai::gui::MainWindow::languageChangeRequested, &app,
                         [&](const QString &code) {
                             // Not from inside the old window's own signal: after it returns.
                             QTimer::singleShot(0, &app, [&, code] {
                                 // Closing the only window would quit the application.
                                 QApplication::setQuitOnLastWindowClosed(false);
                                 std::unique_ptr<kedai::gui::MainWindow> old = std::move(window);
                                 old->close(); // saves the layout the new one restores
                                 old.reset();
                                 kedai::gui::installTranslations(app, code);
                                 openWindow();
                                 QApplication::setQuitOnLastWindowClosed(true);
                             });
                         });
        window->show();
    };
    openWindow();
    if (!options.screenshotsDir.isEmpty()) {
        QObject::connect(window.get(), &kedai::gui::MainWindow::screenshotsDone, &app, [&](bool ok) {
            std::printf("Kedai: screenshots %s in %s\n", ok ? "saved" : "FAILED", qPrintable(options.screenshotsDir));
            app.exit(ok ? 0 : 1);
        });
        window->takeScreenshots(options.screenshotsDir);
    }
    const int rc = app.exec();
    window.reset();
    engine.stop();
    kedai::gui::drainPendingResults();
    return rc;
}
