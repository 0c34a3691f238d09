// CustomerRepository::merge(): one person who reached the shop through several channels (or a
// new number) ends up as one customer.

#include "common/log.h"
#include "store/customerrepository.h"
#include "store/rows.h"
#include "store/sqlutil.h"

#include <QVariantList>

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::Customer;

namespace {

Result<QList<QPair<QString, QString>>> identitiesOf(const QSqlDatabase &conn, qint64 customerId)
{
    auto q = sql::run(conn,
                      QStringLiteral("SELECT channel, external_id FROM customer_identities WHERE customer_id = ? "
                                     "ORDER BY id"),
                      {customerId}, QStringLiteral("reading a customer's identities"));
    if (!q)
        return q.error();
    QList<QPair<QString, QString>> out;
    while (q.value().next())
        out << qMakePair(q.value().value(0).toString(), q.value().value(1).toString());
    return out;
}

QVariantList identityList(const QList<QPair<QString, QString>> &identities)
{
    QVariantList out;
    for (const auto &[channel, id] : identities)
        out << QString(channel + QLatin1Char(':') + id);
    return out;
}

Result<qint64> pendingQris(const QSqlDatabase &conn, qint64 customerId)
{
    auto n = sql::scalar(conn,
                         QStringLiteral("SELECT COUNT(*) FROM qris_payments WHERE customer_id = ? "
                                        "AND status = 'pending'"),
                         {customerId}, QStringLiteral("checking waiting QRIS payments"), 0);
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<void> exec(const QSqlDatabase &conn, const QString &sqlText, const QVariantList &args, const QString &what)
{
    auto q = sql::run(conn, sqlText, args, what);
    if (!q)
        return q.error();
    return {};
}

} // namespace

Result<CustomerMergeResult> CustomerRepository::merge(qint64 fromId, qint64 intoId, const QString &actor)
{
    if (fromId == intoId)
        return makeError(QStringLiteral("customer.merge_self"),
                         QStringLiteral("A customer cannot be merged into itself"),
                         {{QStringLiteral("customer"), fromId}});
    const QString what = QStringLiteral("merging customers");
    return sql::transact(*m_db, what, [&](QSqlDatabase &c) -> Result<CustomerMergeResult> {
        // PostgreSQL: no QRIS payment is created for either customer meanwhile (the lock that
        // QrisService takes), then both rows are locked in id order (no deadlock with another merge).
        for (const qint64 id : {qMin(fromId, intoId), qMax(fromId, intoId)}) {
            if (auto locked = sql::dialect::lockForTransaction(c, QStringLiteral("qris:customer:%1").arg(id), what);
                !locked)
                return locked.error();
        }
        auto q = sql::run(c,
                          QStringLiteral("SELECT ") + rows::customerColumns()
                              + QStringLiteral(" FROM customers c WHERE c.id IN (?, ?) ORDER BY c.id")
                              + sql::dialect::forUpdate(c),
                          {fromId, intoId}, what);
        if (!q)
            return q.error();
        std::optional<Customer> from, into;
        while (q.value().next()) {
            const Customer row = rows::customer(q.value());
            (row.id == fromId ? from : into) = row;
        }
        q.value().finish();
        for (const auto &[id, row] : {qMakePair(fromId, from), qMakePair(intoId, into)}) {
            if (!row)
                return makeError(QStringLiteral("customer.not_found"),
                                 QStringLiteral("There is no customer with id %1").arg(id),
                                 {{QStringLiteral("customer"), id}});
            if (row->mergedInto != 0)
                return makeError(
                    QStringLiteral("customer.merged"),
                    QStringLiteral("Customer %1 was already merged into customer %2").arg(id).arg(row->mergedInto),
                    {{QStringLiteral("customer"), id}, {QStringLiteral("merged_into"), row->mergedInto}});
        }

        auto fromPending = pendingQris(c, fromId);
        if (!fromPending)
            return fromPending.error();
        auto intoPending = pendingQris(c, intoId);
        if (!intoPending)
            return intoPending.error();
        if (*fromPending > 0 && *intoPending > 0)
            return makeError(QStringLiteral("customer.merge_pending_qris"),
                             QStringLiteral("Both customers have a QRIS payment waiting; wait until one of them is "
                                            "paid, expires or is cancelled, then merge"),
                             {{QStringLiteral("from"), fromId}, {QStringLiteral("into"), intoId}});

        const QString rule = domain::validateLedgerDelta(into->saldo, from->saldo);
        if (from->saldo > 0 && !rule.isEmpty())
            return makeError(
                QStringLiteral("ledger.too_large"),
                QStringLiteral("The merged saldo would exceed %1").arg(common::formatRupiah(common::kMaxRupiah)),
                {{QStringLiteral("from_saldo"), from->saldo}, {QStringLiteral("into_saldo"), into->saldo}});

        auto fromIdentities = identitiesOf(c, fromId);
        if (!fromIdentities)
            return fromIdentities.error();
        auto intoIdentities = identitiesOf(c, intoId);
        if (!intoIdentities)
            return intoIdentities.error();

        CustomerMergeResult result;
        result.movedIdentities = fromIdentities.value();
        result.fromPhone = from->phone;
        result.movedSaldo = from->saldo;
        result.phoneMoved = into->phone.isEmpty() && !from->phone.isEmpty();

        // The ledger rows move with the saldo, so saldo == sum(ledger.delta) holds for both
        // (their balance_after stays what it was for the merged customer).
        const QList<std::pair<QString, QString>> moves{
            {QStringLiteral("UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?"),
             QStringLiteral("moving identities")},
            {QStringLiteral("UPDATE orders SET customer_id = ? WHERE customer_id = ?"),
             QStringLiteral("moving orders")},
            {QStringLiteral("UPDATE qris_payments SET customer_id = ? WHERE customer_id = ?"),
             QStringLiteral("moving QRIS payments")},
            {QStringLiteral("UPDATE ledger SET customer_id = ? WHERE customer_id = ?"),
             QStringLiteral("moving the ledger")},
            // Customers merged into `from` earlier now point at `into` (no chains).
            {QStringLiteral("UPDATE customers SET merged_into = ? WHERE merged_into = ?"),
             QStringLiteral("moving merged customers")},
        };
        for (const auto &[statement, step] : moves) {
            if (auto r = exec(c, statement, {intoId, fromId}, step); !r)
                return r.error();
        }
        // The phone is UNIQUE: taken off `from` before `into` gets it.
        if (auto r = exec(c,
                          QStringLiteral("UPDATE customers SET saldo = 0, merged_into = ?, bot_paused_until = NULL")
                              + (result.phoneMoved ? QStringLiteral(", phone = NULL") : QString())
                              + QStringLiteral(" WHERE id = ?"),
                          {intoId, fromId}, what);
            !r)
            return r.error();
        QString intoSet = QStringLiteral("saldo = saldo + ?");
        QVariantList intoArgs{from->saldo};
        if (result.phoneMoved) {
            intoSet += QStringLiteral(", phone = ?");
            intoArgs << from->phone;
        }
        if (into->name.isEmpty() && !from->name.isEmpty()) {
            intoSet += QStringLiteral(", name = ?");
            intoArgs << from->name;
        }
        intoArgs << intoId;
        if (auto r = exec(c, QStringLiteral("UPDATE customers SET ") + intoSet + QStringLiteral(" WHERE id = ?"),
                          intoArgs, what);
            !r)
            return r.error();

        QList<QPair<QString, QString>> allIdentities = intoIdentities.value();
        allIdentities << fromIdentities.value();
        if (auto a = sql::audit(c, actor, QStringLiteral("customer.merge"),
                                QStringLiteral("customer:") + QString::number(intoId),
                                {{QStringLiteral("from"), fromId},
                                 {QStringLiteral("into"), intoId},
                                 {QStringLiteral("from_saldo"), from->saldo},
                                 {QStringLiteral("into_saldo"), into->saldo},
                                 {QStringLiteral("from_phone"), from->phone},
                                 {QStringLiteral("into_phone"), into->phone},
                                 {QStringLiteral("from_identities"), identityList(fromIdentities.value())},
                                 {QStringLiteral("into_identities"), identityList(intoIdentities.value())}},
                                {{QStringLiteral("from_saldo"), 0},
                                 {QStringLiteral("into_saldo"), into->saldo + from->saldo},
                                 {QStringLiteral("into_phone"), result.phoneMoved ? from->phone : into->phone},
                                 {QStringLiteral("into_identities"), identityList(allIdentities)}});
            !a)
            return a.error();

        auto reread = sql::run(c,
                               QStringLiteral("SELECT ") + rows::customerColumns()
                                   + QStringLiteral(" FROM customers c WHERE c.id IN (?, ?)"),
                               {fromId, intoId}, what);
        if (!reread)
            return reread.error();
        while (reread.value().next()) {
            const Customer row = rows::customer(reread.value());
            (row.id == fromId ? result.from : result.into) = row;
        }
        kedai::log::get("store")->info("customer {} merged into {} by {} ({} identities, saldo {})", fromId, intoId,
                                       actor, result.movedIdentities.size(), result.movedSaldo);
        return result;
    });
}

Result<QList<QPair<QString, QString>>> CustomerRepository::identities(qint64 customerId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return identitiesOf(*conn, customerId);
}

} // namespace kedai::store
