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
    if (!recordSent())
        return; // the database is away: nothing new is claimed until the sent ones are recorded
    for (int round = 0; round < 100; ++round) {
        auto batch = m_messages->claimDue(50, m_clock->now());
        if (!batch) {
            log::get("sender")->warn("cannot claim outbox messages: {}", batch.error().message);
            return;
        }
        if (batch->isEmpty())
            return;
        for (const auto &m : batch.value()) {
            sendOne(m);
            // Fast channels (the simulator) are recorded per batch; a slow one per message, so a
            // crash leaves at most a few milliseconds of sends unrecorded (sent again on restart).
            if (!m_sent.isEmpty() && m_oldestUnrecorded.elapsed() >= kRecordWithinMs && !recordSent())
                return;
        }
        if (!recordSent())
            return;
    }
    wake(); // more left: continue after other events had a turn
}

bool Sender::recordSent()
{
    if (m_sent.isEmpty())
        return true;
    if (auto r = m_messages->markSentMany(m_receipts, m_clock->now()); !r) {
        if (!m_recordFailing)
            log::get("sender")->error("cannot record {} sent messages yet (kept, retried): {}", m_sent.size(),
                                      r.error().message);
        m_recordFailing = true;
        return false;
    }
    if (m_recordFailing)
        log::get("sender")->info("recorded the sent messages that were waiting");
    m_recordFailing = false;
    const QList<domain::OutboundMessage> sent = std::exchange(m_sent, {});
    m_receipts.clear();
    for (const auto &m : sent) {
        ++common::Metrics::instance().messagesOut;
        if (m_onSent)
            m_onSent(m);
    }
    return true;
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
        if (m_sent.isEmpty())
            m_oldestUnrecorded.start();
        m_sent << message;
        m_receipts << store::MessageRepository::SentReceipt{message.id, receipt->externalId};
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
