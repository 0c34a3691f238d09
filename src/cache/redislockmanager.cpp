#include "cache/redislockmanager.h"

#include "common/ids.h"

namespace kedai::cache {

namespace {
// Compare-and-delete / compare-and-pexpire: GET and the change must be one atomic step, or the
// lock could expire and change hands between them.
const RedisScript kRelease(QByteArrayLiteral(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
)lua"));

const RedisScript kExtend(QByteArrayLiteral(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
)lua"));
} // namespace

RedisLockManager::RedisLockManager(std::shared_ptr<RedisConnection> redis) : m_redis(std::move(redis)) {}

common::Result<std::optional<QString>> RedisLockManager::acquire(const QString &key, qint64 ttlMs)
{
    const QString token = common::randomToken(16);
    auto reply = m_redis->command({QByteArrayLiteral("SET"), m_redis->key(key), token.toLatin1(),
                                   QByteArrayLiteral("NX"), QByteArrayLiteral("PX"), QByteArray::number(ttlMs)});
    if (!reply)
        return reply.error();
    if (reply->isError())
        return common::makeError(QStringLiteral("redis.reply"), reply->describe());
    // NX answers nil when the key exists: someone else holds the lock.
    if (reply->isNil())
        return std::optional<QString>();
    return std::optional<QString>(token);
}

common::Result<bool> RedisLockManager::release(const QString &key, const QString &token)
{
    auto reply = m_redis->eval(kRelease, {m_redis->key(key)}, {token.toLatin1()});
    if (!reply)
        return reply.error();
    return reply->toInteger() == 1;
}

common::Result<bool> RedisLockManager::renew(const QString &key, const QString &token, qint64 ttlMs)
{
    auto reply = m_redis->eval(kExtend, {m_redis->key(key)}, {token.toLatin1(), QByteArray::number(ttlMs)});
    if (!reply)
        return reply.error();
    return reply->toInteger() == 1;
}

std::optional<QString> RedisLockManager::tryLock(const QString &key, qint64 ttlMs)
{
    auto token = acquire(key, ttlMs);
    return token ? *token : std::optional<QString>(common::randomToken(16));
}

bool RedisLockManager::unlock(const QString &key, const QString &token)
{
    auto released = release(key, token);
    return released && *released;
}

bool RedisLockManager::extend(const QString &key, const QString &token, qint64 ttlMs)
{
    auto renewed = renew(key, token, ttlMs);
    return renewed && *renewed;
}

} // namespace kedai::cache
