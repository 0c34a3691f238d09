#include "cache/rediscache.h"

#include <QMutexLocker>

namespace kedai::cache {

namespace {
// Shared prologue: KEYS are the generation counters of the key's groups, outermost first;
// ARGV[1] is the value key stem, ARGV[2] the key. The value key is
// <stem><gen>.<gen>...:<key>, e.g. kedai:cache:v:3.0:catalog:gold.
QByteArray withValueKey(const char *body)
{
    return QByteArrayLiteral("local gens = {}\n"
                             "for i, k in ipairs(KEYS) do gens[i] = redis.call('GET', k) or '0' end\n"
                             "local vk = ARGV[1] .. table.concat(gens, '.') .. ':' .. ARGV[2]\n")
           + body;
}

// Returns {value, remaining ms} or nil.
const RedisScript kGet(withValueKey(R"lua(
local v = redis.call('GET', vk)
if not v then return false end
return {v, redis.call('PTTL', vk)}
)lua"));

// ARGV[3]: value, ARGV[4]: ttl in ms.
const RedisScript kPut(withValueKey(R"lua(
redis.call('SET', vk, ARGV[3], 'PX', ARGV[4])
return 1
)lua"));

// Drops keys and groups and tells every instance, in one call. ARGV: value key stem, channel,
// number of keys; per key: number of generation keys, the generation keys, the key; then per
// group: its generation key, the group. (ARGV rather than KEYS: the layout is variable.)
const RedisScript kDrop(QByteArrayLiteral(R"lua(
local stem, channel = ARGV[1], ARGV[2]
local i = 4
for _ = 1, tonumber(ARGV[3]) do
  local n = tonumber(ARGV[i])
  local gens = {}
  for j = 1, n do gens[j] = redis.call('GET', ARGV[i + j]) or '0' end
  local key = ARGV[i + n + 1]
  redis.call('DEL', stem .. table.concat(gens, '.') .. ':' .. key)
  redis.call('PUBLISH', channel, 'k:' .. key)
  i = i + n + 2
end
while i < #ARGV do
  redis.call('INCR', ARGV[i])
  redis.call('PUBLISH', channel, 'p:' .. ARGV[i + 1])
  i = i + 2
end
return 1
)lua"));

const QString kGenerationStem = QStringLiteral("kedai:cache:gen:");
const QString kValueStem = QStringLiteral("kedai:cache:v:");
} // namespace

RedisCache::RedisCache(std::shared_ptr<RedisConnection> redis, std::shared_ptr<const common::IClock> clock)
    : m_redis(std::move(redis)), m_local(std::move(clock))
{
    RedisSubscriber::Callbacks callbacks;
    callbacks.onMessage = [this](const QByteArray &payload) { onMessage(payload); };
    callbacks.onState = [this](bool subscribed) { onSubscription(subscribed); };
    m_subscriber = std::make_unique<RedisSubscriber>(m_redis->config(), QByteArray(kChannel), std::move(callbacks));
    m_subscriber->start();
}

RedisCache::~RedisCache()
{
    // The callbacks use this object: no message may arrive once destruction has begun.
    m_subscriber->stop();
}

QString RedisCache::groupOf(const QString &prefix)
{
    return prefix.left(prefix.lastIndexOf(QLatin1Char(':')) + 1);
}

QList<QByteArray> RedisCache::generationKeys(const QString &key) const
{
    QList<QByteArray> keys{m_redis->key(kGenerationStem)};
    for (qsizetype i = key.indexOf(QLatin1Char(':')); i >= 0; i = key.indexOf(QLatin1Char(':'), i + 1))
        keys << m_redis->key(kGenerationStem + key.left(i + 1));
    return keys;
}

common::Result<std::optional<QByteArray>> RedisCache::fetch(const QString &key)
{
    if (m_trustLocal) {
        if (auto value = m_local.get(key)) {
            ++m_localHits;
            return value;
        }
    }
    const quint64 epoch = m_epoch;
    auto reply = m_redis->eval(kGet, generationKeys(key), {m_redis->key(kValueStem), key.toUtf8()});
    if (!reply)
        return reply.error();
    if (reply->isNil()) {
        ++m_misses;
        return std::optional<QByteArray>();
    }
    const auto &pair = reply->elements();
    if (pair.size() != 2)
        return common::makeError(QStringLiteral("redis.reply"),
                                 QStringLiteral("unexpected cache reply: %1").arg(reply->describe()));
    ++m_redisHits;
    // L1 keeps it no longer than Redis does, so it cannot outlive the TTL the writer chose.
    if (pair[1].toInteger() > 0)
        putLocal(key, pair[0].bytes(), pair[1].toInteger(), epoch);
    return std::optional<QByteArray>(pair[0].bytes());
}

common::Result<void> RedisCache::store(const QString &key, const QByteArray &value, qint64 ttlMs)
{
    const quint64 epoch = m_epoch;
    auto reply = m_redis->eval(kPut, generationKeys(key),
                               {m_redis->key(kValueStem), key.toUtf8(), value,
                                QByteArray::number(qMax<qint64>(1, ttlMs))});
    if (!reply)
        return reply.error();
    putLocal(key, value, ttlMs, epoch);
    return {};
}

common::Result<void> RedisCache::dropMany(const QStringList &keys, const QStringList &prefixes)
{
    QList<QByteArray> args{m_redis->key(kValueStem), m_redis->key(QString::fromLatin1(kChannel)),
                           QByteArray::number(keys.size())};
    for (const QString &key : keys) {
        const QList<QByteArray> generations = generationKeys(key);
        args << QByteArray::number(generations.size()) << generations << key.toUtf8();
    }
    QStringList groups;
    for (const QString &prefix : prefixes) {
        groups << groupOf(prefix);
        args << m_redis->key(kGenerationStem + groups.last()) << groups.last().toUtf8();
    }
    auto reply = m_redis->eval(kDrop, {}, args);
    // Our own L1 goes whatever Redis said: this instance's readers must see the write now.
    noteDropped(keys, groups, false);
    for (const QString &key : keys)
        m_local.invalidate(key);
    for (const QString &group : groups)
        m_local.invalidatePrefix(group);
    if (!reply)
        return reply.error();
    return {};
}

void RedisCache::clearLocal()
{
    noteDropped({}, {}, true);
    m_local.clear();
}

void RedisCache::noteDropped(const QStringList &keys, const QStringList &groups, bool everything)
{
    QMutexLocker lock(&m_droppedMutex);
    // Bumped under the mutex, so the log is in epoch order.
    const quint64 epoch = ++m_epoch;
    m_dropped.append(Dropped{epoch, keys, groups, everything});
    while (m_dropped.size() > kDroppedKept)
        m_forgottenUpTo = m_dropped.takeFirst().epoch;
}

bool RedisCache::droppedSince(quint64 epoch, const QString &key) const
{
    QMutexLocker lock(&m_droppedMutex);
    if (m_forgottenUpTo > epoch)
        return true; // the log no longer reaches back that far: assume the worst
    for (auto it = m_dropped.crbegin(); it != m_dropped.crend() && it->epoch > epoch; ++it) {
        if (it->everything || it->keys.contains(key))
            return true;
        for (const QString &group : it->groups) {
            if (key.startsWith(group))
                return true;
        }
    }
    return false;
}

void RedisCache::putLocal(const QString &key, const QByteArray &value, qint64 ttlMs, quint64 epoch)
{
    if (!m_trustLocal)
        return;
    m_local.put(key, value, ttlMs);
    // Invalidations are logged (and bump the epoch) before they drop: if one that concerns `key`
    // came after `epoch` was read, it may have dropped before this put, so undo the put. One
    // that comes later drops it itself. Unrelated ones (every purchase drops a balance and the
    // catalog) leave the fill alone.
    if (m_epoch != epoch && droppedSince(epoch, key))
        m_local.invalidate(key);
}

void RedisCache::onMessage(const QByteArray &payload)
{
    const QString name = QString::fromUtf8(payload.mid(2));
    if (payload.startsWith("k:")) {
        noteDropped({name}, {}, false);
        m_local.invalidate(name);
    } else if (payload.startsWith("p:")) {
        noteDropped({}, {name}, false);
        m_local.invalidatePrefix(name);
    } else {
        noteDropped({}, {}, true);
        m_local.clear(); // not ours to understand: drop everything rather than serve stale data
    }
}

void RedisCache::onSubscription(bool subscribed)
{
    // Either way invalidations may have been missed: start L1 from empty.
    m_trustLocal = false;
    clearLocal();
    m_trustLocal = subscribed;
}

std::optional<QByteArray> RedisCache::get(const QString &key)
{
    auto value = fetch(key);
    if (value)
        return *value;
    ++m_misses;
    return std::nullopt;
}

void RedisCache::put(const QString &key, const QByteArray &value, qint64 ttlMs)
{
    (void)store(key, value, ttlMs);
}

void RedisCache::invalidate(const QString &key)
{
    (void)drop(key);
}

void RedisCache::invalidatePrefix(const QString &prefix)
{
    (void)dropPrefix(prefix);
}

void RedisCache::invalidateMany(const QStringList &keys, const QStringList &prefixes)
{
    (void)dropMany(keys, prefixes);
}

} // namespace kedai::cache
