#include "cache/resilientcache.h"

#include "cache/cachettl.h"
#include "cache/rediscache.h"
#include "cache/redisconnection.h"
#include "cache/redislockmanager.h"
#include "cache/redisratelimiter.h"
#include "common/log.h"

namespace kedai::cache {

namespace {
constexpr int kMinBackoffMs = 100;
constexpr int kMaxBackoffMs = 5000;
constexpr int kHealthIntervalMs = 2000; ///< a ping this often while up keeps the state true when idle
constexpr qsizetype kMaxPendingReleases = 10'000;
const QString kLocalToken = QStringLiteral("local:"); ///< marks tokens issued by the in-process locks

auto logger()
{
    return log::get("cache");
}
} // namespace

ResilientCache::ResilientCache(std::optional<RedisConfig> redis, std::shared_ptr<const common::IClock> clock,
                               QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_localLimiter(clock)
    , m_localLocks(clock)
    , m_localCache(clock)
    , m_state(int(redis ? State::RedisDown : State::InProcess))
{
    if (!redis)
        return;
    m_redis = std::make_shared<RedisConnection>(std::move(*redis));
    m_redisLimiter = std::make_unique<RedisRateLimiter>(m_redis);
    m_redisLocks = std::make_unique<RedisLockManager>(m_redis);
}

common::Result<std::shared_ptr<ResilientCache>> ResilientCache::fromUrl(const QString &redisUrl,
                                                                        std::shared_ptr<const common::IClock> clock)
{
    if (redisUrl.trimmed().isEmpty())
        return std::make_shared<ResilientCache>(std::nullopt, std::move(clock));
    auto config = RedisConfig::fromUrl(redisUrl);
    if (!config)
        return config.error();
    return std::make_shared<ResilientCache>(*config, std::move(clock));
}

ResilientCache::~ResilientCache()
{
    stop();
}

QString ResilientCache::stateName(State state)
{
    switch (state) {
    case State::Redis: return QStringLiteral("redis");
    case State::RedisDown: return QStringLiteral("in-process (redis down)");
    case State::InProcess: return QStringLiteral("in-process");
    }
    return {};
}

QString ResilientCache::redisUrl() const
{
    return m_redis ? m_redis->config().displayUrl() : QString();
}

qint64 ResilientCache::redisRoundTrips() const
{
    return m_redis ? m_redis->roundTrips() : 0;
}

void ResilientCache::start()
{
    if (!m_redis || m_probeThread)
        return;
    m_redisCache = std::make_unique<RedisCache>(m_redis, m_clock);
    auto pong = m_redis->command({QByteArrayLiteral("PING")});
    if (pong && !pong->isError()) {
        logger()->info("using Redis at {} for rate limits, locks and the shared cache", redisUrl());
        setState(State::Redis);
    } else {
        logger()->warn("{}: using the in-process rate limiter, locks and cache until Redis answers",
                       pong ? QStringLiteral("Redis at %1 answered %2").arg(redisUrl(), pong->describe())
                            : pong.error().message);
    }
    {
        QMutexLocker lock(&m_probeMutex);
        m_stopping = false;
    }
    m_probeThread.reset(QThread::create([this] { runProbe(); }));
    m_probeThread->setObjectName(QStringLiteral("redis-health"));
    m_probeThread->start();
}

void ResilientCache::stop()
{
    if (!m_probeThread)
        return;
    {
        QMutexLocker lock(&m_probeMutex);
        m_stopping = true;
        m_probeWake.wakeAll();
    }
    m_probeThread->wait();
    m_probeThread.reset();
    // Quietly: this is shutdown, not an outage.
    m_state = int(State::InProcess);
    m_redisCache.reset();
}

void ResilientCache::setState(State state)
{
    if (State(m_state.exchange(int(state))) != state)
        Q_EMIT stateChanged(stateName(state));
}

void ResilientCache::markDown(const common::Error &error)
{
    int expected = int(State::Redis);
    // Only the first failing caller reports it: one log line and one signal per outage.
    if (!m_state.compare_exchange_strong(expected, int(State::RedisDown)))
        return;
    m_redis->resetConnections();
    // Entries left from an earlier outage missed everything written since.
    m_localCache.clear();
    logger()->warn("Redis failed ({}): failing open to the in-process rate limiter, locks and cache; "
                   "reconnecting in the background",
                   error.message);
    {
        QMutexLocker lock(&m_probeMutex);
        m_probeWake.wakeAll();
    }
    Q_EMIT stateChanged(stateName(State::RedisDown));
}

bool ResilientCache::tryRecover()
{
    auto pong = m_redis->command({QByteArrayLiteral("PING")});
    if (!pong || pong->isError()) {
        logger()->debug("Redis still unreachable: {}", pong ? pong->describe() : pong.error().message);
        return false;
    }
    // Writes made during the outage invalidated only in-process caches (ours and other
    // instances'), so nothing in the shared cache can be trusted any more.
    if (auto dropped = m_redisCache->dropAll(); !dropped)
        return false;
    m_redisCache->clearLocal();
    QList<QPair<QString, QString>> pending;
    {
        QMutexLocker lock(&m_pendingMutex);
        pending.swap(m_pendingReleases);
    }
    for (const auto &[key, token] : pending)
        (void)m_redisLocks->release(key, token); // compare-and-delete: harmless if it changed hands
    logger()->info("Redis at {} answers again: using it for rate limits, locks and the shared cache", redisUrl());
    setState(State::Redis);
    return true;
}

void ResilientCache::runProbe()
{
    int backoffMs = kMinBackoffMs;
    QMutexLocker lock(&m_probeMutex);
    while (!m_stopping) {
        const bool wasUp = useRedis();
        m_probeWake.wait(&m_probeMutex, QDeadlineTimer(wasUp ? kHealthIntervalMs : backoffMs));
        if (m_stopping)
            break;
        // Woken by markDown: wait the shortest backoff before the first reconnect attempt.
        if (wasUp != useRedis()) {
            backoffMs = kMinBackoffMs;
            continue;
        }
        lock.unlock();
        if (wasUp) {
            auto pong = m_redis->command({QByteArrayLiteral("PING")});
            if (!pong || pong->isError())
                markDown(pong ? common::makeError(QStringLiteral("redis.reply"), pong->describe()) : pong.error());
        } else {
            backoffMs = tryRecover() ? kMinBackoffMs : qMin(backoffMs * 2, kMaxBackoffMs);
        }
        lock.relock();
    }
}

RateDecision ResilientCache::hit(const QString &key, int limit, qint64 windowMs)
{
    if (useRedis()) {
        auto decision = m_redisLimiter->tryHit(key, limit, windowMs);
        if (decision)
            return *decision;
        markDown(decision.error());
    }
    return m_localLimiter.hit(key, limit, windowMs);
}

std::optional<QString> ResilientCache::tryLock(const QString &key, qint64 ttlMs)
{
    if (useRedis()) {
        auto token = m_redisLocks->acquire(key, ttlMs);
        if (token)
            return *token;
        markDown(token.error());
    }
    auto token = m_localLocks.tryLock(key, ttlMs);
    return token ? std::optional<QString>(kLocalToken + *token) : std::nullopt;
}

bool ResilientCache::unlock(const QString &key, const QString &token)
{
    if (token.startsWith(kLocalToken))
        return m_localLocks.unlock(key, token.mid(kLocalToken.size()));
    if (useRedis()) {
        auto released = m_redisLocks->release(key, token);
        if (released)
            return *released;
        markDown(released.error());
    }
    if (!m_redis)
        return false; // not a token this object issued
    QMutexLocker lock(&m_pendingMutex);
    if (m_pendingReleases.size() < kMaxPendingReleases)
        m_pendingReleases.append({key, token});
    return false;
}

bool ResilientCache::extend(const QString &key, const QString &token, qint64 ttlMs)
{
    if (token.startsWith(kLocalToken))
        return m_localLocks.extend(key, token.mid(kLocalToken.size()), ttlMs);
    if (useRedis()) {
        auto renewed = m_redisLocks->renew(key, token, ttlMs);
        if (renewed)
            return *renewed;
        markDown(renewed.error());
    }
    return false; // ownership cannot be checked without Redis: the caller must not assume it
}

std::optional<QByteArray> ResilientCache::get(const QString &key)
{
    if (useRedis()) {
        auto value = m_redisCache->fetch(key);
        if (value)
            return *value;
        markDown(value.error());
    }
    return m_localCache.get(key);
}

void ResilientCache::put(const QString &key, const QByteArray &value, qint64 ttlMs)
{
    if (useRedis()) {
        auto stored = m_redisCache->store(key, value, ttlMs);
        if (stored)
            return;
        markDown(stored.error());
    }
    // While Redis is down other instances' invalidations cannot reach us: keep entries briefly.
    const bool alone = state() == State::InProcess;
    m_localCache.put(key, value, alone ? ttlMs : qMin(ttlMs, CacheTtl::kDegradedMs));
}

void ResilientCache::invalidate(const QString &key)
{
    invalidateMany({key}, {});
}

void ResilientCache::invalidatePrefix(const QString &prefix)
{
    invalidateMany({}, {prefix});
}

void ResilientCache::invalidateMany(const QStringList &keys, const QStringList &prefixes)
{
    if (useRedis()) {
        auto dropped = m_redisCache->dropMany(keys, prefixes);
        if (dropped)
            return;
        markDown(dropped.error());
    }
    m_localCache.invalidateMany(keys, prefixes);
}

qint64 ResilientCache::hits() const
{
    return (m_redisCache ? m_redisCache->hits() : 0) + m_localCache.hits();
}

qint64 ResilientCache::misses() const
{
    return (m_redisCache ? m_redisCache->misses() : 0) + m_localCache.misses();
}

} // namespace kedai::cache
