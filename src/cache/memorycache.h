#pragma once

#include "cache/icache.h"
#include "cache/lockmanager.h"
#include "cache/ratelimiter.h"
#include "common/clock.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>

namespace kedai::cache {

/// In-process sliding-window log limiter: exact (no burst at a window edge). Thread-safe.
class MemoryRateLimiter final : public IRateLimiter
{
public:
    explicit MemoryRateLimiter(std::shared_ptr<const common::IClock> clock);
    RateDecision hit(const QString &key, int limit, qint64 windowMs) override;

private:
    std::shared_ptr<const common::IClock> m_clock;
    QMutex m_mutex;
    QHash<QString, std::deque<qint64>> m_hits;
};

/// In-process locks with TTL and owner tokens. Thread-safe.
class MemoryLockManager final : public ILockManager
{
public:
    explicit MemoryLockManager(std::shared_ptr<const common::IClock> clock);
    std::optional<QString> tryLock(const QString &key, qint64 ttlMs) override;
    bool unlock(const QString &key, const QString &token) override;
    bool extend(const QString &key, const QString &token, qint64 ttlMs) override;

private:
    struct Held
    {
        QString token;
        qint64 expiresAt = 0;
    };
    std::shared_ptr<const common::IClock> m_clock;
    QMutex m_mutex;
    QHash<QString, Held> m_locks;
};

/// Cache-aside store with TTLs; `invalidatePrefix` drops exactly the keys under a prefix.
/// Thread-safe. Also the in-process L1 in front of RedisCache.
class MemoryCache final : public ICache
{
public:
    explicit MemoryCache(std::shared_ptr<const common::IClock> clock);
    std::optional<QByteArray> get(const QString &key) override;
    void put(const QString &key, const QByteArray &value, qint64 ttlMs) override;
    void invalidate(const QString &key) override;
    void invalidatePrefix(const QString &prefix) override;
    void invalidateMany(const QStringList &keys, const QStringList &prefixes) override;
    /// Drops every entry.
    void clear();
    qint64 hits() const override { return m_hits; }
    qint64 misses() const override { return m_misses; }
    /// Entries held, expired ones not yet swept included.
    qsizetype size() const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.size();
    }

private:
    struct Entry
    {
        QByteArray value;
        qint64 expiresAt = 0;
    };
    std::shared_ptr<const common::IClock> m_clock;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    static constexpr qsizetype kMinSweepAt = 1024;
    qsizetype m_sweepAt = kMinSweepAt;
    // Atomics: read by /metrics without taking the mutex.
    std::atomic<qint64> m_hits{0};
    std::atomic<qint64> m_misses{0};
};

} // namespace kedai::cache
