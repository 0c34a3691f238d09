#pragma once

#include "cache/icache.h"
#include "cache/lockmanager.h"
#include "cache/memorycache.h"
#include "cache/ratelimiter.h"
#include "cache/redisconfig.h"
#include "common/clock.h"
#include "common/result.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>
#include <optional>

namespace kedai::cache {

class RedisCache;
class RedisConnection;
class RedisLockManager;
class RedisRateLimiter;

/// The limiter, locks and cache the engine uses: Redis while it answers, the in-process
/// implementations otherwise.
///
/// Fail-open: the first failed Redis call switches every caller to the in-process
/// implementations at once (that call included: it is answered in-process), logs once and
/// emits stateChanged. While Redis is down no request touches it; a background thread
/// reconnects with exponential backoff (100 ms .. 5 s) and switches back by itself, after
/// invalidating the whole shared cache (writes made meanwhile did not reach it). While Redis
/// is up the same thread pings it every few seconds so the state is right even when idle.
///
/// Lock tokens remember where they were issued, so a lock taken in-process is released
/// in-process even if Redis came back meanwhile. Thread-safe.
class ResilientCache final
    : public QObject
    , public IRateLimiter
    , public ILockManager
    , public ICache
{
    Q_OBJECT

public:
    enum class State { Redis, RedisDown, InProcess };

    /// With `redis` unset, only the in-process implementations (the embedded default). Does
    /// not touch the network: call start().
    ResilientCache(std::optional<RedisConfig> redis, std::shared_ptr<const common::IClock> clock,
                   QObject *parent = nullptr);
    /// From REDIS_URL; an empty URL means in-process only. Errors only for a malformed URL.
    static common::Result<std::shared_ptr<ResilientCache>> fromUrl(const QString &redisUrl,
                                                                   std::shared_ptr<const common::IClock> clock);
    ~ResilientCache() override;

    /// Tries Redis once (bounded by the connect and command timeouts: under a second even when
    /// Redis hangs), then starts the background thread and the cache's subscriber. Without
    /// Redis it does nothing. Connect to stateChanged first to see the initial switch.
    void start();
    /// Stops the background thread and the subscriber; later calls are in-process. Call it
    /// once no other thread uses this object (after the bot shards stopped); the destructor does.
    void stop();

    State state() const { return State(m_state.load()); }
    /// "redis", "in-process (redis down)" or "in-process", for /healthz, /metrics and the UI.
    QString stateName() const { return stateName(state()); }
    static QString stateName(State state);
    /// The Redis URL with the password masked; empty without Redis.
    QString redisUrl() const;
    /// Redis commands sent so far by all threads (the benchmark's round trips per purchase).
    qint64 redisRoundTrips() const;

    RateDecision hit(const QString &key, int limit, qint64 windowMs) override;

    std::optional<QString> tryLock(const QString &key, qint64 ttlMs) override;
    bool unlock(const QString &key, const QString &token) override;
    bool extend(const QString &key, const QString &token, qint64 ttlMs) override;

    std::optional<QByteArray> get(const QString &key) override;
    void put(const QString &key, const QByteArray &value, qint64 ttlMs) override;
    void invalidate(const QString &key) override;
    void invalidatePrefix(const QString &prefix) override;
    void invalidateMany(const QStringList &keys, const QStringList &prefixes) override;
    qint64 hits() const override;
    qint64 misses() const override;

Q_SIGNALS:
    /// Emitted from whichever thread noticed the change (use a queued connection for the GUI).
    void stateChanged(const QString &state);

private:
    bool useRedis() const { return state() == State::Redis; }
    void setState(State state);
    void markDown(const common::Error &error);
    /// PING; on success after an outage: invalidate the shared cache, then switch back.
    bool tryRecover();
    void runProbe();

    const std::shared_ptr<const common::IClock> m_clock;
    std::shared_ptr<RedisConnection> m_redis;
    std::unique_ptr<RedisRateLimiter> m_redisLimiter;
    std::unique_ptr<RedisLockManager> m_redisLocks;
    std::unique_ptr<RedisCache> m_redisCache;
    MemoryRateLimiter m_localLimiter;
    MemoryLockManager m_localLocks;
    MemoryCache m_localCache;

    std::atomic<int> m_state;
    std::unique_ptr<QThread> m_probeThread;
    QMutex m_probeMutex;
    QWaitCondition m_probeWake;
    bool m_stopping = false; ///< guarded by m_probeMutex
    /// Redis locks whose release failed while Redis was down: released on recovery, so that a
    /// short outage does not leave customers locked out until the locks' TTL.
    QMutex m_pendingMutex;
    QList<QPair<QString, QString>> m_pendingReleases;
};

} // namespace kedai::cache
