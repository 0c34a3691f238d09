#include "cache/redisratelimiter.h"

#include <QRandomGenerator>

namespace kedai::cache {

namespace {
// KEYS[1]: the log (a sorted set). ARGV: limit, window in ms, a unique member suffix.
// Members are "<ms>-<random>" so that hits in the same millisecond are all counted.
// Returns {1, 0} when counted, {0, retryAfterMs} when refused.
const RedisScript kSlidingWindow(QByteArrayLiteral(R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
if retry < 1 then retry = 1 end
return {0, retry}
)lua"));
} // namespace

RedisRateLimiter::RedisRateLimiter(std::shared_ptr<RedisConnection> redis) : m_redis(std::move(redis)) {}

common::Result<RateDecision> RedisRateLimiter::tryHit(const QString &key, int limit, qint64 windowMs)
{
    const QByteArray member = QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    auto reply = m_redis->eval(kSlidingWindow, {m_redis->key(key)},
                               {QByteArray::number(limit), QByteArray::number(windowMs), member});
    if (!reply)
        return reply.error();
    const auto &values = reply->elements();
    if (values.size() != 2)
        return common::makeError(QStringLiteral("redis.reply"),
                                 QStringLiteral("unexpected rate limiter reply: %1").arg(reply->describe()));
    return RateDecision{values[0].toInteger() == 1, values[1].toInteger()};
}

RateDecision RedisRateLimiter::hit(const QString &key, int limit, qint64 windowMs)
{
    auto decision = tryHit(key, limit, windowMs);
    return decision ? *decision : RateDecision{true, 0};
}

} // namespace kedai::cache
