#include "engine/sender.h"

#include "common/log.h"
#include "common/metrics.h"

namespace kedai::engine {

namespace {
void logIfFailed(const common::Result<void> &r, qint64 id)
{
    if (!r)
        log::get("sender")->error("cannot record the result of outbox message {}: {}", id, r.error().message);
}
} // namespace

Sender::Sender(std::shared_ptr<store::MessageRepository> messages,
               QHash<QString, std::shared_ptr<channels::IChannel>> channels,
               std::shared_ptr<const common::IClock> clock, SentCallback onSent)
    : m_messages(std::move(messages))
    , m_channels(std::move(channels))
    , m_clock(std::move(clock))
    , m_onSent(std::move(onSent))
{
}

qint64 Sender::backoffMs(int attempts)
{
    return qMin<qint64>(qint64(1000) << qMin(attempts, 20), 300'000);
}

void Sender::wake()
{
    if (!m_wakePending.exchange(true))
        QMetaObject::invokeMethod(this, &Sender::drain, Qt::QueuedConnection);
}

void Sender::begin()
{
    // The poll catches retries that come due and anything queued by another process.
    m_timer = new QTimer(this);
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &Sender::drain);
    m_timer->start();
    drain();
}

void Sender::drain()
{
    m_wakePending = false;
    for (int round = 0; round < 100; ++round) {
        auto batch = m_messages->claimDue(50, m_clock->now());
        if (!batch) {
            log::get("sender")->warn("cannot claim outbox messages: {}", batch.error().message);
            return;
        }
        if (batch->isEmpty())
            return;
        for (const auto &m : batch.value())
            sendOne(m);
    }
    wake(); // more left: continue after other events had a turn
}

void Sender::sendOne(const domain::OutboundMessage &message)
{
    auto &metrics = common::Metrics::instance();
    const auto channel = m_channels.value(message.channel);
    if (!channel) {
        logIfFailed(m_messages->markFailed(message.id, QStringLiteral("no channel named %1").arg(message.channel)),
                    message.id);
        ++metrics.messagesOutFailed;
        return;
    }
    auto receipt = channel->send(message);
    if (receipt) {
        logIfFailed(m_messages->markSent(message.id, receipt->externalId, m_clock->now()), message.id);
        ++metrics.messagesOut;
        if (m_onSent)
            m_onSent(message);
        return;
    }
    ++metrics.messagesOutFailed;
    const bool transient = receipt.error().code == QLatin1String("channel.transient");
    if (transient && message.attempts + 1 < kMaxAttempts) {
        logIfFailed(m_messages->markRetry(message.id, receipt.error().message,
                                          m_clock->now().addMSecs(backoffMs(message.attempts))),
                    message.id);
        log::get("sender")->warn("message {} to channel {} will be retried: {}", message.id, message.channel,
                                 receipt.error().message);
    } else {
        logIfFailed(m_messages->markFailed(message.id, receipt.error().message), message.id);
        log::get("sender")->error("message {} failed for good: {}", message.id, receipt.error().message);
    }
}

} // namespace kedai::engine
