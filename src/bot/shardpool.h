#pragma once

#include "domain/message.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace kedai::bot {

/// N worker threads; a message goes to shard hash(sender) % N, so one customer's messages are
/// handled in order and different customers in parallel.
class ShardPool
{
public:
    using Handler = std::function<void(const domain::InboundMessage &)>;

    ShardPool(int shards, Handler handler);
    ~ShardPool();

    void start();
    /// Runs every message already dispatched, then joins the threads. Idempotent.
    void stop();

    void dispatch(const domain::InboundMessage &message);
    int shardFor(const QString &sender) const;
    int size() const { return int(m_threads.size()); }
    /// Messages dispatched and not yet handled.
    int pending() const { return m_pending.load(); }

private:
    Handler m_handler;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<std::unique_ptr<QObject>> m_workers; ///< one per thread, lives on it
    std::atomic<int> m_pending{0};
    std::atomic<bool> m_running{false};
};

} // namespace kedai::bot
