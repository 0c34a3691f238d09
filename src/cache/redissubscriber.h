#pragma once

#include "cache/redisconfig.h"

#include <QByteArray>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>

struct redisContext;

namespace kedai::cache {

/// Listens to one Redis pub/sub channel on a connection and thread of its own (a subscribed
/// connection can do nothing else). Reconnects with exponential backoff (100 ms .. 5 s) and
/// pings an idle connection so that a silently dead one is noticed within seconds.
///
/// Callbacks run on the subscriber's thread. `onState(true)` comes after every (re)subscribe:
/// messages published while it was down are lost, so the listener must resynchronise then.
class RedisSubscriber
{
public:
    struct Callbacks
    {
        std::function<void(const QByteArray &payload)> onMessage;
        std::function<void(bool subscribed)> onState;
    };

    RedisSubscriber(RedisConfig config, QByteArray channel, Callbacks callbacks);
    ~RedisSubscriber(); ///< stops (within ~100 ms)
    RedisSubscriber(const RedisSubscriber &) = delete;
    RedisSubscriber &operator=(const RedisSubscriber &) = delete;

    void start();
    void stop();
    bool isSubscribed() const { return m_subscribed; }
    /// The connection's CLIENT SETNAME: `<keyPrefix>kedai:subscriber`.
    QByteArray clientName() const { return m_config.keyPrefix + "kedai:subscriber"; }

private:
    void run();
    /// One connection's life: returns when it breaks or stop() is called.
    void listen(redisContext *context);
    bool nameConnection(redisContext *context) const;
    void setSubscribed(bool subscribed);
    /// Sleeps up to `ms`, or less when stop() is called. Returns false when stopping.
    bool pause(int ms);

    const RedisConfig m_config;
    const QByteArray m_channel;
    const Callbacks m_callbacks;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_subscribed{false};
    QMutex m_mutex;
    QWaitCondition m_wake;
};

} // namespace kedai::cache
