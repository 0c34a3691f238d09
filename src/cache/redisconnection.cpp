#include "cache/redisconnection.h"

#include <hiredis/hiredis.h>

#include <cerrno>
#include <csignal>
#include <mutex>

namespace kedai::cache {

struct RedisConnection::Slot
{
    RedisContextPtr context;
    quint64 generation = 0;
};

void RedisContextDeleter::operator()(redisContext *context) const
{
    redisFree(context);
}

namespace {
std::atomic<quint64> g_nextId{1};

timeval toTimeval(int ms)
{
    return timeval{ms / 1000, (ms % 1000) * 1000};
}

// hiredis 0.14 writes with write(), not send(MSG_NOSIGNAL): writing to a connection that Redis
// has closed would kill the whole process with SIGPIPE. Left alone if the application installed
// its own handler.
void ignoreSigpipeOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction current = {};
        if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            std::signal(SIGPIPE, SIG_IGN);
    });
}

struct Sent
{
    std::optional<RedisReply> reply;
    bool timedOut = false;
    bool peerClosed = false; ///< the server closed the connection before answering
    QString message;
};

Sent send(redisContext *context, const QList<QByteArray> &argv)
{
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    args.reserve(size_t(argv.size()));
    lengths.reserve(size_t(argv.size()));
    for (const QByteArray &arg : argv) {
        args.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    errno = 0;
    void *raw = redisCommandArgv(context, int(args.size()), args.data(), lengths.data());
    const int savedErrno = errno;
    Sent sent;
    if (raw) {
        sent.reply = RedisReply::fromHiredis(static_cast<redisReply *>(raw));
        freeReplyObject(raw);
        return sent;
    }
    // SO_RCVTIMEO/SO_SNDTIMEO expiring shows up as EAGAIN.
    sent.timedOut = context->err == REDIS_ERR_IO && (savedErrno == EAGAIN || savedErrno == EWOULDBLOCK);
    sent.peerClosed = context->err == REDIS_ERR_EOF
                      || (context->err == REDIS_ERR_IO && (savedErrno == ECONNRESET || savedErrno == EPIPE));
    sent.message = sent.timedOut ? QStringLiteral("no answer in time") : QString::fromLocal8Bit(context->errstr);
    return sent;
}

common::Error ioError(const RedisConfig &config, const Sent &sent)
{
    return common::makeError(sent.timedOut ? QStringLiteral("redis.timeout") : QStringLiteral("redis.io"),
                             QStringLiteral("Redis at %1: %2").arg(config.displayUrl(), sent.message));
}

common::Error replyError(const RedisConfig &config, const RedisReply &reply)
{
    return common::makeError(
        QStringLiteral("redis.reply"),
        QStringLiteral("Redis at %1 answered: %2").arg(config.displayUrl(), QString::fromUtf8(reply.bytes())));
}

// A command on a connection being opened: any failure means the connection is unusable.
common::Result<RedisReply> setupCommand(redisContext *context, const RedisConfig &config, const QList<QByteArray> &argv)
{
    Sent sent = send(context, argv);
    if (!sent.reply)
        return ioError(config, sent);
    return *sent.reply;
}
} // namespace

RedisConnection::RedisConnection(RedisConfig config) : m_config(std::move(config)), m_id(g_nextId++) {}

RedisConnection::~RedisConnection()
{
    threadSlots().erase(m_id);
    QMutexLocker lock(&m_slotsMutex);
    // Other threads' slots stay in their thread_local maps (tiny, never looked up again), but
    // their sockets close now rather than when those threads end.
    for (const auto &weak : m_slots) {
        if (auto slot = weak.lock())
            slot->context.reset();
    }
}

std::unordered_map<quint64, std::shared_ptr<RedisConnection::Slot>> &RedisConnection::threadSlots()
{
    thread_local std::unordered_map<quint64, std::shared_ptr<Slot>> threadMap;
    return threadMap;
}

RedisConnection::Slot &RedisConnection::localSlot()
{
    auto &threadMap = threadSlots();
    if (auto it = threadMap.find(m_id); it != threadMap.end())
        return *it->second;
    auto slot = std::make_shared<Slot>();
    {
        QMutexLocker lock(&m_slotsMutex);
        std::erase_if(m_slots, [](const std::weak_ptr<Slot> &weak) { return weak.expired(); });
        m_slots.push_back(slot);
    }
    threadMap.emplace(m_id, slot);
    return *slot;
}

common::Result<RedisContextPtr> RedisConnection::open(const RedisConfig &config)
{
    ignoreSigpipeOnce();
    RedisContextPtr context(
        redisConnectWithTimeout(config.host.toUtf8().constData(), config.port, toTimeval(config.connectTimeoutMs)));
    if (!context)
        return common::makeError(QStringLiteral("redis.unavailable"), QStringLiteral("out of memory"));
    if (context->err)
        return common::makeError(QStringLiteral("redis.unavailable"),
                                 QStringLiteral("cannot connect to Redis at %1: %2")
                                     .arg(config.displayUrl(), QString::fromLocal8Bit(context->errstr)));
    if (redisSetTimeout(context.get(), toTimeval(config.commandTimeoutMs)) != REDIS_OK)
        return common::makeError(QStringLiteral("redis.unavailable"), QStringLiteral("cannot set the Redis timeout"));
    // Finds a peer that vanished without a FIN (power cut, network partition) on idle sockets.
    redisEnableKeepAlive(context.get());

    if (!config.password.isEmpty()) {
        QList<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!config.username.isEmpty())
            auth << config.username.toUtf8();
        auth << config.password.toUtf8();
        auto reply = setupCommand(context.get(), config, auth);
        if (!reply)
            return reply.error();
        // The server's message ("WRONGPASS invalid username-password pair") never echoes the password.
        if (reply->isError())
            return common::makeError(QStringLiteral("redis.auth"),
                                     QStringLiteral("Redis at %1 refused the credentials: %2")
                                         .arg(config.displayUrl(), QString::fromUtf8(reply->bytes())));
    }
    if (config.db != 0) {
        auto reply = setupCommand(context.get(), config, {QByteArrayLiteral("SELECT"), QByteArray::number(config.db)});
        if (!reply)
            return reply.error();
        if (reply->isError())
            return replyError(config, *reply);
    }
    return context;
}

common::Result<RedisReply> RedisConnection::command(const QList<QByteArray> &argv)
{
    Slot &slot = localSlot();
    for (int attempt = 0;; ++attempt) {
        const quint64 generation = m_generation;
        bool reused = true;
        if (!slot.context || slot.generation != generation) {
            slot.context.reset();
            auto opened = open(m_config);
            if (!opened)
                return opened.error();
            slot.context = std::move(opened).value();
            slot.generation = generation;
            reused = false;
        }
        ++m_roundTrips;
        const Sent sent = send(slot.context.get(), argv);
        if (sent.reply)
            return *sent.reply;
        // A hiredis context is unusable after an I/O error (and after a timeout the late reply
        // would be read as the answer to the next command): always start over.
        slot.context.reset();
        // An idle connection the server had already closed (restart, `timeout` setting) did not
        // run the command, so one retry on a fresh connection cannot run it twice. Timeouts are
        // never retried: the command may have run.
        if (reused && attempt == 0 && sent.peerClosed)
            continue;
        return ioError(m_config, sent);
    }
}

common::Result<RedisReply> RedisConnection::eval(const RedisScript &script, const QList<QByteArray> &keys,
                                                 const QList<QByteArray> &args)
{
    QList<QByteArray> argv;
    argv.reserve(3 + keys.size() + args.size());
    argv << QByteArrayLiteral("EVALSHA") << script.sha1() << QByteArray::number(keys.size());
    argv << keys << args;
    auto reply = command(argv);
    if (reply && reply->errorCode() == "NOSCRIPT") {
        // A restarted or flushed server forgot the script: load it and ask once more.
        auto loaded = command({QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("LOAD"), script.source()});
        if (!loaded)
            return loaded.error();
        if (loaded->isError())
            return replyError(m_config, *loaded);
        reply = command(argv);
    }
    if (reply && reply->isError())
        return replyError(m_config, *reply);
    return reply;
}

} // namespace kedai::cache
