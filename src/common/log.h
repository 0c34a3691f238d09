#pragma once

#include <spdlog/spdlog.h>

#include <QString>

#include <memory>

namespace kedai::log {

/// Sets up the console sink and, when dataDir is not empty, a rotating file in <dataDir>/logs.
/// Routes Qt's own messages into spdlog. Safe to call more than once (later calls add the file).
void init(const QString &dataDir = {}, bool verbose = false);

/// One logger per library ("store", "bot", "server", ...), created on first use.
std::shared_ptr<spdlog::logger> get(const char *name);

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
