#include "store/messagerepository.h"

#include "store/rows.h"
#include "store/sqlutil.h"

#include <QCryptographicHash>

#include <algorithm>

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::OutboundMessage;

namespace {

constexpr int kMaxErrorLength = 1000;

/// Checks that an UPDATE by id hit its row.
Result<void> expectOne(Result<QSqlQuery> &q, const QString &table, qint64 id)
{
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() < 1)
        return makeError(table + QStringLiteral(".not_found"),
                         QStringLiteral("There is no %1 message %2").arg(table).arg(id));
    return {};
}

} // namespace

Result<std::optional<qint64>> MessageRepository::insertInbound(const domain::InboundMessage &message)
{
    if (message.channel.isEmpty() || message.externalId.isEmpty() || message.from.isEmpty())
        return makeError(QStringLiteral("inbox.invalid"),
                         QStringLiteral("An inbound message needs a channel, a message id and a sender"));
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // ON CONFLICT DO NOTHING: a re-delivered message is a normal event, not an error to log.
    return sql::insertId(
        *conn,
        QStringLiteral("INSERT INTO inbox (channel, external_id, from_id, name, type, text, media_path, media_id, "
                       "media_mime, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending') "
                       "ON CONFLICT (channel, external_id) DO NOTHING"),
        {message.channel, message.externalId, message.from, message.name, domain::messageTypeName(message.type),
         message.text, message.mediaPath, message.mediaId.left(2000), message.mediaMime.left(200),
         sql::toDb(message.receivedAt.isValid() ? message.receivedAt : QDateTime::currentDateTimeUtc())},
        QStringLiteral("storing an inbound message"));
}

Result<void> MessageRepository::markInboundProcessed(qint64 inboxId, const QString &status)
{
    if (status != QLatin1String("done") && status != QLatin1String("failed") && status != QLatin1String("ignored"))
        return makeError(
            QStringLiteral("inbox.invalid"),
            QStringLiteral("Inbox status must be done, failed or ignored (got \"%1\")").arg(status.left(40)));
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn, QStringLiteral("UPDATE inbox SET status = ?, processed_at = ? WHERE id = ?"),
                      {status, sql::nowDb(), inboxId}, QStringLiteral("marking an inbound message"));
    return expectOne(q, QStringLiteral("inbox"), inboxId);
}

Result<void> MessageRepository::setInboundMedia(qint64 inboxId, const QString &path)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn, QStringLiteral("UPDATE inbox SET media_path = ? WHERE id = ?"), {path, inboxId},
                      QStringLiteral("recording an inbound file"));
    return expectOne(q, QStringLiteral("inbox"), inboxId);
}

Result<bool> MessageRepository::lockPendingInbound(qint64 inboxId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto status = sql::scalar(*conn,
                              QStringLiteral("SELECT status FROM inbox WHERE id = ?") + sql::dialect::forUpdate(*conn),
                              {inboxId}, QStringLiteral("locking an inbound message"));
    if (!status)
        return status.error();
    return status->toString() == QLatin1String("pending");
}

Result<QList<domain::InboundMessage>> MessageRepository::unprocessedInbound(int limit)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT ") + rows::inboundColumns()
                          + QStringLiteral(" FROM inbox WHERE status = 'pending' ORDER BY id LIMIT ?"),
                      {qBound(1, limit, 100'000)}, QStringLiteral("reading the inbox"));
    if (!q)
        return q.error();
    QList<domain::InboundMessage> out;
    while (q.value().next())
        out << rows::inbound(q.value());
    return out;
}

Result<void> MessageRepository::validate(const OutboundMessage &message)
{
    if (message.channel.isEmpty() || message.to.isEmpty())
        return makeError(QStringLiteral("outbox.invalid"),
                         QStringLiteral("An outbound message needs a channel and a recipient"));
    if (message.text.isEmpty() && message.mediaPath.isEmpty())
        return makeError(QStringLiteral("outbox.invalid"),
                         QStringLiteral("An outbound message needs a text or a file"));
    return {};
}

QString MessageRepository::outboxColumns()
{
    return QStringLiteral("channel, recipient, type, text, media_path, status, attempts, last_error, inbox_id, "
                          "created_at, next_attempt_at, payload, sent_by");
}

QString MessageRepository::outboxValues()
{
    return QStringLiteral("?, ?, ?, ?, ?, 'pending', 0, '', ?, ?, ?, ?, ?");
}

QVariantList MessageRepository::outboxArgs(const OutboundMessage &message, const QString &now)
{
    return {message.channel,
            message.to,
            domain::messageTypeName(message.type),
            message.text,
            message.mediaPath,
            sql::nullIfZero(message.inboxId),
            now,
            now,
            message.payload,
            message.sentBy};
}

Result<qint64> MessageRepository::enqueue(const OutboundMessage &message)
{
    if (auto valid = validate(message); !valid)
        return valid.error();
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto id = sql::insertId(*conn,
                            QStringLiteral("INSERT INTO outbox (") + outboxColumns() + QStringLiteral(") VALUES (")
                                + outboxValues() + QLatin1Char(')'),
                            outboxArgs(message, sql::nowDb()), QStringLiteral("queueing an outbound message"));
    if (!id)
        return id.error();
    return id->value_or(0);
}

Result<QList<OutboundMessage>> MessageRepository::claimDue(int limit, const QDateTime &now, const QString &claimer)
{
    const QString due = sql::toDb(now.isValid() ? now : QDateTime::currentDateTimeUtc());
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // Oldest first, so one recipient's replies go out in the order they were written. A message
    // never tried is due at once: the writer's clock (system time) and the sender's clock (`now`,
    // maybe a test clock or another host) need not agree; a message the sender deferred (pacing)
    // has next_attempt_at past created_at and waits for it. On PostgreSQL, rows another sender is
    // claiming right now are skipped rather than waited for.
    auto claimed = sql::returning(
        *conn,
        QStringLiteral("UPDATE outbox SET status = 'sending', claimed_at = ?, claimed_by = ? WHERE id IN "
                       "(SELECT id FROM outbox WHERE status = 'pending' "
                       "AND ((attempts = 0 AND next_attempt_at = created_at) OR next_attempt_at <= ?) "
                       "ORDER BY id LIMIT ?")
            + sql::dialect::skipLocked(*conn) + QStringLiteral(") RETURNING ") + rows::outboundColumns(),
        {sql::nowDb(), claimer, due, qBound(1, limit, 10'000)}, QStringLiteral("claiming outbound messages"));
    if (!claimed)
        return claimed.error();
    QList<OutboundMessage> out;
    out.reserve(claimed->size());
    for (const QSqlRecord &r : claimed.value())
        out << rows::outbound(r);
    // RETURNING follows no ORDER BY.
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return out;
}

Result<void> MessageRepository::markSent(qint64 id, const QString &externalId, const QDateTime &when)
{
    return markSentMany({SentReceipt{id, externalId}}, when);
}

Result<void> MessageRepository::markSentMany(const QList<SentReceipt> &sent, const QDateTime &when)
{
    if (sent.isEmpty())
        return {};
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // One UPDATE ... FROM a derived table (PostgreSQL, and SQLite since 3.33).
    QString rowsSql;
    QVariantList args{sql::toDb(when.isValid() ? when : QDateTime::currentDateTimeUtc())};
    for (const SentReceipt &r : sent) {
        rowsSql += rowsSql.isEmpty() ? QStringLiteral("SELECT ? AS id, ? AS ext")
                                     : QStringLiteral(" UNION ALL SELECT ?, ?");
        args << r.id << r.externalId;
    }
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE outbox SET status = 'sent', external_id = NULLIF(v.ext, ''), sent_at = ?, "
                                     "last_error = '', claimed_at = NULL FROM (")
                          + rowsSql + QStringLiteral(") AS v WHERE outbox.id = v.id"),
                      args, QStringLiteral("marking messages sent"));
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != sent.size())
        return makeError(QStringLiteral("outbox.not_found"),
                         QStringLiteral("Only %1 of the %2 sent messages are in the outbox")
                             .arg(q.value().numRowsAffected())
                             .arg(sent.size()));
    return {};
}

Result<void> MessageRepository::markRetry(qint64 id, const QString &error, const QDateTime &nextAttempt, int errorCode)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE outbox SET status = 'pending', attempts = attempts + 1, last_error = ?, "
                                     "error_code = ?, next_attempt_at = ?, claimed_at = NULL WHERE id = ?"),
                      {error.left(kMaxErrorLength), errorCode,
                       sql::toDb(nextAttempt.isValid() ? nextAttempt : QDateTime::currentDateTimeUtc()), id},
                      QStringLiteral("scheduling a retry"));
    return expectOne(q, QStringLiteral("outbox"), id);
}

Result<void> MessageRepository::markFailed(qint64 id, const QString &error, int errorCode)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, "
                                     "error_code = ?, claimed_at = NULL WHERE id = ?"),
                      {error.left(kMaxErrorLength), errorCode, id}, QStringLiteral("marking a message failed"));
    return expectOne(q, QStringLiteral("outbox"), id);
}

Result<void> MessageRepository::defer(const QList<qint64> &ids, const QDateTime &notBefore)
{
    if (ids.isEmpty())
        return {};
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QString marks;
    QVariantList args{sql::toDb(notBefore.isValid() ? notBefore : QDateTime::currentDateTimeUtc())};
    for (const qint64 id : ids) {
        marks += marks.isEmpty() ? QStringLiteral("?") : QStringLiteral(", ?");
        args << id;
    }
    // next_attempt_at moves past created_at, so claimDue() waits for it even on a first attempt.
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE outbox SET status = 'pending', next_attempt_at = ?, claimed_at = NULL "
                                     "WHERE status = 'sending' AND id IN (")
                          + marks + QLatin1Char(')'),
                      args, QStringLiteral("pacing outbound messages"));
    if (!q)
        return q.error();
    return {};
}

namespace {
int deliveryRank(const QString &status)
{
    static const QStringList order{QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read"),
                                   QStringLiteral("played")};
    return int(order.indexOf(status)); // -1: '' or failed
}
} // namespace

Result<bool> MessageRepository::recordDelivery(const QString &channel, const QString &externalId, const QString &status,
                                               const QDateTime &at, int errorCode, const QString &error)
{
    if (externalId.isEmpty())
        return false;
    const bool failed = status == QLatin1String("failed");
    const int rank = deliveryRank(status);
    if (!failed && rank < 0)
        return makeError(QStringLiteral("outbox.invalid"),
                         QStringLiteral("Unknown delivery status \"%1\"").arg(status.left(40)));
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    const QString when = sql::toDb(at.isValid() ? at : QDateTime::currentDateTimeUtc());
    Result<QSqlQuery> q =
        failed ? sql::run(*conn,
                          QStringLiteral("UPDATE outbox SET delivery = 'failed', delivery_at = ?, error_code = ?, "
                                         "last_error = ? WHERE channel = ? AND external_id = ? "
                                         "AND delivery IN ('', 'sent', 'failed')"),
                          {when, errorCode, error.left(kMaxErrorLength), channel, externalId},
                          QStringLiteral("recording a failed delivery"))
               : sql::run(*conn,
                          // Forward only: a late "delivered" never overwrites "read".
                          QStringLiteral(
                              "UPDATE outbox SET delivery = ?, delivery_at = ? WHERE channel = ? "
                              "AND external_id = ? AND (CASE delivery WHEN 'sent' THEN 0 WHEN 'failed' THEN 0 "
                              "WHEN 'delivered' THEN 1 WHEN 'read' THEN 2 WHEN 'played' THEN 3 ELSE -1 END) < ?"),
                          {status, when, channel, externalId, rank}, QStringLiteral("recording a delivery status"));
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() > 0)
        return true;
    auto known = sql::scalar(*conn, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE channel = ? AND external_id = ?"),
                             {channel, externalId}, QStringLiteral("finding a sent message"), 0);
    if (!known)
        return known.error();
    return known->toLongLong() > 0;
}

Result<QStringList> MessageRepository::claimersInFlight()
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT DISTINCT claimed_by FROM outbox WHERE status = 'sending' AND "
                                     "claimed_by <> ''"),
                      {}, QStringLiteral("reading who is sending"));
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out << q.value().value(0).toString();
    return out;
}

Result<int> MessageRepository::requeueClaimedBy(const QString &claimer)
{
    if (claimer.isEmpty())
        return 0;
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE outbox SET status = 'pending', claimed_at = NULL, claimed_by = '' "
                                     "WHERE status = 'sending' AND claimed_by = ?"),
                      {claimer}, QStringLiteral("requeueing a stopped instance's messages"));
    if (!q)
        return q.error();
    return q.value().numRowsAffected();
}

qint64 MessageRepository::claimerLockKey(const QString &claimer)
{
    // 40 bits of the id's hash under a prefix of their own ("kd^"), apart from the sweeper's
    // and the other job locks.
    const QByteArray hash = QCryptographicHash::hash(claimer.toUtf8(), QCryptographicHash::Sha256);
    qint64 key = 0x6b645e;
    for (int i = 0; i < 5; ++i)
        key = (key << 8) | quint8(hash.at(i));
    return key;
}

Result<int> MessageRepository::requeueStuck()
{
    return requeueStuck(kStuckAfter);
}

Result<int> MessageRepository::requeueStuck(std::chrono::milliseconds claimedLongerThan)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    const QString cutoff = sql::toDb(QDateTime::currentDateTimeUtc().addMSecs(-claimedLongerThan.count()));
    // A NULL claimed_at is a row claimed before the column existed: stuck for sure.
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE outbox SET status = 'pending', claimed_at = NULL WHERE status = 'sending' "
                                     "AND (claimed_at IS NULL OR claimed_at <= ?)"),
                      {cutoff}, QStringLiteral("requeueing stuck messages"));
    if (!q)
        return q.error();
    return q.value().numRowsAffected();
}

Result<QList<OutboundMessage>> MessageRepository::sentTo(const QString &channel, const QString &to, qint64 afterId,
                                                         int limit)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT ") + rows::outboundColumns()
                          + QStringLiteral(" FROM outbox WHERE channel = ? AND recipient = ? AND id > ? "
                                           "AND status = 'sent' ORDER BY id LIMIT ?"),
                      {channel, to, afterId, qBound(1, limit, 10'000)}, QStringLiteral("reading sent messages"));
    if (!q)
        return q.error();
    QList<OutboundMessage> out;
    while (q.value().next())
        out << rows::outbound(q.value());
    return out;
}

Result<QString> MessageRepository::lastInteractive(const QString &channel, const QString &to, const QDateTime &since)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // The latest message to them decides: a list followed by a plain text is no longer a question.
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT payload, created_at FROM outbox WHERE channel = ? AND recipient = ? "
                                     "ORDER BY id DESC LIMIT 1"),
                      {channel, to}, QStringLiteral("reading the last question"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return QString();
    if (sql::fromDb(q.value().value(1).toString()) < since)
        return QString();
    return q.value().value(0).toString();
}

Result<qint64> MessageRepository::pendingOutboxCount()
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto n = sql::scalar(*conn, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"),
                         {}, QStringLiteral("counting the outbox"), 0);
    if (!n)
        return n.error();
    return n->toLongLong();
}

} // namespace kedai::store
