#pragma once

#include "cache/ratelimiter.h"
#include "cache/redisconnection.h"
#include "common/result.h"

#include <memory>

namespace kedai::cache {

/// Sliding-window log limiter in Redis: one sorted set of hit timestamps per key, checked and
/// updated by one Lua script, so it is exact under concurrency and at window edges (no double
/// burst as with fixed windows). Time is the Redis server's, so every instance agrees.
/// Keys are used as given: callers name them `kedai:rl:<name>` (e.g. `kedai:rl:buy:<customer>`).
/// One round trip per hit. Thread-safe.
class RedisRateLimiter final : public IRateLimiter
{
public:
    explicit RedisRateLimiter(std::shared_ptr<RedisConnection> redis);

    /// The decision, or an Error when Redis cannot be used.
    common::Result<RateDecision> tryHit(const QString &key, int limit, qint64 windowMs);

    /// Fails open (allowed) when Redis cannot be used: the limit protects load, not correctness.
    /// ResilientCache falls back to the in-process limiter instead.
    RateDecision hit(const QString &key, int limit, qint64 windowMs) override;

private:
    std::shared_ptr<RedisConnection> m_redis;
};

} // namespace kedai::cache
