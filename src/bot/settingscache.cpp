#include "bot/settingscache.h"

#include "cache/cachettl.h"

namespace kedai::bot {

namespace {
// A stored value may be empty: the cached bytes carry a marker for "present" so that an empty
// value is not mistaken for a missing one (which falls back).
constexpr char kPresent = 'v';
constexpr char kAbsent = '-';
} // namespace

SettingsCache::SettingsCache(std::shared_ptr<store::SettingsRepository> settings, std::shared_ptr<cache::ICache> cache)
    : m_settings(std::move(settings)), m_cache(std::move(cache))
{
}

common::Result<QString> SettingsCache::value(const QString &key, const QString &fallback)
{
    if (m_cache) {
        if (const auto bytes = m_cache->get(cacheKey(key)); bytes && !bytes->isEmpty()) {
            if (bytes->at(0) == kPresent)
                return QString::fromUtf8(bytes->mid(1));
            if (bytes->at(0) == kAbsent)
                return fallback;
        }
    }
    auto stored = m_settings->lookup(key);
    if (!stored)
        return stored.error();
    if (m_cache)
        m_cache->put(cacheKey(key), *stored ? kPresent + stored->value().toUtf8() : QByteArray(1, kAbsent),
                     cache::CacheTtl::kSettingsMs);
    return stored->value_or(fallback);
}

common::Result<void> SettingsCache::setValue(const QString &key, const QString &value, const QString &actor)
{
    auto written = m_settings->setValue(key, value, actor);
    if (written && m_cache)
        m_cache->invalidate(cacheKey(key));
    return written;
}

} // namespace kedai::bot
