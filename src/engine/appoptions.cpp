#include "engine/appoptions.h"

#include "common/ids.h"

#include <QCommandLineParser>

#include <cstdio>

namespace kedai::engine {

std::optional<int> AppOptions::parse(const QCoreApplication &app, bool withChat)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kedai: shop management with a WhatsApp sales bot.\n"
                       "Settings come from <data dir>/kedai.conf, then the environment (DATABASE_URL, REDIS_URL,\n"
                       "HTTP_ADDR, KEDAI_ADMIN_TOKEN, OWNER_NUMBERS, RATE_LIMIT_BUY, ...), then these options."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data folder (database, logs, media)."),
                                     QStringLiteral("path"));
    const QCommandLineOption http(QStringLiteral("http"),
                                  QStringLiteral(
                                      "Webhook endpoint HOST:PORT (default 127.0.0.1:8080; :8080 = all interfaces)."),
                                  QStringLiteral("host:port"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Create the demo shop on first run."));
    const QCommandLineOption verboseOpt(QStringLiteral("verbose"), QStringLiteral("Log debug messages."));
    const QCommandLineOption chat(QStringLiteral("chat"),
                                  QStringLiteral("Chat with the bot in this terminal as the customer NUMBER."),
                                  QStringLiteral("number"));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral(
                                             "Show every tab of the window in turn, save each as a PNG in DIR and quit "
                                             "(scripts/screenshots.sh; use a demo data folder)."),
                                         QStringLiteral("dir"));
    parser.addOptions({dataDir, http, demo, verboseOpt});
    if (withChat)
        parser.addOption(chat);
    else
        parser.addOption(screenshots);

    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "%s\nTry --help.\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(app.applicationName()), qPrintable(app.applicationVersion()));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "Unexpected argument \"%s\". Try --help.\n",
                     qPrintable(parser.positionalArguments().first()));
        return 2;
    }
    if (parser.isSet(dataDir))
        flags.insert(QStringLiteral("KEDAI_DATA_DIR"), parser.value(dataDir));
    if (parser.isSet(http))
        flags.insert(QStringLiteral("HTTP_ADDR"), parser.value(http));
    if (parser.isSet(demo))
        flags.insert(QStringLiteral("KEDAI_DEMO"), QStringLiteral("1"));
    verbose = parser.isSet(verboseOpt);
    if (!withChat && parser.isSet(screenshots))
        screenshotsDir = parser.value(screenshots);
    if (withChat && parser.isSet(chat)) {
        chatNumber = common::normalizePhone(parser.value(chat));
        if (chatNumber.isEmpty()) {
            std::fprintf(stderr, "--chat needs a phone number such as 628111000001 (got \"%s\").\n",
                         qPrintable(parser.value(chat)));
            return 2;
        }
    }
    return std::nullopt;
}

std::optional<common::Config> AppOptions::loadConfig() const
{
    auto config = common::Config::load(flags, common::Config::systemEnvironment());
    if (!config) {
        std::fprintf(stderr, "Kedai cannot start: %s\n", qPrintable(config.error().message));
        return std::nullopt;
    }
    return config.value();
}

QString startupBanner(const common::Config &config, const QString &httpUrl)
{
    QString out;
    out += QStringLiteral("Kedai %1\n").arg(QStringLiteral(KEDAI_VERSION));
    out += QStringLiteral("  Data folder : %1\n").arg(config.dataDir);
    out += QStringLiteral("  Settings    : %1\n").arg(config.settingsPath());
    const QString db = config.sqlitePath().isEmpty() ? QStringLiteral("PostgreSQL") : config.sqlitePath();
    out += QStringLiteral("  Database    : %1\n").arg(db);
    out += QStringLiteral("  HTTP        : %1  (GET %1/healthz)\n").arg(httpUrl);
    out += QStringLiteral("  Admin token : %1%2\n")
               .arg(config.adminToken,
                    config.adminTokenGenerated ? QStringLiteral("  (new; saved in the settings file)") : QString());
    out += QStringLiteral(
               "  Try         : curl -s -H 'Authorization: Bearer %1' -H 'Content-Type: application/json' \\\n"
               "                -d '{\"from\":\"628111000001\",\"text\":\"stok\"}' %2/api/simulator/messages\n")
               .arg(config.adminToken, httpUrl);
    return out;
}

} // namespace kedai::engine
