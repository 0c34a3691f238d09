#pragma once

#include "common/result.h"
#include "domain/message.h"
#include "store/database.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <memory>
#include <optional>

namespace kedai::store {

/// The inbox (every inbound message, committed before it is processed, unique per
/// channel + external id) and the outbox (every reply, sent by the sender thread).
class MessageRepository
{
public:
    explicit MessageRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// The new inbox row id, or nullopt when (channel, externalId) was already received.
    common::Result<std::optional<qint64>> insertInbound(const domain::InboundMessage &message);
    /// status: done | failed | ignored.
    common::Result<void> markInboundProcessed(qint64 inboxId, const QString &status);
    /// Inside the caller's transaction: locks the inbox row (FOR UPDATE on PostgreSQL; SQLite's
    /// transaction already excludes other writers) and says whether it still waits to be handled.
    /// false means another worker or instance handled it meanwhile: do nothing.
    common::Result<bool> lockPendingInbound(qint64 inboxId);
    /// Inbox rows never processed (to resume after a crash), oldest first.
    common::Result<QList<domain::InboundMessage>> unprocessedInbound(int limit = 1000);

    /// Adds to the outbox on this thread's connection (joins an open transaction). Returns the id.
    /// Whether `message` can be queued (a channel, a recipient, a text or a file).
    static common::Result<void> validate(const domain::OutboundMessage &message);
    /// The pieces of enqueue()'s INSERT, for a statement that queues messages together with
    /// other writes: "INSERT INTO outbox (<columns>) VALUES|SELECT <values>" with <args>.
    static QString outboxColumns();
    static QString outboxValues();
    static QVariantList outboxArgs(const domain::OutboundMessage &message, const QString &now);
    common::Result<qint64> enqueue(const domain::OutboundMessage &message);
    /// Claims up to `limit` pending messages due by `now` for sending (status -> sending), oldest
    /// first. A message not tried yet is always due; a retried one once `now` reaches its
    /// next attempt time. One statement (FOR UPDATE SKIP LOCKED on PostgreSQL), so two senders,
    /// in one process or several, never claim the same message. The claim is stamped with the
    /// system time (claimed_at), not `now`, which may be a test clock.
    common::Result<QList<domain::OutboundMessage>> claimDue(int limit, const QDateTime &now);
    struct SentReceipt
    {
        qint64 id = 0;
        QString externalId;
    };
    /// Records sent messages in one statement (a sender's batch). outbox.not_found when any
    /// of them is not in the outbox.
    common::Result<void> markSentMany(const QList<SentReceipt> &sent, const QDateTime &when);
    common::Result<void> markSent(qint64 id, const QString &externalId, const QDateTime &when);
    /// Back to pending with attempts+1 and the time of the next try.
    common::Result<void> markRetry(qint64 id, const QString &error, const QDateTime &nextAttempt);
    common::Result<void> markFailed(qint64 id, const QString &error);
    /// Messages stuck in "sending" (a crash between claim and result) go back to pending, but
    /// only those claimed more than kStuckAfter ago: another instance's sends in flight stay
    /// with it. Call it periodically (one instance is enough), not only at start-up.
    common::Result<int> requeueStuck();
    common::Result<int> requeueStuck(std::chrono::milliseconds claimedLongerThan);
    /// Longer than a sender can take for one claimed batch (claimDue's limit times the channel's
    /// timeout), so a live sender never has a message taken away.
    static constexpr std::chrono::minutes kStuckAfter{10};

    /// Sent messages to `to` on `channel` with id > afterId, oldest first (simulator read API).
    common::Result<QList<domain::OutboundMessage>> sentTo(const QString &channel, const QString &to, qint64 afterId,
                                                          int limit = 100);
    /// Messages waiting to be sent (health and metrics).
    common::Result<qint64> pendingOutboxCount();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
