#include "store/orderrepository.h"

#include "common/ids.h"
#include "store/customerrepository.h"
#include "store/rows.h"
#include "store/sqlutil.h"

#include <QTimeZone>

namespace kedai::store {

using common::Result;
using domain::Order;

namespace {

Result<QList<Order>> select(const QSqlDatabase &conn, const QString &tail, const QVariantList &args)
{
    auto q = sql::run(conn, rows::orderSelect() + tail, args, QStringLiteral("listing orders"));
    if (!q)
        return q.error();
    QList<Order> out;
    while (q.value().next())
        out << rows::order(q.value());
    return out;
}

/// The WHERE clause of `filter` (empty when it matches everything). It names only columns of
/// orders "o", so count() runs on the orders table alone; the customer search is a subquery
/// over customers (the smaller table), which then uses idx_orders_customer.
QString whereClause(const QSqlDatabase &conn, const OrderFilter &filter, bool paging, QVariantList &args)
{
    QStringList where;
    if (filter.status) {
        where << QStringLiteral("o.status = ?");
        args << domain::orderStatusName(*filter.status);
    }
    if (filter.customerId != 0) {
        where << QStringLiteral("o.customer_id = ?");
        args << filter.customerId;
    }
    if (const QString text = filter.customerText.trimmed(); !text.isEmpty()) {
        const QString like = sql::dialect::caseInsensitiveLike(conn);
        const QString asPhone = common::normalizePhone(text);
        where << QStringLiteral("(o.ref = ? OR o.customer_id IN (SELECT c2.id FROM customers c2 WHERE c2.phone %1 ? "
                                "ESCAPE '\\' OR c2.name %1 ? ESCAPE '\\' OR c2.phone %1 ? ESCAPE '\\'))")
                     .arg(like);
        args << text.toUpper() << sql::likePattern(text) << sql::likePattern(text)
             << sql::likePattern(asPhone.isEmpty() ? text : asPhone);
    }
    if (filter.productId != 0) {
        where << QStringLiteral("o.product_id = ?");
        args << filter.productId;
    }
    if (filter.method) {
        where << QStringLiteral("o.method = ?");
        args << domain::paymentMethodName(*filter.method);
    }
    // Timestamps are fixed-width UTC text: comparing the text compares the instants.
    if (filter.createdFrom.isValid()) {
        where << QStringLiteral("o.created_at >= ?");
        args << sql::toDb(filter.createdFrom);
    }
    if (filter.createdBefore.isValid()) {
        where << QStringLiteral("o.created_at < ?");
        args << sql::toDb(filter.createdBefore);
    }
    if (paging) {
        if (filter.beforeId > 0) {
            where << QStringLiteral("o.id < ?");
            args << filter.beforeId;
        }
        if (filter.afterId > 0) {
            where << QStringLiteral("o.id > ?");
            args << filter.afterId;
        }
        if (!filter.ids.isEmpty())
            where << QStringLiteral("o.id IN ") + sql::idList(filter.ids);
    }
    return where.isEmpty() ? QString()
                           : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")) + QLatin1Char(' ');
}

} // namespace

void OrderFilter::setLocalDays(const QDate &from, const QDate &to)
{
    createdFrom = from.isValid() ? from.startOfDay(QTimeZone::systemTimeZone()).toUTC() : QDateTime();
    createdBefore = to.isValid() ? to.addDays(1).startOfDay(QTimeZone::systemTimeZone()).toUTC() : QDateTime();
}

Result<QList<Order>> OrderRepository::list(const OrderFilter &filter)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QVariantList args;
    const QString where = whereClause(*conn, filter, true, args);
    QString tail = where + QStringLiteral("ORDER BY o.id DESC LIMIT ?");
    args << qBound(1, filter.limit, 10'000);
    if (filter.offset > 0) {
        tail += QStringLiteral(" OFFSET ?");
        args << filter.offset;
    }
    return select(*conn, tail, args);
}

Result<qint64> OrderRepository::count(const OrderFilter &filter)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QVariantList args;
    const QString where = whereClause(*conn, filter, false, args);
    auto n = sql::scalar(*conn, QStringLiteral("SELECT COUNT(*) FROM orders o ") + where, args,
                         QStringLiteral("counting orders"), 0);
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<QList<Order>> OrderRepository::forCustomer(qint64 customerId, int limit)
{
    OrderFilter filter;
    filter.customerId = customerId;
    filter.limit = limit;
    return list(filter);
}

Result<std::optional<Order>> OrderRepository::byRef(const QString &ref)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    // Refs are generated upper case; customers type them any way.
    auto found = select(*conn, QStringLiteral("WHERE o.ref = ?"), {ref.trimmed().toUpper()});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Order>();
    return std::optional<Order>(found->first());
}

Result<std::optional<Order>> OrderRepository::byRefWithItems(const QString &ref)
{
    auto found = byRef(ref);
    if (!found || !found.value())
        return found;
    Order order = **found;
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto items = sql::run(*conn,
                          QStringLiteral("SELECT content FROM stock_items WHERE order_id = ? AND status = 'sold' "
                                         "ORDER BY id"),
                          {order.id}, QStringLiteral("reading delivered items"));
    if (!items)
        return items.error();
    while (items.value().next())
        order.items << items.value().value(0).toString();
    return std::optional<Order>(order);
}

Result<std::optional<OrderDetail>> OrderRepository::detail(const QString &ref)
{
    auto found = byRef(ref);
    if (!found)
        return found.error();
    if (!found.value())
        return std::optional<OrderDetail>();
    OrderDetail d;
    d.order = **found;
    auto customer = CustomerRepository(m_db).byId(d.order.customerId);
    if (!customer)
        return customer.error();
    if (customer.value())
        d.customer = **customer;
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto items = sql::scalar(*conn,
                             QStringLiteral("SELECT COUNT(*) FROM stock_items WHERE order_id = ? "
                                            "AND status IN ('sold', 'reserved')"),
                             {d.order.id}, QStringLiteral("counting an order's items"), 0);
    if (!items)
        return items.error();
    d.itemCount = int(items->toLongLong());
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT id, delta, balance_after, kind, actor, note, created_at FROM ledger "
                                     "WHERE customer_id = ? AND reference = ? ORDER BY id"),
                      {d.order.customerId, d.order.ref}, QStringLiteral("reading an order's saldo movements"));
    if (!q)
        return q.error();
    QSqlQuery &r = q.value();
    while (r.next()) {
        domain::LedgerEntry e;
        e.id = r.value(0).toLongLong();
        e.customerId = d.order.customerId;
        e.delta = r.value(1).toLongLong();
        e.balanceAfter = r.value(2).toLongLong();
        e.kind = domain::parseLedgerKind(r.value(3).toString()).value_or(domain::LedgerKind::Adjustment);
        e.actor = r.value(4).toString();
        e.reference = d.order.ref;
        e.note = r.value(5).toString();
        e.createdAt = sql::fromDb(r.value(6));
        d.ledger << e;
    }
    return std::optional<OrderDetail>(d);
}

Result<std::map<QString, qint64>> OrderRepository::countByStatus()
{
    QStringList names;
    for (auto s : {domain::OrderStatus::Pending, domain::OrderStatus::Paid, domain::OrderStatus::Delivered,
                   domain::OrderStatus::Expired, domain::OrderStatus::Cancelled, domain::OrderStatus::Refunded})
        names << domain::orderStatusName(s);
    return sql::countByStatus(*m_db, QStringLiteral("orders"), names);
}

} // namespace kedai::store
