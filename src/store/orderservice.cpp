#include "store/orderservice.h"

#include "common/log.h"
#include "store/customerrepository.h"
#include "store/messagerepository.h"
#include "store/orderrepository.h"
#include "store/sqlutil.h"

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::Order;
using domain::OrderStatus;

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

common::Error notFound(const QString &ref)
{
    return makeError(QStringLiteral("order.not_found"), QStringLiteral("There is no order %1").arg(ref.left(40)),
                     {{key("ref"), ref.left(40)}});
}

/// The order row, locked for this transaction (PostgreSQL: FOR UPDATE, so a concurrent refund
/// waits here and then sees the new status; SQLite: BEGIN IMMEDIATE already excludes it).
struct LockedOrder
{
    qint64 id = 0;
    qint64 customerId = 0;
    qint64 productId = 0;
    common::Rupiah total = 0;
    OrderStatus status = OrderStatus::Pending;
};

Result<std::optional<LockedOrder>> lockOrder(const QSqlDatabase &conn, const QString &ref)
{
    auto q = sql::run(conn,
                      QStringLiteral("SELECT id, customer_id, product_id, total, status FROM orders WHERE ref = ?")
                          + sql::dialect::forUpdate(conn),
                      {ref}, QStringLiteral("locking an order"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<LockedOrder>();
    LockedOrder o;
    o.id = q.value().value(0).toLongLong();
    o.customerId = q.value().value(1).toLongLong();
    o.productId = q.value().value(2).toLongLong();
    o.total = q.value().value(3).toLongLong();
    o.status = domain::parseOrderStatus(q.value().value(4).toString()).value_or(OrderStatus::Pending);
    return std::optional<LockedOrder>(o);
}

/// Where a message that answers nothing goes: the channel and id the customer wrote from last,
/// else their newest identity (the same rule as a staff reply).
Result<std::pair<QString, QString>> contactOf(const QSqlDatabase &conn, qint64 customerId)
{
    auto latest = sql::run(conn,
                           QStringLiteral("SELECT m.channel, m.from_id FROM inbox m JOIN customer_identities i "
                                          "ON i.channel = m.channel AND i.external_id = m.from_id "
                                          "WHERE i.customer_id = ? ORDER BY m.received_at DESC, m.id DESC LIMIT 1"),
                           {customerId}, QStringLiteral("finding the customer's channel"));
    if (!latest)
        return latest.error();
    if (latest.value().next())
        return std::make_pair(latest.value().value(0).toString(), latest.value().value(1).toString());
    auto identity = sql::run(conn,
                             QStringLiteral("SELECT channel, external_id FROM customer_identities "
                                            "WHERE customer_id = ? ORDER BY id DESC LIMIT 1"),
                             {customerId}, QStringLiteral("finding the customer's channel"));
    if (!identity)
        return identity.error();
    if (identity.value().next())
        return std::make_pair(identity.value().value(0).toString(), identity.value().value(1).toString());
    return std::make_pair(QString(), QString());
}

} // namespace

Result<RefundOutcome> OrderService::refund(const RefundRequest &request)
{
    const QString ref = request.ref.trimmed().toUpper().left(40);
    const QString reason = request.reason.trimmed().left(kMaxReasonLength);
    if (reason.isEmpty())
        return makeError(QStringLiteral("order.reason_required"),
                         QStringLiteral("A reason for the refund is required"));
    const QString actor = request.actor.isEmpty() ? QStringLiteral("system") : request.actor;

    auto result = sql::transact(*m_db, QStringLiteral("a refund"), [&](QSqlDatabase &c) -> Result<RefundOutcome> {
        auto locked = lockOrder(c, ref);
        if (!locked)
            return locked.error();
        if (!locked.value())
            return notFound(ref);
        const LockedOrder o = **locked;
        if (o.status == OrderStatus::Refunded)
            return makeError(QStringLiteral("order.already_refunded"),
                             QStringLiteral("Order %1 has already been refunded").arg(ref), {{key("ref"), ref}});
        if (!domain::canTransition(o.status, OrderStatus::Refunded))
            return makeError(
                QStringLiteral("order.not_refundable"),
                QStringLiteral("Order %1 cannot be refunded (status %2)").arg(ref, domain::orderStatusName(o.status)),
                {{key("ref"), ref}, {key("status"), domain::orderStatusName(o.status)}});
        // The status condition repeats the check in SQL: a second refund can never pass it.
        auto updated = sql::run(c,
                                QStringLiteral("UPDATE orders SET status = 'refunded' WHERE id = ? "
                                               "AND status IN ('paid', 'delivered')"),
                                {o.id}, QStringLiteral("refunding an order"));
        if (!updated)
            return updated.error();
        if (updated.value().numRowsAffected() != 1)
            return makeError(QStringLiteral("order.already_refunded"),
                             QStringLiteral("Order %1 has already been refunded").arg(ref), {{key("ref"), ref}});

        auto saldoBefore = sql::scalar(c,
                                       QStringLiteral("SELECT saldo FROM customers WHERE id = ?")
                                           + sql::dialect::forUpdate(c),
                                       {o.customerId}, QStringLiteral("reading a saldo"), 0);
        if (!saldoBefore)
            return saldoBefore.error();
        RefundOutcome out;
        out.saldoAfter = saldoBefore->toLongLong();
        if (o.total > 0) {
            // Joins this transaction (a savepoint): the saldo and its ledger row move together.
            auto entry = CustomerRepository(m_db).postLedger(o.customerId, o.total, domain::LedgerKind::Refund, actor,
                                                             ref, reason);
            if (!entry)
                return entry.error();
            out.credited = o.total;
            out.saldoAfter = entry->balanceAfter;
        }

        // Items still in reserve were never seen by the customer: they always go back.
        const QString statuses = request.returnItems ? QStringLiteral("('sold', 'reserved')")
                                                     : QStringLiteral("('reserved')");
        auto items = sql::run(c,
                              QStringLiteral("UPDATE stock_items SET status = 'available', order_id = NULL, "
                                             "sold_at = NULL WHERE order_id = ? AND status IN ")
                                  + statuses,
                              {o.id}, QStringLiteral("returning an order's items"));
        if (!items)
            return items.error();
        out.itemsReturned = items.value().numRowsAffected();

        if (auto a = sql::audit(c, actor, QStringLiteral("order.refund"), QStringLiteral("order:") + ref,
                                {{key("status"), domain::orderStatusName(o.status)},
                                 {key("saldo"), saldoBefore->toLongLong()}},
                                {{key("status"), domain::orderStatusName(OrderStatus::Refunded)},
                                 {key("saldo"), out.saldoAfter},
                                 {key("credited"), out.credited},
                                 {key("customer"), o.customerId},
                                 {key("items_returned"), out.itemsReturned},
                                 {key("reason"), reason}});
            !a)
            return a.error();
        auto order = OrderRepository(m_db).byRef(ref);
        if (!order)
            return order.error();
        if (!order.value())
            return notFound(ref);
        out.order = **order;
        return out;
    });

    auto log = kedai::log::get("store");
    if (result)
        log->info("order {} refunded by {}: {} to saldo, {} items back in stock", ref, actor, result->credited,
                  result->itemsReturned);
    else
        log->info("refund of {} by {} refused: {}", ref, actor, result.error().code);
    return result;
}

Result<QStringList> OrderService::revealItems(const QString &ref, const QString &actor)
{
    const QString r = ref.trimmed().toUpper().left(40);
    return sql::transact(*m_db, QStringLiteral("revealing an order's items"),
                         [&](QSqlDatabase &c) -> Result<QStringList> {
                             auto order = OrderRepository(m_db).byRefWithItems(r);
                             if (!order)
                                 return order.error();
                             if (!order.value())
                                 return notFound(r);
                             // Who looked and how many lines: never what they say.
                             if (auto a = sql::audit(c, actor.isEmpty() ? QStringLiteral("system") : actor,
                                                     QStringLiteral("order.reveal"), QStringLiteral("order:") + r, {},
                                                     {{key("items"), (*order)->items.size()}});
                                 !a)
                                 return a.error();
                             return (*order)->items;
                         });
}

Result<ResendOutcome> OrderService::resendDelivery(const QString &ref, const QString &actor,
                                                   const ResendTextBuilder &text)
{
    const QString r = ref.trimmed().toUpper().left(40);
    const QString who = actor.isEmpty() ? QStringLiteral("system") : actor;
    return sql::transact(*m_db, QStringLiteral("resending a delivery"), [&](QSqlDatabase &c) -> Result<ResendOutcome> {
        auto found = OrderRepository(m_db).byRefWithItems(r);
        if (!found)
            return found.error();
        if (!found.value())
            return notFound(r);
        Order order = **found;
        if (order.status != OrderStatus::Delivered)
            return makeError(QStringLiteral("order.not_delivered"),
                             QStringLiteral("Order %1 has not been delivered (status %2)")
                                 .arg(r, domain::orderStatusName(order.status)),
                             {{key("ref"), r}, {key("status"), domain::orderStatusName(order.status)}});
        auto contact = contactOf(c, order.customerId);
        if (!contact)
            return contact.error();
        if (contact->first.isEmpty())
            return makeError(QStringLiteral("order.no_contact"),
                             QStringLiteral("The customer of %1 has no WhatsApp or other channel to write to").arg(r),
                             {{key("ref"), r}});
        if (!text)
            return makeError(QStringLiteral("store.error"), QStringLiteral("No delivery text"));
        auto body = text(order);
        if (!body)
            return body.error();
        domain::OutboundMessage m;
        m.channel = contact->first;
        m.to = contact->second;
        m.text = body.value();
        m.sentBy = who.startsWith(QLatin1String("staff:")) ? who : QString();
        auto id = MessageRepository(m_db).enqueue(m);
        if (!id)
            return id.error();
        if (auto a = sql::audit(c, who, QStringLiteral("order.resend"), QStringLiteral("order:") + r, {},
                                {{key("channel"), m.channel}, {key("items"), order.items.size()}});
            !a)
            return a.error();
        ResendOutcome out;
        order.items.clear(); // the caller gets the order, not its contents
        out.order = order;
        out.outboxId = id.value();
        out.channel = m.channel;
        out.recipient = m.to;
        return out;
    });
}

} // namespace kedai::store
