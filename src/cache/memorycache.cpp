#include "cache/memorycache.h"

#include "common/ids.h"

namespace kedai::cache {

MemoryRateLimiter::MemoryRateLimiter(std::shared_ptr<const common::IClock> clock) : m_clock(std::move(clock)) {}

RateDecision MemoryRateLimiter::hit(const QString &key, int limit, qint64 windowMs)
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    auto &log = m_hits[key];
    while (!log.empty() && log.front() <= now - windowMs)
        log.pop_front();
    if (int(log.size()) >= limit)
        return RateDecision{false, log.front() + windowMs - now};
    log.push_back(now);
    return RateDecision{true, 0};
}

MemoryLockManager::MemoryLockManager(std::shared_ptr<const common::IClock> clock) : m_clock(std::move(clock)) {}

std::optional<QString> MemoryLockManager::tryLock(const QString &key, qint64 ttlMs)
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    auto it = m_locks.find(key);
    if (it != m_locks.end() && it->expiresAt > now)
        return std::nullopt;
    const QString token = common::randomToken(12);
    m_locks.insert(key, Held{token, now + ttlMs});
    return token;
}

bool MemoryLockManager::unlock(const QString &key, const QString &token)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_locks.find(key);
    if (it == m_locks.end() || it->token != token)
        return false;
    m_locks.erase(it);
    return true;
}

bool MemoryLockManager::extend(const QString &key, const QString &token, qint64 ttlMs)
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    auto it = m_locks.find(key);
    // An expired lock is lost even if nobody took it yet: Redis would have deleted it.
    if (it == m_locks.end() || it->token != token || it->expiresAt <= now)
        return false;
    it->expiresAt = now + ttlMs;
    return true;
}

MemoryCache::MemoryCache(std::shared_ptr<const common::IClock> clock) : m_clock(std::move(clock)) {}

std::optional<QByteArray> MemoryCache::get(const QString &key)
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(key);
    if (it == m_entries.end() || it->expiresAt <= now) {
        ++m_misses;
        return std::nullopt;
    }
    ++m_hits;
    return it->value;
}

void MemoryCache::put(const QString &key, const QByteArray &value, qint64 ttlMs)
{
    const qint64 now = m_clock->nowMs();
    QMutexLocker lock(&m_mutex);
    m_entries.insert(key, Entry{value, now + ttlMs});
    // Entries nobody reads again (a customer who left) would stay forever: sweep the expired
    // ones whenever the table has doubled since the last sweep, which keeps puts O(1) amortised.
    if (m_entries.size() >= m_sweepAt) {
        for (auto it = m_entries.begin(); it != m_entries.end();)
            it = it->expiresAt <= now ? m_entries.erase(it) : std::next(it);
        m_sweepAt = qMax<qsizetype>(kMinSweepAt, 2 * m_entries.size());
    }
}

void MemoryCache::invalidate(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_entries.remove(key);
}

void MemoryCache::invalidateMany(const QStringList &keys, const QStringList &prefixes)
{
    for (const QString &key : keys)
        invalidate(key);
    for (const QString &prefix : prefixes)
        invalidatePrefix(prefix);
}

void MemoryCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

void MemoryCache::invalidatePrefix(const QString &prefix)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it.key().startsWith(prefix))
            it = m_entries.erase(it);
        else
            ++it;
    }
}

} // namespace kedai::cache
