#include "store/orderrepository.h"

#include "store/rows.h"
#include "store/sqlutil.h"

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

} // namespace

Result<QList<Order>> OrderRepository::list(const OrderFilter &filter)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QStringList where;
    QVariantList args;
    if (filter.status) {
        where << QStringLiteral("o.status = ?");
        args << domain::orderStatusName(*filter.status);
    }
    if (filter.customerId != 0) {
        where << QStringLiteral("o.customer_id = ?");
        args << filter.customerId;
    }
    args << qBound(1, filter.limit, 10'000) << qMax(0, filter.offset);
    return select(*conn,
                  (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")))
                      + QStringLiteral(" ORDER BY o.id DESC LIMIT ? OFFSET ?"),
                  args);
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
    Order order = found->first();
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

Result<std::map<QString, qint64>> OrderRepository::countByStatus()
{
    QStringList names;
    for (auto s : {domain::OrderStatus::Pending, domain::OrderStatus::Paid, domain::OrderStatus::Delivered,
                   domain::OrderStatus::Expired, domain::OrderStatus::Cancelled, domain::OrderStatus::Refunded})
        names << domain::orderStatusName(s);
    return sql::countByStatus(*m_db, QStringLiteral("orders"), names);
}

} // namespace kedai::store
