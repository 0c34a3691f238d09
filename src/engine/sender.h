#pragma once

#include "channels/channel.h"
#include "common/clock.h"
#include "store/messagerepository.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace kedai::engine {

/// Drains the outbox on its own thread: claims due messages, sends them through their channel,
/// records the result, and retries transient failures with exponential backoff.
class Sender : public QObject
{
    Q_OBJECT
public:
    using SentCallback = std::function<void(const domain::OutboundMessage &)>;

    Sender(std::shared_ptr<store::MessageRepository> messages,
           QHash<QString, std::shared_ptr<channels::IChannel>> channels, std::shared_ptr<const common::IClock> clock,
           SentCallback onSent);

    /// Thread-safe: asks for a drain soon (coalesced).
    void wake();

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
    void sendOne(const domain::OutboundMessage &message);
    /// Records the messages sent so far in one statement. false: the database refused; they
    /// stay in memory (never sent again) and the next drain tries again.
    bool recordSent();

    std::shared_ptr<store::MessageRepository> m_messages;
    QHash<QString, std::shared_ptr<channels::IChannel>> m_channels;
    std::shared_ptr<const common::IClock> m_clock;
    SentCallback m_onSent;
    QTimer *m_timer = nullptr;
    QList<domain::OutboundMessage> m_sent; ///< sent, not recorded yet
    QList<store::MessageRepository::SentReceipt> m_receipts;
    QElapsedTimer m_oldestUnrecorded;
    bool m_recordFailing = false;
    std::atomic<bool> m_wakePending{false};
};

} // namespace kedai::engine
