#pragma once

#include "cache/icache.h"
#include "cache/memorycache.h"
#include "cache/redisconnection.h"
#include "cache/redissubscriber.h"
#include "common/clock.h"
#include "common/result.h"

#include <QMutex>
#include <QStringList>

#include <atomic>
#include <memory>

namespace kedai::cache {

/// Two-level cache shared by every instance: an in-process L1 (MemoryCache) in front of Redis.
///
/// Prefix invalidation needs no KEYS/SCAN: every colon-separated group of a key ("", "catalog:")
/// has a generation counter, and the Redis key of a value includes the generations it was
/// written under, so one INCR orphans a whole group (the orphans expire by their TTL).
/// Invalidations are published on `kedai:invalidate`; every instance's subscriber drops its L1
/// entries on arrival. While the subscriber is not connected the L1 is bypassed, and it is
/// cleared on every (re)subscribe, because messages sent meanwhile are lost.
///
/// One round trip per L1 miss, put or invalidation. Thread-safe.
class RedisCache final : public ICache
{
public:
    /// The pub/sub channel (after RedisConfig::keyPrefix) that carries invalidations.
    static constexpr char kChannel[] = "kedai:invalidate";

    /// Starts the subscriber thread at once.
    RedisCache(std::shared_ptr<RedisConnection> redis, std::shared_ptr<const common::IClock> clock);
    ~RedisCache() override;

    /// The value, nullopt on a miss, or an Error when Redis cannot be used.
    common::Result<std::optional<QByteArray>> fetch(const QString &key);
    common::Result<void> store(const QString &key, const QByteArray &value, qint64 ttlMs);
    /// Drop from Redis, from this L1 and (by pub/sub) from every other instance's L1.
    common::Result<void> drop(const QString &key) { return dropMany({key}, {}); }
    /// Drops the group of `prefix` (see groupOf) everywhere.
    common::Result<void> dropPrefix(const QString &prefix) { return dropMany({}, {prefix}); }
    /// Keys and groups at once, in one round trip.
    common::Result<void> dropMany(const QStringList &keys, const QStringList &prefixes);
    /// Drops everything everywhere: after an outage, when invalidations may have been missed.
    common::Result<void> dropAll() { return dropPrefix({}); }
    /// Drops this instance's L1 only.
    void clearLocal();

    bool isSubscribed() const { return m_subscriber->isSubscribed(); }
    qint64 localHits() const { return m_localHits; }
    qint64 redisHits() const { return m_redisHits; }

    /// ICache: Redis errors count as misses and are otherwise ignored (ResilientCache uses the
    /// Result methods above to fall back to the in-process cache).
    std::optional<QByteArray> get(const QString &key) override;
    void put(const QString &key, const QByteArray &value, qint64 ttlMs) override;
    void invalidate(const QString &key) override;
    void invalidatePrefix(const QString &prefix) override;
    void invalidateMany(const QStringList &keys, const QStringList &prefixes) override;
    qint64 hits() const override { return m_localHits + m_redisHits; }
    qint64 misses() const override { return m_misses; }

    /// The group that invalidating `prefix` drops: `prefix` cut back to its last ':'
    /// ("catalog:go" -> "catalog:"; "catalog" -> "", everything). Never less than asked.
    static QString groupOf(const QString &prefix);

private:
    QList<QByteArray> generationKeys(const QString &key) const;
    /// Puts into L1 unless an invalidation raced with the caller since it read `epoch`.
    void putLocal(const QString &key, const QByteArray &value, qint64 ttlMs, quint64 epoch);
    /// Bumps the epoch and logs what an L1 drop is about to remove.
    void noteDropped(const QStringList &keys, const QStringList &groups, bool everything);
    /// Whether a drop logged after `epoch` concerns `key` (true when the log is too short to tell).
    bool droppedSince(quint64 epoch, const QString &key) const;
    void onMessage(const QByteArray &payload);
    void onSubscription(bool subscribed);

    std::shared_ptr<RedisConnection> m_redis;
    MemoryCache m_local;
    /// Bumped before every L1 drop; a reader that saw another value may not fill L1.
    std::atomic<quint64> m_epoch{0};
    struct Dropped
    {
        quint64 epoch = 0;
        QStringList keys;
        QStringList groups; ///< prefixes (the empty group is everything)
        bool everything = false;
    };
    static constexpr qsizetype kDroppedKept = 256;
    mutable QMutex m_droppedMutex;
    QList<Dropped> m_dropped;    ///< the latest drops, oldest first
    quint64 m_forgottenUpTo = 0; ///< epoch of the newest drop no longer in m_dropped
    std::atomic<bool> m_trustLocal{false};
    std::atomic<qint64> m_localHits{0};
    std::atomic<qint64> m_redisHits{0};
    std::atomic<qint64> m_misses{0};
    std::unique_ptr<RedisSubscriber> m_subscriber;
};

} // namespace kedai::cache
