#include "common/log.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <QDir>
#include <QMutex>

#include <vector>

namespace kedai::log {

namespace {
QMutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
QString g_logFile;
spdlog::level::level_enum g_level = spdlog::level::info;

void qtHandler(QtMsgType type, const QMessageLogContext &, const QString &msg)
{
    auto logger = get("qt");
    const std::string text = msg.toStdString();
    switch (type) {
    case QtDebugMsg: logger->debug(text); break;
    case QtInfoMsg: logger->info(text); break;
    case QtWarningMsg: logger->warn(text); break;
    case QtCriticalMsg:
    case QtFatalMsg: logger->error(text); break;
    }
}

void ensureConsole()
{
    if (g_sinks.empty()) {
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        g_sinks.push_back(console);
    }
}
} // namespace

void init(const QString &dataDir, bool verbose)
{
    QMutexLocker lock(&g_mutex);
    ensureConsole();
    if (qEnvironmentVariableIsSet("KEDAI_LOG_LEVEL"))
        g_level = spdlog::level::from_str(qEnvironmentVariable("KEDAI_LOG_LEVEL").toStdString());
    else
        g_level = verbose ? spdlog::level::debug : spdlog::level::info;
    if (!dataDir.isEmpty() && g_logFile.isEmpty()) {
        const QString dir = QDir(dataDir).filePath(QStringLiteral("logs"));
        QDir().mkpath(dir);
        g_logFile = QDir(dir).filePath(QStringLiteral("kedai.log"));
        g_sinks.push_back(
            std::make_shared<spdlog::sinks::rotating_file_sink_mt>(g_logFile.toStdString(), 5 * 1024 * 1024, 3));
    }
    spdlog::apply_all([](std::shared_ptr<spdlog::logger> l) {
        l->sinks() = g_sinks;
        l->set_level(g_level);
    });
    qInstallMessageHandler(qtHandler);
}

std::shared_ptr<spdlog::logger> get(const char *name)
{
    if (auto existing = spdlog::get(name))
        return existing;
    QMutexLocker lock(&g_mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    ensureConsole();
    auto logger = std::make_shared<spdlog::logger>(name, g_sinks.begin(), g_sinks.end());
    logger->set_level(g_level);
    logger->flush_on(spdlog::level::warn);
    spdlog::register_logger(logger);
    return logger;
}

} // namespace kedai::log
