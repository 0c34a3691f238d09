#pragma once

#include "common/config.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace kedai::engine {

/// The command line shared by `kedai` and `kedaid`: --data-dir, --http, --demo, --verbose
/// (--chat for kedaid, --screenshots for kedai), --help and --version. Flags become config keys (later-wins
/// precedence over the settings file and the environment).
struct AppOptions
{
    QHash<QString, QString> flags;
    QString chatNumber;     ///< kedaid --chat NUMBER
    QString screenshotsDir; ///< kedai --screenshots DIR
    bool verbose = false;

    /// Parses the application's arguments. On --help/--version or an error it prints and
    /// returns the exit code to use; otherwise nullopt.
    std::optional<int> parse(const QCoreApplication &app, bool withChat);

    /// Loads the Config from flags + environment; prints a clear error on failure.
    std::optional<common::Config> loadConfig() const;
};

/// The start-up banner: where the data lives, the HTTP endpoint, the admin token.
QString startupBanner(const common::Config &config, const QString &httpUrl);

} // namespace kedai::engine
