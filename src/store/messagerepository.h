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
    /// Records where the file of an inbound message was stored once downloaded.
    common::Result<void> setInboundMedia(qint64 inboxId, const QString &path);
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
    /// `claimer`: the claiming instance's id (see claimerLockKey()), recorded in claimed_by.
    common::Result<QList<domain::OutboundMessage>> claimDue(int limit, const QDateTime &now,
                                                            const QString &claimer = {});
    struct SentReceipt
    {
        qint64 id = 0;
        QString externalId;
    };
    /// Records sent messages in one statement (a sender's batch). outbox.not_found when any
    /// of them is not in the outbox.
    common::Result<void> markSentMany(const QList<SentReceipt> &sent, const QDateTime &when);
    common::Result<void> markSent(qint64 id, const QString &externalId, const QDateTime &when);
    /// Back to pending with attempts+1 and the time of the next try. errorCode: the channel's code.
    common::Result<void> markRetry(qint64 id, const QString &error, const QDateTime &nextAttempt, int errorCode = 0);
    common::Result<void> markFailed(qint64 id, const QString &error, int errorCode = 0);
    /// Back to pending without counting an attempt, not before `notBefore` (the sender's pacing:
    /// the global send rate or the gap between two messages to one recipient).
    common::Result<void> defer(const QList<qint64> &ids, const QDateTime &notBefore);
    /// A delivery status the channel reported for the message it knows as `externalId`.
    /// Statuses only move forward (sent < delivered < read < played), whatever order they arrive
    /// in; "failed" after a send records the error. Returns false when no outbox row has that id
    /// (a message sent before Kedai, or by another tool on the same number).
    common::Result<bool> recordDelivery(const QString &channel, const QString &externalId, const QString &status,
                                        const QDateTime &at, int errorCode = 0, const QString &error = {});
    /// Messages stuck in "sending" (a crash between claim and result) go back to pending, but
    /// only those claimed more than kStuckAfter ago: another instance's sends in flight stay
    /// with it. Call it periodically (one instance is enough), not only at start-up.
    common::Result<int> requeueStuck();
    common::Result<int> requeueStuck(std::chrono::milliseconds claimedLongerThan);
    /// The instances that have messages claimed ("sending") right now.
    common::Result<QStringList> claimersInFlight();
    /// A dead instance's claimed messages go back to pending at once. Call it only when that
    /// instance's advisory lock (claimerLockKey()) could be taken: a live instance holds it.
    common::Result<int> requeueClaimedBy(const QString &claimer);
    /// The advisory lock a sending instance holds for its whole life (session-level, so the
    /// database releases it when the process dies, even by kill -9).
    static qint64 claimerLockKey(const QString &claimer);
    /// Longer than a sender can take for one claimed batch (claimDue's limit times the channel's
    /// timeout), so a live sender never has a message taken away.
    static constexpr std::chrono::minutes kStuckAfter{10};

    /// Sent messages to `to` on `channel` with id > afterId, oldest first (simulator read API).
    common::Result<QList<domain::OutboundMessage>> sentTo(const QString &channel, const QString &to, qint64 afterId,
                                                          int limit = 100);
    /// The payload of the latest interactive message queued to `to` on `channel` since `since`
    /// (empty: none), to read a numbered answer to it.
    common::Result<QString> lastInteractive(const QString &channel, const QString &to, const QDateTime &since);
    /// Messages waiting to be sent (health and metrics).
    common::Result<qint64> pendingOutboxCount();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
