#pragma once

#include "channels/channel.h"
#include "common/clock.h"
#include "store/messagerepository.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace kedai::engine {

/// The shop's sending limits for real WhatsApp numbers (settings send_rate_per_sec and
/// send_recipient_gap_ms). 0 = no limit.
struct SendLimits
{
    int ratePerSec = 50;      ///< messages per second over all paced channels of this instance
    int recipientGapMs = 300; ///< at least this long between two messages to one recipient
};

/// Drains the outbox on its own thread: claims due messages, sends them through their channel,
/// records the result, and retries transient failures with exponential backoff.
///
/// Order: one recipient's messages go out in the order they were queued. When one of them must
/// wait (a retry, the recipient's pacing), the later ones wait with it.
class Sender : public QObject
{
    Q_OBJECT
public:
    using MessageCallback = std::function<void(const domain::OutboundMessage &)>;
    using LimitsProvider = std::function<SendLimits()>;

    Sender(std::shared_ptr<store::MessageRepository> messages,
           QHash<QString, std::shared_ptr<channels::IChannel>> channels, std::shared_ptr<const common::IClock> clock,
           MessageCallback onSent, MessageCallback onFailed = {}, LimitsProvider limits = {});

    /// Before the thread starts: this instance's id, recorded with every claim, and what keeps
    /// its claimer lock held (called on the sender thread before each drain, so a lock lost with
    /// a dropped connection is taken again). While it returns false nothing is claimed: another
    /// instance could take this one for dead and queue its claims again.
    void setClaimer(const QString &claimer, std::function<bool()> holdLock);

    /// Thread-safe: asks for a drain soon (coalesced).
    void wake();
    /// Thread-safe: sends a read receipt for `message` on the sender thread, after the sends
    /// (best effort: not stored, not retried).
    void queueRead(std::shared_ptr<channels::IChannel> channel, const domain::InboundMessage &message);
    static constexpr qsizetype kMaxQueuedReads = 10'000;

    static constexpr int kMaxAttempts = 10;
    /// Sent messages are recorded together, but none waits longer than this for its record.
    static constexpr qint64 kRecordWithinMs = 20;
    /// Delay before attempt n+1 after n failures: 2^n seconds, at most 5 minutes.
    static qint64 backoffMs(int attempts);

public Q_SLOTS:
    /// Runs on the sender thread once it has started.
    void begin();
    void drain();

private:
    void drainOnce();
    void sendReads();
    /// false: the message was not sent and its recipient's later messages must wait.
    bool sendOne(const domain::OutboundMessage &message, qint64 *retryAtMs);
    /// Records the messages sent so far in one statement. false: the database refused; they
    /// stay in memory (never sent again) and the next drain tries again.
    bool recordSent();
    /// How many paced messages may go now under the rate cap (refills the bucket).
    double takeBudget(const SendLimits &limits);
    void scheduleWake(qint64 inMs);

    std::shared_ptr<store::MessageRepository> m_messages;
    QHash<QString, std::shared_ptr<channels::IChannel>> m_channels;
    std::shared_ptr<const common::IClock> m_clock;
    MessageCallback m_onSent;
    MessageCallback m_onFailed;
    LimitsProvider m_limits;
    QString m_claimer;
    std::function<bool()> m_holdLock;
    QTimer *m_timer = nullptr;
    QTimer *m_wakeTimer = nullptr;
    QList<domain::OutboundMessage> m_sent; ///< sent, not recorded yet
    QList<store::MessageRepository::SentReceipt> m_receipts;
    QElapsedTimer m_oldestUnrecorded;
    bool m_recordFailing = false;
    std::atomic<bool> m_wakePending{false};
    bool m_draining = false;   ///< a drain is running (maybe waiting in a channel's event loop)
    bool m_drainAgain = false; ///< a drain was asked for meanwhile
    QMutex m_readsMutex;
    QList<QPair<std::shared_ptr<channels::IChannel>, domain::InboundMessage>> m_reads;
    // Pacing, in milliseconds of m_steady (this instance only).
    QElapsedTimer m_steady;
    double m_tokens = 0;
    qint64 m_tokensAt = 0;
    QHash<QString, qint64> m_recipientNext; ///< "channel|recipient" → earliest next send
};

} // namespace kedai::engine
