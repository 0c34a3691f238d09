#include "cache/redissubscriber.h"

#include "cache/redisconnection.h"
#include "common/log.h"

#include <hiredis/hiredis.h>

#include <QElapsedTimer>

#include <poll.h>

namespace kedai::cache {

namespace {
constexpr int kMinBackoffMs = 100;
constexpr int kMaxBackoffMs = 5000;
constexpr int kPollMs = 100;      ///< how quickly stop() is noticed
constexpr int kIdlePingMs = 5000; ///< ping a connection that has been quiet this long...
constexpr int kPongWaitMs = 3000; ///< ...and give up on it when the answer takes this long

bool flush(redisContext *context)
{
    int done = 0;
    while (!done) {
        if (redisBufferWrite(context, &done) != REDIS_OK)
            return false;
    }
    return true;
}
} // namespace

RedisSubscriber::RedisSubscriber(RedisConfig config, QByteArray channel, Callbacks callbacks)
    : m_config(std::move(config)), m_channel(std::move(channel)), m_callbacks(std::move(callbacks))
{
}

RedisSubscriber::~RedisSubscriber()
{
    stop();
}

void RedisSubscriber::start()
{
    if (m_thread)
        return;
    m_stop = false;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("redis-subscriber"));
    m_thread->start();
}

void RedisSubscriber::stop()
{
    if (!m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

bool RedisSubscriber::pause(int ms)
{
    QMutexLocker lock(&m_mutex);
    if (!m_stop)
        m_wake.wait(&m_mutex, QDeadlineTimer(ms));
    return !m_stop;
}

void RedisSubscriber::setSubscribed(bool subscribed)
{
    if (m_subscribed.exchange(subscribed) != subscribed && m_callbacks.onState)
        m_callbacks.onState(subscribed);
}

bool RedisSubscriber::nameConnection(redisContext *context) const
{
    // So that CLIENT LIST tells operators (and tests) which connection is the subscriber.
    const QByteArray name = clientName();
    const char *argv[] = {"CLIENT", "SETNAME", name.constData()};
    const size_t lengths[] = {6, 7, size_t(name.size())};
    void *reply = redisCommandArgv(context, 3, argv, lengths);
    freeReplyObject(reply);
    return reply != nullptr;
}

void RedisSubscriber::run()
{
    auto log = log::get("cache");
    int backoffMs = kMinBackoffMs;
    while (!m_stop) {
        auto context = RedisConnection::open(m_config);
        if (context && nameConnection(context->get())) {
            const QByteArray channel = m_config.keyPrefix + m_channel;
            const char *argv[] = {"SUBSCRIBE", channel.constData()};
            const size_t lengths[] = {9, size_t(channel.size())};
            void *reply = redisCommandArgv(context->get(), 2, argv, lengths);
            if (reply) {
                freeReplyObject(reply);
                backoffMs = kMinBackoffMs;
                log->debug("subscribed to {} on {}", QString::fromUtf8(channel), m_config.displayUrl());
                setSubscribed(true);
                listen(context->get());
                setSubscribed(false);
            }
        }
        // The caller (ResilientCache) reports Redis being down; this loop only keeps trying.
        if (!pause(backoffMs))
            break;
        backoffMs = qMin(backoffMs * 2, kMaxBackoffMs);
    }
}

void RedisSubscriber::listen(redisContext *context)
{
    QElapsedTimer quiet;
    quiet.start();
    bool pingSent = false;
    while (!m_stop) {
        void *raw = nullptr;
        if (redisGetReplyFromReader(context, &raw) != REDIS_OK)
            return;
        if (raw) {
            quiet.restart();
            pingSent = false;
            const auto *reply = static_cast<redisReply *>(raw);
            // ["message", channel, payload]; pongs and (un)subscribe confirmations are skipped.
            if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3
                && qstrcmp(reply->element[0]->str, "message") == 0 && m_callbacks.onMessage)
                m_callbacks.onMessage(QByteArray(reply->element[2]->str, qsizetype(reply->element[2]->len)));
            freeReplyObject(raw);
            continue;
        }
        pollfd fd{context->fd, POLLIN, 0};
        const int ready = ::poll(&fd, 1, kPollMs);
        if (ready < 0 && errno != EINTR)
            return;
        if (ready > 0) {
            if (redisBufferRead(context) != REDIS_OK)
                return;
            continue;
        }
        if (!pingSent && quiet.hasExpired(kIdlePingMs)) {
            // PING is allowed on a subscribed connection; its answer proves the link still works.
            if (redisAppendCommand(context, "PING") != REDIS_OK || !flush(context))
                return;
            pingSent = true;
        } else if (pingSent && quiet.hasExpired(kIdlePingMs + kPongWaitMs)) {
            return;
        }
    }
}

} // namespace kedai::cache
