#pragma once

#include "cache/lockmanager.h"
#include "cache/redisconnection.h"
#include "common/result.h"

#include <memory>

namespace kedai::cache {

/// Locks shared by every instance: `SET key token NX PX ttl` with a random token; release and
/// extend compare the token in Lua, so a lock that expired and was taken by someone else is
/// never released or extended by its former owner. Keys are used as given: callers name them
/// `kedai:lock:<name>`. One round trip per call. Thread-safe.
class RedisLockManager final : public ILockManager
{
public:
    explicit RedisLockManager(std::shared_ptr<RedisConnection> redis);

    /// A token, nullopt when held by someone else, or an Error when Redis cannot be used.
    common::Result<std::optional<QString>> acquire(const QString &key, qint64 ttlMs);
    common::Result<bool> release(const QString &key, const QString &token);
    common::Result<bool> renew(const QString &key, const QString &token, qint64 ttlMs);

    /// The interface fails open when Redis cannot be used (tryLock hands out a token nobody
    /// holds, like the limiter allowing): locks protect users, the database protects the data.
    /// ResilientCache falls back to in-process locks instead.
    std::optional<QString> tryLock(const QString &key, qint64 ttlMs) override;
    bool unlock(const QString &key, const QString &token) override;
    bool extend(const QString &key, const QString &token, qint64 ttlMs) override;

private:
    std::shared_ptr<RedisConnection> m_redis;
};

} // namespace kedai::cache
