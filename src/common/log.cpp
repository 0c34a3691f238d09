#include "common/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <QDir>
#include <QMutex>

#include <deque>
#include <mutex>
#include <vector>

namespace kedai::log {

namespace {
QMutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
QString g_logFile;
spdlog::level::level_enum g_level = spdlog::level::info;

/// The last kRingLines lines, for the Logs panel: readers poll with linesAfter().
class RingSink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex>
{
public:
    QList<LogLine> after(quint64 seq, int max)
    {
        std::lock_guard lock(m_mutex);
        QList<LogLine> out;
        if (m_lines.empty() || seq >= m_lines.back().seq || max <= 0)
            return out;
        const quint64 first = m_lines.front().seq;
        size_t start = seq < first ? 0 : size_t(seq - first + 1);
        start = std::max(start, m_lines.size() - std::min(m_lines.size(), size_t(max)));
        out.reserve(qsizetype(m_lines.size() - start));
        for (size_t i = start; i < m_lines.size(); ++i)
            out.append(m_lines[i]);
        return out;
    }
    quint64 last()
    {
        std::lock_guard lock(m_mutex);
        return m_seq;
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        LogLine line;
        line.timeMs = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
        line.level = msg.level;
        line.logger = QString::fromUtf8(msg.logger_name.data(), qsizetype(msg.logger_name.size()));
        line.text = QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size()));
        std::lock_guard lock(m_mutex);
        line.seq = ++m_seq;
        m_lines.push_back(std::move(line));
        if (m_lines.size() > size_t(kRingLines))
            m_lines.pop_front();
    }
    void flush_() override {}

private:
    std::mutex m_mutex;
    quint64 m_seq = 0;
    std::deque<LogLine> m_lines;
};

std::shared_ptr<RingSink> ringPtr()
{
    static const auto sink = std::make_shared<RingSink>();
    return sink;
}

RingSink &ring()
{
    return *ringPtr();
}

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
        g_sinks.push_back(ringPtr());
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

QList<LogLine> linesAfter(quint64 afterSeq, int max)
{
    return ring().after(afterSeq, max);
}

quint64 lastSequence()
{
    return ring().last();
}

} // namespace kedai::log
