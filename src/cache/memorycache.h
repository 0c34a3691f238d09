#pragma once

#include "cache/lockmanager.h"
#include "cache/ratelimiter.h"
#include "common/clock.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

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

/// Cache-aside store with TTLs; `invalidatePrefix` drops every key under a prefix. Thread-safe.
class MemoryCache
{
public:
    explicit MemoryCache(std::shared_ptr<const common::IClock> clock);
    std::optional<QByteArray> get(const QString &key);
    void put(const QString &key, const QByteArray &value, qint64 ttlMs);
    void invalidate(const QString &key);
    void invalidatePrefix(const QString &prefix);
    qint64 hits() const { return m_hits; }
    qint64 misses() const { return m_misses; }

private:
    struct Entry
    {
        QByteArray value;
        qint64 expiresAt = 0;
    };
    std::shared_ptr<const common::IClock> m_clock;
    QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

} // namespace kedai::cache
