#pragma once

#include <spdlog/spdlog.h>

#include <QList>
#include <QString>

#include <memory>

namespace kedai::log {

/// Sets up the console sink and, when dataDir is not empty, a rotating file in <dataDir>/logs.
/// Routes Qt's own messages into spdlog. Safe to call more than once (later calls add the file).
void init(const QString &dataDir = {}, bool verbose = false);

/// One logger per library ("store", "bot", "server", ...), created on first use.
std::shared_ptr<spdlog::logger> get(const char *name);

/// One line of the in-memory log (the Logs panel reads these).
struct LogLine
{
    quint64 seq = 0;   ///< 1, 2, 3... in the order the lines were logged
    qint64 timeMs = 0; ///< ms since the epoch, UTC
    spdlog::level::level_enum level = spdlog::level::info;
    QString logger; ///< "engine", "bot", "qt"...
    QString text;
};

/// Every logger also writes into a ring of the last kRingLines lines, thread-safe.
constexpr int kRingLines = 5000;
/// The lines logged after `afterSeq` that are still in the ring, oldest first, at most `max`
/// (the newest ones when there are more).
QList<LogLine> linesAfter(quint64 afterSeq, int max = kRingLines);
/// The sequence number of the newest line (0: none yet).
quint64 lastSequence();

} // namespace kedai::log

/// fmt support for QString in log calls.
template<>
struct fmt::formatter<QString> : fmt::formatter<std::string_view>
{
    template<typename Ctx>
    auto format(const QString &s, Ctx &ctx) const
    {
        const QByteArray utf8 = s.toUtf8();
        return fmt::formatter<std::string_view>::format(std::string_view(utf8.constData(), size_t(utf8.size())), ctx);
    }
};
