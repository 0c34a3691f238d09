#include "store/customerrepository.h"

#include "common/ids.h"
#include "common/log.h"
#include "store/rows.h"
#include "store/sqlutil.h"

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::Customer;

namespace {

common::Error notFound(qint64 id)
{
    return makeError(QStringLiteral("customer.not_found"), QStringLiteral("There is no customer with id %1").arg(id),
                     {{QStringLiteral("customer"), id}});
}

Result<std::optional<Customer>> loadWhere(const QSqlDatabase &conn, const QString &fromWhere, const QVariantList &args)
{
    auto q = sql::run(conn, QStringLiteral("SELECT ") + rows::customerColumns() + QLatin1Char(' ') + fromWhere, args,
                      QStringLiteral("reading a customer"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Customer>();
    return std::optional<Customer>(rows::customer(q.value()));
}

Result<Customer> require(const QSqlDatabase &conn, qint64 id)
{
    auto c = loadWhere(conn, QStringLiteral("FROM customers c WHERE c.id = ?"), {id});
    if (!c)
        return c.error();
    if (!c.value())
        return notFound(id);
    return **c;
}

Result<std::optional<Customer>> identityRow(const QSqlDatabase &conn, const QString &channel, const QString &externalId)
{
    return loadWhere(conn,
                     QStringLiteral("FROM customer_identities i JOIN customers c ON c.id = i.customer_id "
                                    "WHERE i.channel = ? AND i.external_id = ?"),
                     {channel, externalId});
}

} // namespace

Result<Customer> CustomerRepository::ensure(const QString &channel, const QString &externalId, const QString &phone,
                                            const QString &name)
{
    if (channel.trimmed().isEmpty() || externalId.trimmed().isEmpty())
        return makeError(QStringLiteral("customer.invalid"),
                         QStringLiteral("A customer identity needs a channel and an id on that channel"));
    const QString normalizedPhone = common::normalizePhone(phone);
    const QString displayName = name.trimmed().left(200);

    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto found = identityRow(*conn, channel, externalId);
    if (!found)
        return found.error();
    if (found.value()) {
        Customer c = **found;
        if (c.name.isEmpty() && !displayName.isEmpty()) {
            auto q = sql::run(*conn, QStringLiteral("UPDATE customers SET name = ? WHERE id = ? AND name = ''"),
                              {displayName, c.id}, QStringLiteral("naming a customer"));
            if (q)
                c.name = displayName;
        }
        return c;
    }

    // First contact. Another thread may be creating the same customer right now: the inserts
    // ignore conflicts and the rows are read back, so both end with the same customer.
    return sql::transact(*m_db, QStringLiteral("registering a customer"), [&](QSqlDatabase &c) -> Result<Customer> {
        // PostgreSQL: without it, two first messages of a customer without a phone number would
        // create two customers (the phone's unique index cannot catch NULLs).
        if (auto locked = sql::dialect::lockForTransaction(c,
                                                           QStringLiteral("identity:") + channel + QLatin1Char(':')
                                                               + externalId,
                                                           QStringLiteral("registering a customer"));
            !locked)
            return locked.error();
        auto again = identityRow(c, channel, externalId);
        if (!again)
            return again.error();
        if (again.value())
            return **again;

        QVariant customerId;
        if (!normalizedPhone.isEmpty()) {
            // A merged customer's number belongs to the customer it was merged into.
            auto existing = sql::scalar(c,
                                        QStringLiteral("SELECT COALESCE(merged_into, id) FROM customers "
                                                       "WHERE phone = ?"),
                                        {normalizedPhone}, QStringLiteral("finding a customer"));
            if (!existing)
                return existing.error();
            customerId = *existing;
        }
        if (customerId.isNull()) {
            auto id = sql::insertId(c,
                                    QStringLiteral(
                                        "INSERT INTO customers (phone, name, tier, saldo, blocked, created_at) "
                                        "VALUES (?, ?, 'bronze', 0, 0, ?) ON CONFLICT DO NOTHING"),
                                    {sql::nullIfEmpty(normalizedPhone), displayName, sql::nowDb()},
                                    QStringLiteral("creating a customer"));
            if (!id)
                return id.error();
            if (id->has_value()) {
                customerId = **id;
            } else {
                auto existing = sql::scalar(c,
                                            QStringLiteral("SELECT COALESCE(merged_into, id) FROM customers "
                                                           "WHERE phone = ?"),
                                            {normalizedPhone}, QStringLiteral("finding a customer"));
                if (!existing)
                    return existing.error();
                customerId = *existing;
            }
            if (auto a = sql::audit(c, QStringLiteral("system"), QStringLiteral("customer.create"),
                                    QStringLiteral("customer:") + customerId.toString(), {},
                                    {{QStringLiteral("channel"), channel}});
                !a)
                return a.error();
        }
        auto link = sql::run(c,
                             QStringLiteral(
                                 "INSERT INTO customer_identities (channel, external_id, customer_id, "
                                 "created_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel, external_id) DO NOTHING"),
                             {channel, externalId, customerId, sql::nowDb()}, QStringLiteral("linking a customer"));
        if (!link)
            return link.error();
        auto linked = identityRow(c, channel, externalId);
        if (!linked)
            return linked.error();
        if (!linked.value())
            return makeError(QStringLiteral("store.error"), QStringLiteral("The new customer could not be read back"));
        return **linked;
    });
}

Result<std::optional<Customer>> CustomerRepository::byIdentity(const QString &channel, const QString &externalId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return identityRow(*conn, channel, externalId);
}

Result<std::optional<Customer>> CustomerRepository::byId(qint64 id)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return loadWhere(*conn, QStringLiteral("FROM customers c WHERE c.id = ?"), {id});
}

Result<std::optional<Customer>> CustomerRepository::byPhone(const QString &phone)
{
    const QString normalized = common::normalizePhone(phone);
    if (normalized.isEmpty())
        return std::optional<Customer>();
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return loadWhere(*conn,
                     QStringLiteral("FROM customers c WHERE c.id = (SELECT COALESCE(m.merged_into, m.id) "
                                    "FROM customers m WHERE m.phone = ?)"),
                     {normalized});
}

Result<QList<Customer>> CustomerRepository::list(const QString &term, int limit)
{
    return page(term, 0, limit);
}

Result<QList<Customer>> CustomerRepository::page(const QString &term, qint64 beforeId, int limit)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    const QString t = term.trimmed();
    QString where;
    QVariantList args;
    if (!t.isEmpty()) {
        // "0812..." should find "62812...": also search the normalised form of a number.
        const QString asPhone = common::normalizePhone(t);
        const QString like = sql::dialect::caseInsensitiveLike(*conn);
        where = QStringLiteral("AND (c.phone %1 ? ESCAPE '\\' OR c.name %1 ? ESCAPE '\\' "
                               "OR c.phone %1 ? ESCAPE '\\') ")
                    .arg(like);
        args = {sql::likePattern(t), sql::likePattern(t), sql::likePattern(asPhone.isEmpty() ? t : asPhone)};
    }
    if (beforeId > 0) {
        where += QStringLiteral("AND c.id < ? ");
        args << beforeId;
    }
    args << qBound(1, limit, 10'000);
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT ") + rows::customerColumns()
                          + QStringLiteral(" FROM customers c WHERE c.merged_into IS NULL ") + where
                          + QStringLiteral("ORDER BY c.id DESC LIMIT ?"),
                      args, QStringLiteral("listing customers"));
    if (!q)
        return q.error();
    QList<Customer> out;
    while (q.value().next())
        out << rows::customer(q.value());
    return out;
}

Result<Customer> CustomerRepository::setTier(qint64 customerId, domain::Tier tier, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("changing a tier"), [&](QSqlDatabase &c) -> Result<Customer> {
        auto before = require(c, customerId);
        if (!before)
            return before.error();
        auto q = sql::run(c, QStringLiteral("UPDATE customers SET tier = ? WHERE id = ?"),
                          {domain::tierName(tier), customerId}, QStringLiteral("changing a tier"));
        if (!q)
            return q.error();
        if (auto a = sql::audit(c, actor, QStringLiteral("customer.set_tier"),
                                QStringLiteral("customer:") + QString::number(customerId),
                                {{QStringLiteral("tier"), domain::tierName(before->tier)}},
                                {{QStringLiteral("tier"), domain::tierName(tier)}});
            !a)
            return a.error();
        return require(c, customerId);
    });
}

Result<Customer> CustomerRepository::setBlocked(qint64 customerId, bool blocked, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("blocking a customer"), [&](QSqlDatabase &c) -> Result<Customer> {
        auto before = require(c, customerId);
        if (!before)
            return before.error();
        if (before->blocked == blocked)
            return *before;
        auto q = sql::run(c,
                          QStringLiteral("UPDATE customers SET blocked = ?, blocked_notified_at = NULL WHERE id = ?"),
                          {blocked ? 1 : 0, customerId}, QStringLiteral("blocking a customer"));
        if (!q)
            return q.error();
        if (auto a = sql::audit(c, actor, QStringLiteral("customer.set_blocked"),
                                QStringLiteral("customer:") + QString::number(customerId),
                                {{QStringLiteral("blocked"), before->blocked}}, {{QStringLiteral("blocked"), blocked}});
            !a)
            return a.error();
        return require(c, customerId);
    });
}

Result<bool> CustomerRepository::claimBlockedNotice(qint64 customerId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // One statement: of two messages handled at once, only one sees the NULL.
    auto q = sql::run(*conn,
                      QStringLiteral("UPDATE customers SET blocked_notified_at = ? WHERE id = ? AND blocked = 1 "
                                     "AND blocked_notified_at IS NULL"),
                      {sql::nowDb(), customerId}, QStringLiteral("noting the blocked reply"));
    if (!q)
        return q.error();
    return q.value().numRowsAffected() > 0;
}

Result<domain::LedgerEntry> CustomerRepository::postLedger(qint64 customerId, common::Rupiah delta,
                                                           domain::LedgerKind kind, const QString &actor,
                                                           const QString &reference, const QString &note)
{
    using domain::LedgerEntry;
    return sql::transact(*m_db, QStringLiteral("posting to the ledger"), [&](QSqlDatabase &c) -> Result<LedgerEntry> {
        // Locked on PostgreSQL, so balance_after cannot be computed from a saldo that a
        // concurrent posting is changing (SQLite's BEGIN IMMEDIATE already excludes it).
        auto saldo = sql::scalar(c,
                                 QStringLiteral("SELECT saldo FROM customers WHERE id = ?")
                                     + sql::dialect::forUpdate(c),
                                 {customerId}, QStringLiteral("reading a saldo"));
        if (!saldo)
            return saldo.error();
        if (saldo->isNull())
            return notFound(customerId);
        const common::Rupiah balance = saldo->toLongLong();
        const QVariantMap details{{QStringLiteral("saldo"), balance}, {QStringLiteral("delta"), delta}};
        const QString rule = domain::validateLedgerDelta(balance, delta);
        if (rule == QLatin1String("ledger.zero"))
            return makeError(rule, QStringLiteral("The amount must not be zero"), details);
        if (rule == QLatin1String("ledger.insufficient"))
            return makeError(rule,
                             QStringLiteral("Saldo %1 is not enough to deduct %2")
                                 .arg(common::formatRupiah(balance), common::formatRupiah(-delta)),
                             details);
        if (!rule.isEmpty())
            return makeError(rule,
                             QStringLiteral("The amount is too large: a saldo may not exceed %1")
                                 .arg(common::formatRupiah(common::kMaxRupiah)),
                             details);

        // The WHERE repeats the rule in SQL, so the row can never go negative whatever the caller.
        auto update = sql::run(c,
                               QStringLiteral("UPDATE customers SET saldo = saldo + ? WHERE id = ? AND saldo + ? >= 0"),
                               {delta, customerId, delta}, QStringLiteral("updating a saldo"));
        if (!update)
            return update.error();
        if (update.value().numRowsAffected() != 1)
            return makeError(QStringLiteral("ledger.insufficient"), QStringLiteral("The saldo is not enough"), details);

        LedgerEntry e;
        e.customerId = customerId;
        e.delta = delta;
        e.balanceAfter = balance + delta;
        e.kind = kind;
        e.actor = actor.isEmpty() ? QStringLiteral("system") : actor;
        e.reference = reference;
        e.note = note.left(1000);
        e.createdAt = QDateTime::currentDateTimeUtc();
        auto insert = sql::insertId(c,
                                    QStringLiteral(
                                        "INSERT INTO ledger (customer_id, delta, balance_after, kind, actor, "
                                        "reference, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                                    {customerId, delta, e.balanceAfter, domain::ledgerKindName(kind), e.actor,
                                     e.reference, e.note, sql::toDb(e.createdAt)},
                                    QStringLiteral("writing the ledger"));
        if (!insert)
            return insert.error();
        e.id = insert->value_or(0);
        if (auto a = sql::audit(c, e.actor, QStringLiteral("ledger.post"),
                                QStringLiteral("customer:") + QString::number(customerId),
                                {{QStringLiteral("saldo"), balance}},
                                {{QStringLiteral("saldo"), e.balanceAfter},
                                 {QStringLiteral("delta"), delta},
                                 {QStringLiteral("kind"), domain::ledgerKindName(kind)},
                                 {QStringLiteral("reference"), reference},
                                 {QStringLiteral("note"), e.note}});
            !a)
            return a.error();
        kedai::log::get("store")->info("ledger {} customer {} delta {} balance {}", domain::ledgerKindName(kind),
                                       customerId, delta, e.balanceAfter);
        return e;
    });
}

Result<QList<domain::LedgerEntry>> CustomerRepository::ledger(qint64 customerId, int limit)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT id, customer_id, delta, balance_after, kind, actor, reference, note, "
                                     "created_at FROM ledger WHERE customer_id = ? ORDER BY id DESC LIMIT ?"),
                      {customerId, qBound(1, limit, 10'000)}, QStringLiteral("reading the ledger"));
    if (!q)
        return q.error();
    QList<domain::LedgerEntry> out;
    QSqlQuery &r = q.value();
    while (r.next()) {
        domain::LedgerEntry e;
        e.id = r.value(0).toLongLong();
        e.customerId = r.value(1).toLongLong();
        e.delta = r.value(2).toLongLong();
        e.balanceAfter = r.value(3).toLongLong();
        e.kind = domain::parseLedgerKind(r.value(4).toString()).value_or(domain::LedgerKind::Adjustment);
        e.actor = r.value(5).toString();
        e.reference = r.value(6).toString();
        e.note = r.value(7).toString();
        e.createdAt = sql::fromDb(r.value(8));
        out << e;
    }
    return out;
}

Result<QList<qint64>> CustomerRepository::ledgerMismatches()
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // SUM(bigint) is numeric on PostgreSQL: compared as bigint, exactly, on both backends.
    auto q = sql::run(
        *conn,
        QStringLiteral(
            "SELECT c.id FROM customers c LEFT JOIN (SELECT customer_id, CAST(SUM(delta) AS BIGINT) AS total "
            "FROM ledger GROUP BY customer_id) l ON l.customer_id = c.id "
            "WHERE c.saldo <> COALESCE(l.total, 0) ORDER BY c.id"),
        {}, QStringLiteral("checking the ledger"));
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q.value().next())
        out << q.value().value(0).toLongLong();
    if (!out.isEmpty())
        kedai::log::get("store")->error("saldo differs from the ledger for {} customer(s)", out.size());
    return out;
}

} // namespace kedai::store
