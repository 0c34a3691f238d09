#include "engine/sender.h"

#include "common/log.h"
#include "common/metrics.h"

#include <QMap>
#include <QSet>

namespace kedai::engine {

namespace {
void logIfFailed(const common::Result<void> &r, qint64 id)
{
    if (!r)
        log::get("sender")->error("cannot record the result of outbox message {}: {}", id, r.error().message);
}

QString recipientKey(const domain::OutboundMessage &m)
{
    return m.channel + QLatin1Char('|') + m.to;
}

/// Pacing state is forgotten for recipients not written to for this long.
constexpr qint64 kForgetRecipientMs = 60'000;
} // namespace

Sender::Sender(std::shared_ptr<store::MessageRepository> messages,
               QHash<QString, std::shared_ptr<channels::IChannel>> channels,
               std::shared_ptr<const common::IClock> clock, MessageCallback onSent, MessageCallback onFailed,
               LimitsProvider limits)
    : m_messages(std::move(messages))
    , m_channels(std::move(channels))
    , m_clock(std::move(clock))
    , m_onSent(std::move(onSent))
    , m_onFailed(std::move(onFailed))
    , m_limits(std::move(limits))
{
    m_steady.start();
    m_tokens = 1e9; // a full bucket at start (takeBudget() caps it at the rate)
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
    m_wakeTimer = new QTimer(this);
    m_wakeTimer->setSingleShot(true);
    connect(m_wakeTimer, &QTimer::timeout, this, &Sender::drain);
    drain();
}

void Sender::scheduleWake(qint64 inMs)
{
    if (!m_wakeTimer)
        return;
    inMs = qBound<qint64>(qint64(1), inMs, qint64(500));
    if (!m_wakeTimer->isActive() || m_wakeTimer->remainingTime() > inMs)
        m_wakeTimer->start(int(inMs));
}

double Sender::takeBudget(const SendLimits &limits)
{
    if (limits.ratePerSec <= 0)
        return 1e9;
    const qint64 now = m_steady.elapsed();
    // A bucket of one second's worth: short bursts go at once, the average stays under the cap.
    m_tokens = qMin<double>(limits.ratePerSec, m_tokens + double(now - m_tokensAt) * limits.ratePerSec / 1000.0);
    m_tokensAt = now;
    return m_tokens;
}

void Sender::setClaimer(const QString &claimer, std::function<bool()> holdLock)
{
    m_claimer = claimer;
    m_holdLock = std::move(holdLock);
}

void Sender::queueRead(std::shared_ptr<channels::IChannel> channel, const domain::InboundMessage &message)
{
    {
        QMutexLocker lock(&m_readsMutex);
        if (m_reads.size() >= kMaxQueuedReads)
            return; // receipts are best effort: under a flood, some are skipped
        m_reads.append({std::move(channel), message});
    }
    wake();
}

void Sender::sendReads()
{
    QList<QPair<std::shared_ptr<channels::IChannel>, domain::InboundMessage>> reads;
    {
        QMutexLocker lock(&m_readsMutex);
        reads.swap(m_reads);
    }
    for (const auto &[channel, message] : std::as_const(reads))
        channel->markRead(message);
}

void Sender::drain()
{
    // A drain never starts inside another one: it would record later messages before earlier
    // ones and send out of order. Channels wait without an event loop (channels/httpclient), so
    // this only guards against a channel that one day does run one while it waits.
    if (m_draining) {
        m_drainAgain = true;
        return;
    }
    m_draining = true;
    if (!m_holdLock || m_holdLock())
        drainOnce();
    sendReads();
    m_draining = false;
    if (std::exchange(m_drainAgain, false))
        wake();
}

void Sender::drainOnce()
{
    m_wakePending = false;
    if (!recordSent())
        return; // the database is away: nothing new is claimed until the sent ones are recorded
    const SendLimits limits = m_limits ? m_limits() : SendLimits{};
    for (int round = 0; round < 100; ++round) {
        const double budget = takeBudget(limits);
        if (budget < 1.0) {
            // The cap is reached: claim nothing until a slot frees (unpaced channels wait too,
            // for at most a fraction of a second).
            scheduleWake(qint64((1.0 - budget) * 1000.0 / qMax(1, limits.ratePerSec)) + 1);
            return;
        }
        auto batch = m_messages->claimDue(int(qMin(50.0, budget)), m_clock->now(), m_claimer);
        if (!batch) {
            log::get("sender")->warn("cannot claim outbox messages: {}", batch.error().message);
            return;
        }
        if (batch->isEmpty())
            break;
        // Messages that must wait, by the time (ms from now) they may go.
        QMap<qint64, QList<qint64>> deferred;
        QHash<QString, qint64> waiting; ///< recipients whose earlier message waits → until when
        const auto deferMessage = [&](const domain::OutboundMessage &m, qint64 inMs) {
            deferred[inMs] << m.id;
            waiting.insert(recipientKey(m), inMs);
        };
        for (const auto &m : batch.value()) {
            const QString key = recipientKey(m);
            if (const auto it = waiting.constFind(key); it != waiting.constEnd()) {
                deferMessage(m, it.value()); // keeps the recipient's order
                continue;
            }
            const auto channel = m_channels.value(m.channel);
            const bool paced = channel && channel->paced();
            const qint64 now = m_steady.elapsed();
            // The recipient's pacing gap, or an earlier message's retry (on any channel).
            if (const qint64 next = m_recipientNext.value(key, 0); next > now) {
                deferMessage(m, next - now);
                continue;
            }
            if (paced) {
                if (limits.ratePerSec > 0 && m_tokens < 1.0) {
                    deferMessage(m, qint64(1000 / limits.ratePerSec) + 1);
                    continue;
                }
                m_tokens -= limits.ratePerSec > 0 ? 1.0 : 0.0;
                m_recipientNext.insert(key, now + qMax(0, limits.recipientGapMs));
            }
            qint64 retryInMs = 0;
            if (m_sent.isEmpty())
                m_oldestUnrecorded.start(); // from the start of the send: a slow send is recorded at once
            if (!sendOne(m, &retryInMs)) {
                // Later messages to them wait for the retry, in this batch and in later drains.
                waiting.insert(key, retryInMs);
                m_recipientNext.insert(key, m_steady.elapsed() + retryInMs);
            }
            // Fast channels (the simulator) are recorded per batch; a slow one per message, so a
            // crash leaves at most a few milliseconds of sends unrecorded (sent again on restart).
            if (!m_sent.isEmpty() && m_oldestUnrecorded.elapsed() >= kRecordWithinMs && !recordSent())
                return;
        }
        for (auto it = deferred.cbegin(); it != deferred.cend(); ++it)
            logIfFailed(m_messages->defer(it.value(), m_clock->now().addMSecs(it.key())), it.value().constFirst());
        if (!recordSent())
            return;
        if (!deferred.isEmpty()) {
            scheduleWake(deferred.firstKey());
            break; // what is left waits for its time; the next drain claims the rest
        }
    }
    // Forget recipients long quiet, so the map does not grow with every customer ever served.
    if (m_recipientNext.size() > 10'000) {
        const qint64 now = m_steady.elapsed();
        for (auto it = m_recipientNext.begin(); it != m_recipientNext.end();)
            it = it.value() < now - kForgetRecipientMs ? m_recipientNext.erase(it) : std::next(it);
    }
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

bool Sender::sendOne(const domain::OutboundMessage &message, qint64 *retryInMs)
{
    auto &metrics = common::Metrics::instance();
    const auto channel = m_channels.value(message.channel);
    if (!channel) {
        logIfFailed(m_messages->markFailed(message.id,
                                           QStringLiteral("Channel \"%1\" is not configured in this Kedai: set it up "
                                                          "in the settings (or its environment variables).")
                                               .arg(message.channel)),
                    message.id);
        ++metrics.messagesOutFailed;
        if (m_onFailed)
            m_onFailed(message);
        return true; // nothing later to that recipient can go through this channel either
    }
    auto receipt = channel->send(message);
    if (receipt) {
        m_sent << message;
        m_receipts << store::MessageRepository::SentReceipt{message.id, receipt->externalId};
        return true;
    }
    ++metrics.messagesOutFailed;
    const common::Error &error = receipt.error();
    const int code = error.details.value(QStringLiteral("code")).toInt();
    const bool permanent = error.code == QLatin1String("channel.permanent");
    if (!permanent && message.attempts + 1 < kMaxAttempts) {
        const qint64 delay = qMax(backoffMs(message.attempts),
                                  error.details.value(QStringLiteral("retryAfterMs")).toLongLong());
        *retryInMs = delay;
        logIfFailed(m_messages->markRetry(message.id, error.message, m_clock->now().addMSecs(delay), code), message.id);
        log::get("sender")->warn("message {} to channel {} will be retried in {} s: {}", message.id, message.channel,
                                 delay / 1000, error.message);
        return false;
    }
    logIfFailed(m_messages->markFailed(message.id, error.message, code), message.id);
    log::get("sender")->error("message {} failed for good: {}", message.id, error.message);
    if (m_onFailed) {
        domain::OutboundMessage failed = message;
        failed.status = QStringLiteral("failed");
        failed.lastError = error.message;
        failed.errorCode = code;
        m_onFailed(failed);
    }
    return true;
}

} // namespace kedai::engine
