#pragma once

#include "cache/redisconfig.h"
#include "cache/redisreply.h"
#include "cache/redisscript.h"
#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QMutex>

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

struct redisContext;

namespace kedai::cache {

struct RedisContextDeleter
{
    void operator()(redisContext *context) const;
};
/// An owned hiredis connection.
using RedisContextPtr = std::unique_ptr<redisContext, RedisContextDeleter>;

/// A blocking hiredis client that gives every calling thread its own connection (hiredis
/// contexts are not thread-safe, and one connection per bot shard keeps shards independent).
/// Connections open on first use, with AUTH and SELECT, and are re-made after any I/O error.
///
/// Errors (code `redis.unavailable`, `redis.timeout`, `redis.io`, `redis.auth`, `redis.reply`)
/// mean "Redis cannot be used now"; callers fail open. Thread-safe. Must outlive its callers'
/// use of it; each thread's connection closes when that thread ends or this object is destroyed.
class RedisConnection
{
public:
    explicit RedisConnection(RedisConfig config);
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    const RedisConfig &config() const { return m_config; }

    /// Runs one command on this thread's connection. A Redis error reply is returned as a
    /// RedisReply of type Error; an Error result means the connection failed (or timed out).
    common::Result<RedisReply> command(const QList<QByteArray> &argv);

    /// EVALSHA, loading the script first when the server does not know it (NOSCRIPT). Unlike
    /// command(), an error reply (a failing script) is returned as an Error (`redis.reply`).
    common::Result<RedisReply> eval(const RedisScript &script, const QList<QByteArray> &keys,
                                    const QList<QByteArray> &args = {});

    /// `keyPrefix + name`: every key and channel goes through this.
    QByteArray key(const QString &name) const { return m_config.keyPrefix + name.toUtf8(); }

    /// Makes every thread open a new connection before its next command. After an outage the
    /// old sockets may be half-dead; this avoids finding out one failed request at a time.
    void resetConnections() { ++m_generation; }

    /// Commands sent so far (each one a network round trip), for the benchmark.
    qint64 roundTrips() const { return m_roundTrips; }

    /// A new connection owned by the caller, with timeouts, AUTH and SELECT done (the pub/sub
    /// subscriber needs one of its own).
    static common::Result<RedisContextPtr> open(const RedisConfig &config);

private:
    struct Slot;
    Slot &localSlot();
    /// This thread's connections, one per RedisConnection (by id).
    static std::unordered_map<quint64, std::shared_ptr<Slot>> &threadSlots();

    const RedisConfig m_config;
    const quint64 m_id; ///< never reused, so a thread's slot of a dead instance is never found
    std::atomic<quint64> m_generation{0};
    std::atomic<qint64> m_roundTrips{0};
    QMutex m_slotsMutex;
    std::vector<std::weak_ptr<Slot>> m_slots; ///< every thread's slot, to close them on destruction
};

} // namespace kedai::cache
