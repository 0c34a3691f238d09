#include "bot/shardpool.h"

#include "common/log.h"

#include <QHash>
#include <QMetaObject>

namespace kedai::bot {

ShardPool::ShardPool(int shards, Handler handler) : m_handler(std::move(handler))
{
    const int n = qMax(1, shards);
    for (int i = 0; i < n; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("kedai-shard-%1").arg(i));
        auto worker = std::make_unique<QObject>();
        worker->moveToThread(thread.get());
        m_threads.push_back(std::move(thread));
        m_workers.push_back(std::move(worker));
    }
}

ShardPool::~ShardPool()
{
    stop();
}

void ShardPool::start()
{
    if (m_running.exchange(true))
        return;
    for (auto &t : m_threads)
        t->start();
}

void ShardPool::stop()
{
    if (!m_running.exchange(false))
        return;
    // A queued quit runs after every message queued before it: the shards drain, then stop.
    // The worker hands itself back to this thread (only its own thread may push it) so that it
    // is destroyed where its owner lives.
    QThread *home = QThread::currentThread();
    for (size_t i = 0; i < m_threads.size(); ++i) {
        QThread *thread = m_threads[i].get();
        QObject *worker = m_workers[i].get();
        QMetaObject::invokeMethod(
            worker,
            [thread, worker, home] {
                worker->moveToThread(home);
                thread->quit();
            },
            Qt::QueuedConnection);
    }
    for (auto &t : m_threads)
        t->wait();
}

int ShardPool::shardFor(const QString &sender) const
{
    return int(qHash(sender, 0x6b656461) % size_t(m_threads.size()));
}

void ShardPool::dispatch(const domain::InboundMessage &message)
{
    if (!m_running.load()) {
        log::get("bot")->warn("shard pool stopped; inbox {} stays unprocessed until restart", message.id);
        return;
    }
    const int shard = shardFor(message.from);
    ++m_pending;
    QMetaObject::invokeMethod(
        m_workers[size_t(shard)].get(),
        [this, message] {
            m_handler(message);
            --m_pending;
        },
        Qt::QueuedConnection);
}

} // namespace kedai::bot
