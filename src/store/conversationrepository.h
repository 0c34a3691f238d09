#pragma once

#include "common/result.h"
#include "domain/customer.h"
#include "domain/message.h"
#include "store/database.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <memory>

namespace kedai::store {

/// One customer's conversation in the Conversations panel's list.
struct ConversationSummary
{
    qint64 customerId = 0;
    QString name;
    QString phone;
    QDateTime lastAt; ///< the latest message, in or out
    QString lastText; ///< its text on one line, shortened
    bool lastOutbound = false;
    QDateTime lastInboundAt;
    /// Messages the customer sent after the last message to them (waiting for an answer).
    int unanswered = 0;
    QDateTime botPausedUntil; ///< invalid: the bot is not paused
    QStringList channels;     ///< of the identities that wrote or were written to
};

/// One message of a conversation, inbound (inbox) or outbound (outbox).
struct ConversationMessage
{
    qint64 id = 0; ///< inbox or outbox row id (see outbound)
    bool outbound = false;
    QString channel;
    QString peer; ///< the customer's id on the channel
    domain::MessageType type = domain::MessageType::Text;
    QString text;
    QString mediaPath;
    QDateTime at; ///< received (inbound) or written (outbound)
    // Outbound only.
    QString status;   ///< pending | sending | sent | failed
    QString delivery; ///< sent | delivered | read | played | failed, or empty
    int errorCode = 0;
    QString lastError;
    QString sentBy; ///< empty: the bot; "staff:<name>"
};

/// What staffReply() did.
struct StaffReply
{
    qint64 outboxId = 0;
    QString channel;
    QString recipient;
    QDateTime botPausedUntil; ///< invalid when pauseMinutes was 0 (and it was not paused)
};

/// The conversations of the Conversations panel: every message a customer sent (inbox) and was
/// sent (outbox), over all the customer's identities, and the staff replies that pause the bot.
class ConversationRepository
{
public:
    explicit ConversationRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// Longest staff reply, in characters (WhatsApp allows 4096 per text message; the sender
    /// splits longer ones).
    static constexpr int kMaxReplyLength = 4096 * 4;

    /// Customers (not merged ones) who wrote or were written to, latest conversation first.
    /// `term` searches name, phone and channel ids.
    common::Result<QList<ConversationSummary>> conversations(const QString &term = {}, int limit = 200);
    /// The latest `limit` messages of the customer (all identities) written before `before`
    /// (invalid: up to now), in time order, oldest first. Another customer's messages never appear.
    common::Result<QList<ConversationMessage>> messages(qint64 customerId, int limit = 200,
                                                        const QDateTime &before = {});
    /// One transaction: queues `text` to the customer's most recently active identity (the
    /// channel and id of their latest inbound message; the newest identity when they never
    /// wrote), with sent_by "staff:<staffName>", and pauses the bot for this customer for
    /// `pauseMinutes` (0: no pause), audited. Errors: conversation.empty, conversation.too_long,
    /// customer.not_found, customer.merged, conversation.no_identity.
    common::Result<StaffReply> staffReply(qint64 customerId, const QString &text, const QString &staffName,
                                          int pauseMinutes, const QDateTime &now = {});
    /// Clears the pause (audited). Returns the customer.
    common::Result<domain::Customer> resumeBot(qint64 customerId, const QString &actor);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
