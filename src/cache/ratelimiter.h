#pragma once

#include <QString>

namespace kedai::cache {

struct RateDecision
{
    bool allowed = true;
    qint64 retryAfterMs = 0; ///< when refused: time until the oldest counted hit leaves the window
};

/// Sliding-window rate limiter seam (MemoryRateLimiter in-process, RedisRateLimiter across instances).
class IRateLimiter
{
public:
    virtual ~IRateLimiter() = default;
    /// Counts a hit for `key` if fewer than `limit` hits fell in the last `windowMs`.
    virtual RateDecision hit(const QString &key, int limit, qint64 windowMs) = 0;
};

} // namespace kedai::cache
