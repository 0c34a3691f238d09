#pragma once

#include "cache/icache.h"
#include "common/result.h"
#include "store/settingsrepository.h"

#include <QString>

#include <memory>

namespace kedai::bot {

/// Cache-aside for the shop settings kept in the database (`settings:<key>`, 10 minutes). A
/// write goes to the database first and then drops the key, here and (through Redis pub/sub)
/// in every other instance.
class SettingsCache
{
public:
    SettingsCache(std::shared_ptr<store::SettingsRepository> settings, std::shared_ptr<cache::ICache> cache);

    common::Result<QString> value(const QString &key, const QString &fallback = {});
    common::Result<void> setValue(const QString &key, const QString &value, const QString &actor);

    static QString cacheKey(const QString &key) { return QStringLiteral("settings:") + key; }

private:
    std::shared_ptr<store::SettingsRepository> m_settings;
    std::shared_ptr<cache::ICache> m_cache;
};

} // namespace kedai::bot
