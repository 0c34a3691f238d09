#include "store/conversationrepository.h"

#include "common/ids.h"
#include "common/log.h"
#include "store/messagerepository.h"
#include "store/rows.h"
#include "store/sqlutil.h"

#include <QHash>

#include <algorithm>

namespace kedai::store {

using common::makeError;
using common::Result;

namespace {

constexpr int kSummaryTextLength = 80;

QString oneLine(const QString &text)
{
    QString line = text.simplified();
    if (line.size() > kSummaryTextLength)
        line = line.left(kSummaryTextLength - 1) + QChar(0x2026);
    return line;
}

common::Error notFound(qint64 id)
{
    return makeError(QStringLiteral("customer.not_found"), QStringLiteral("There is no customer with id %1").arg(id),
                     {{QStringLiteral("customer"), id}});
}

Result<domain::Customer> lockCustomer(const QSqlDatabase &conn, qint64 id)
{
    auto q = sql::run(conn,
                      QStringLiteral("SELECT ") + rows::customerColumns()
                          + QStringLiteral(" FROM customers c WHERE c.id = ?") + sql::dialect::forUpdate(conn),
                      {id}, QStringLiteral("reading a customer"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFound(id);
    return rows::customer(q.value());
}

struct LastMessage
{
    qint64 id = 0;
    QDateTime at;
    QString text;
};

} // namespace

Result<QList<ConversationSummary>> ConversationRepository::conversations(const QString &term, int limit)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    const QString t = term.trimmed();
    QString where = QStringLiteral("WHERE c.merged_into IS NULL ");
    QVariantList args;
    if (!t.isEmpty()) {
        const QString like = sql::dialect::caseInsensitiveLike(*conn);
        const QString asPhone = common::normalizePhone(t);
        where += QStringLiteral("AND (c.name %1 ? ESCAPE '\\' OR c.phone %1 ? ESCAPE '\\' OR c.phone %1 ? ESCAPE '\\' "
                                "OR EXISTS (SELECT 1 FROM customer_identities k WHERE k.customer_id = c.id "
                                "AND k.external_id %1 ? ESCAPE '\\')) ")
                     .arg(like);
        args << sql::likePattern(t) << sql::likePattern(t) << sql::likePattern(asPhone.isEmpty() ? t : asPhone)
             << sql::likePattern(t);
    }
    // Per identity, the newest inbox and outbox row (index lookups on (channel, from_id, id) and
    // (channel, recipient, id)), so the list never scans the whole message history.
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT c.id, c.name, c.phone, c.bot_paused_until, i.channel, "
                                     "(SELECT MAX(m.id) FROM inbox m WHERE m.channel = i.channel "
                                     "AND m.from_id = i.external_id) AS last_in, "
                                     "(SELECT MAX(o.id) FROM outbox o WHERE o.channel = i.channel "
                                     "AND o.recipient = i.external_id) AS last_out "
                                     "FROM customers c JOIN customer_identities i ON i.customer_id = c.id ")
                          + where,
                      args, QStringLiteral("listing conversations"));
    if (!q)
        return q.error();

    struct Acc
    {
        ConversationSummary summary;
        QList<qint64> lastIn;
        QList<qint64> lastOut;
    };
    QHash<qint64, Acc> byCustomer;
    QList<qint64> inIds, outIds;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        const qint64 id = r.value(0).toLongLong();
        const qint64 lastIn = r.value(5).toLongLong();
        const qint64 lastOut = r.value(6).toLongLong();
        if (lastIn == 0 && lastOut == 0)
            continue;
        Acc &a = byCustomer[id];
        a.summary.customerId = id;
        a.summary.name = r.value(1).toString();
        a.summary.phone = r.value(2).toString();
        a.summary.botPausedUntil = sql::fromDb(r.value(3));
        const QString channel = r.value(4).toString();
        if (!a.summary.channels.contains(channel))
            a.summary.channels << channel;
        if (lastIn) {
            a.lastIn << lastIn;
            inIds << lastIn;
        }
        if (lastOut) {
            a.lastOut << lastOut;
            outIds << lastOut;
        }
    }
    q.value().finish();

    // The latest rows' times and texts.
    QHash<qint64, LastMessage> ins, outs;
    for (const bool outbound : {false, true}) {
        const QList<qint64> &ids = outbound ? outIds : inIds;
        if (ids.isEmpty())
            continue;
        auto rowsQ = sql::run(*conn,
                              (outbound ? QStringLiteral("SELECT id, created_at, text FROM outbox WHERE id IN ")
                                        : QStringLiteral("SELECT id, received_at, text FROM inbox WHERE id IN "))
                                  + sql::idList(ids),
                              {}, QStringLiteral("reading the latest messages"));
        if (!rowsQ)
            return rowsQ.error();
        while (rowsQ.value().next()) {
            LastMessage m{rowsQ.value().value(0).toLongLong(), sql::fromDb(rowsQ.value().value(1)),
                          rowsQ.value().value(2).toString()};
            (outbound ? outs : ins).insert(m.id, m);
        }
    }

    QList<ConversationSummary> out;
    QHash<qint64, QDateTime> lastOutAt;
    out.reserve(byCustomer.size());
    for (auto it = byCustomer.begin(); it != byCustomer.end(); ++it) {
        ConversationSummary s = it->summary;
        LastMessage latestIn, latestOut;
        for (qint64 id : std::as_const(it->lastIn)) {
            const LastMessage m = ins.value(id);
            if (!latestIn.at.isValid() || m.at > latestIn.at)
                latestIn = m;
        }
        for (qint64 id : std::as_const(it->lastOut)) {
            const LastMessage m = outs.value(id);
            if (!latestOut.at.isValid() || m.at > latestOut.at)
                latestOut = m;
        }
        s.lastInboundAt = latestIn.at;
        // The reply to a message is written after it: on a tie the outbound one is the latest.
        s.lastOutbound = latestOut.at.isValid() && (!latestIn.at.isValid() || latestOut.at >= latestIn.at);
        const LastMessage &last = s.lastOutbound ? latestOut : latestIn;
        s.lastAt = last.at;
        s.lastText = oneLine(last.text);
        lastOutAt.insert(s.customerId, latestOut.at);
        out << s;
    }
    std::sort(out.begin(), out.end(), [](const ConversationSummary &a, const ConversationSummary &b) {
        return a.lastAt != b.lastAt ? a.lastAt > b.lastAt : a.customerId > b.customerId;
    });
    if (out.size() > qBound(1, limit, 10'000))
        out.resize(qBound(1, limit, 10'000));

    // Unanswered: inbound messages after the last outbound one, for the shown customers only.
    QList<qint64> waiting;
    for (const ConversationSummary &s : std::as_const(out)) {
        if (!s.lastOutbound)
            waiting << s.customerId;
    }
    if (!waiting.isEmpty()) {
        auto counts = sql::run(*conn,
                               QStringLiteral(
                                   "SELECT i.customer_id, m.received_at FROM customer_identities i JOIN inbox m "
                                   "ON m.channel = i.channel AND m.from_id = i.external_id WHERE i.customer_id IN ")
                                   + sql::idList(waiting),
                               {}, QStringLiteral("counting unanswered messages"));
        if (!counts)
            return counts.error();
        QHash<qint64, int> unanswered;
        while (counts.value().next()) {
            const qint64 id = counts.value().value(0).toLongLong();
            const QDateTime at = sql::fromDb(counts.value().value(1));
            const QDateTime answered = lastOutAt.value(id);
            if (!answered.isValid() || at > answered)
                ++unanswered[id];
        }
        for (ConversationSummary &s : out)
            s.unanswered = unanswered.value(s.customerId);
    }
    return out;
}

Result<QList<ConversationMessage>> ConversationRepository::messages(qint64 customerId, int limit,
                                                                    const QDateTime &before)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // Joined on the customer's own identities: a message of another customer cannot appear.
    QString sqlText = QStringLiteral(
        "SELECT outbound, id, channel, peer, type, text, media_path, ts, status, delivery, error_code, "
        "last_error, sent_by FROM ("
        "SELECT 0 AS outbound, m.id AS id, m.channel AS channel, m.from_id AS peer, m.type AS type, "
        "m.text AS text, m.media_path AS media_path, m.received_at AS ts, '' AS status, '' AS delivery, "
        "0 AS error_code, '' AS last_error, '' AS sent_by "
        "FROM inbox m JOIN customer_identities i ON i.channel = m.channel AND i.external_id = m.from_id "
        "WHERE i.customer_id = ? "
        "UNION ALL "
        "SELECT 1, o.id, o.channel, o.recipient, o.type, o.text, o.media_path, o.created_at, o.status, "
        "o.delivery, o.error_code, o.last_error, o.sent_by "
        "FROM outbox o JOIN customer_identities i ON i.channel = o.channel AND i.external_id = o.recipient "
        "WHERE i.customer_id = ?) x ");
    QVariantList args{customerId, customerId};
    if (before.isValid()) {
        sqlText += QStringLiteral("WHERE x.ts < ? ");
        args << sql::toDb(before);
    }
    sqlText += QStringLiteral("ORDER BY x.ts DESC, x.outbound DESC, x.id DESC LIMIT ?");
    args << qBound(1, limit, 10'000);
    auto q = sql::run(*conn, sqlText, args, QStringLiteral("reading a conversation"));
    if (!q)
        return q.error();
    QList<ConversationMessage> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        ConversationMessage m;
        m.outbound = r.value(0).toInt() != 0;
        m.id = r.value(1).toLongLong();
        m.channel = r.value(2).toString();
        m.peer = r.value(3).toString();
        m.type = domain::parseMessageType(r.value(4).toString());
        m.text = r.value(5).toString();
        m.mediaPath = r.value(6).toString();
        m.at = sql::fromDb(r.value(7));
        m.status = r.value(8).toString();
        m.delivery = r.value(9).toString();
        m.errorCode = r.value(10).toInt();
        m.lastError = r.value(11).toString();
        m.sentBy = r.value(12).toString();
        out << m;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Result<StaffReply> ConversationRepository::staffReply(qint64 customerId, const QString &text, const QString &staffName,
                                                      int pauseMinutes, const QDateTime &now)
{
    const QString body = text.trimmed();
    if (body.isEmpty())
        return makeError(QStringLiteral("conversation.empty"), QStringLiteral("Type a reply first"));
    if (body.size() > kMaxReplyLength)
        return makeError(QStringLiteral("conversation.too_long"),
                         QStringLiteral("A reply may have at most %1 characters (this one has %2)")
                             .arg(kMaxReplyLength)
                             .arg(body.size()),
                         {{QStringLiteral("max"), kMaxReplyLength}, {QStringLiteral("length"), body.size()}});
    QString name = staffName.trimmed();
    if (name.startsWith(QLatin1String("staff:")))
        name = name.mid(6).trimmed();
    if (name.isEmpty())
        name = QStringLiteral("staff");
    const QString sentBy = QStringLiteral("staff:") + name.left(100);
    const int pause = qBound(0, pauseMinutes, 7 * 24 * 60);
    const QDateTime at = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();

    return sql::transact(*m_db, QStringLiteral("sending a staff reply"), [&](QSqlDatabase &c) -> Result<StaffReply> {
        auto customer = lockCustomer(c, customerId);
        if (!customer)
            return customer.error();
        if (customer->mergedInto != 0)
            return makeError(
                QStringLiteral("customer.merged"),
                QStringLiteral("Customer %1 was merged into customer %2").arg(customerId).arg(customer->mergedInto),
                {{QStringLiteral("customer"), customerId}, {QStringLiteral("merged_into"), customer->mergedInto}});
        // Where the customer wrote last; a customer who never wrote gets the newest identity.
        auto latest = sql::run(c,
                               QStringLiteral("SELECT m.channel, m.from_id FROM inbox m JOIN customer_identities i "
                                              "ON i.channel = m.channel AND i.external_id = m.from_id "
                                              "WHERE i.customer_id = ? ORDER BY m.received_at DESC, m.id DESC LIMIT 1"),
                               {customerId}, QStringLiteral("finding the customer's channel"));
        if (!latest)
            return latest.error();
        StaffReply reply;
        if (latest.value().next()) {
            reply.channel = latest.value().value(0).toString();
            reply.recipient = latest.value().value(1).toString();
        } else {
            auto identity = sql::run(c,
                                     QStringLiteral("SELECT channel, external_id FROM customer_identities "
                                                    "WHERE customer_id = ? ORDER BY id DESC LIMIT 1"),
                                     {customerId}, QStringLiteral("finding the customer's channel"));
            if (!identity)
                return identity.error();
            if (!identity.value().next())
                return makeError(
                    QStringLiteral("conversation.no_identity"),
                    QStringLiteral("Customer %1 has no WhatsApp or other channel to write to").arg(customerId),
                    {{QStringLiteral("customer"), customerId}});
            reply.channel = identity.value().value(0).toString();
            reply.recipient = identity.value().value(1).toString();
        }
        latest.value().finish();

        domain::OutboundMessage m;
        m.channel = reply.channel;
        m.to = reply.recipient;
        m.type = domain::MessageType::Text;
        m.text = body;
        m.sentBy = sentBy;
        auto id = MessageRepository(m_db).enqueue(m);
        if (!id)
            return id.error();
        reply.outboxId = id.value();

        reply.botPausedUntil = customer->botPausedUntil;
        if (pause > 0) {
            const QDateTime until = at.addSecs(qint64(pause) * 60);
            // A longer pause already set (another reply, a larger setting) is kept.
            if (!reply.botPausedUntil.isValid() || reply.botPausedUntil < until) {
                auto q = sql::run(c, QStringLiteral("UPDATE customers SET bot_paused_until = ? WHERE id = ?"),
                                  {sql::toDb(until), customerId}, QStringLiteral("pausing the bot"));
                if (!q)
                    return q.error();
                reply.botPausedUntil = until;
            }
        }
        // Never the text: a staff member may be delivering an account by hand.
        if (auto a = sql::audit(c, sentBy, QStringLiteral("conversation.staff_reply"),
                                QStringLiteral("customer:") + QString::number(customerId),
                                {{QStringLiteral("bot_paused_until"), sql::toDb(customer->botPausedUntil)}},
                                {{QStringLiteral("outbox_id"), reply.outboxId},
                                 {QStringLiteral("channel"), reply.channel},
                                 {QStringLiteral("recipient"), reply.recipient},
                                 {QStringLiteral("length"), body.size()},
                                 {QStringLiteral("bot_paused_until"), sql::toDb(reply.botPausedUntil)}});
            !a)
            return a.error();
        kedai::log::get("store")->info("staff reply to customer {} on {} by {}", customerId, reply.channel, sentBy);
        return reply;
    });
}

Result<domain::Customer> ConversationRepository::resumeBot(qint64 customerId, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("resuming the bot"), [&](QSqlDatabase &c) -> Result<domain::Customer> {
        auto customer = lockCustomer(c, customerId);
        if (!customer)
            return customer.error();
        if (!customer->botPausedUntil.isValid())
            return customer.value();
        auto q = sql::run(c, QStringLiteral("UPDATE customers SET bot_paused_until = NULL WHERE id = ?"), {customerId},
                          QStringLiteral("resuming the bot"));
        if (!q)
            return q.error();
        if (auto a = sql::audit(c, actor, QStringLiteral("conversation.resume_bot"),
                                QStringLiteral("customer:") + QString::number(customerId),
                                {{QStringLiteral("bot_paused_until"), sql::toDb(customer->botPausedUntil)}}, {});
            !a)
            return a.error();
        domain::Customer out = customer.value();
        out.botPausedUntil = QDateTime();
        return out;
    });
}

} // namespace kedai::store
