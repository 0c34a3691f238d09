#include "store/purchaseservice.h"

#include "common/ids.h"
#include "common/log.h"
#include "store/messagerepository.h"
#include "store/orderrepository.h"
#include "store/rows.h"
#include "store/sqlutil.h"

#include <exception>

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::Customer;
using domain::Product;

namespace {

constexpr int kRefAttempts = 5;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

/// The steps of one saldo purchase, all on the connection that holds the transaction.
class SaldoPurchase
{
public:
    SaldoPurchase(QSqlDatabase &conn, const PurchaseRequest &request, QString code)
        : m_conn(conn), m_request(request), m_code(std::move(code)), m_now(QDateTime::currentDateTimeUtc())
    {
    }

    Result<void> loadProduct()
    {
        auto q = sql::run(m_conn,
                          QStringLiteral("SELECT ") + rows::productColumns()
                              + QStringLiteral(" FROM products p WHERE p.code = ?"),
                          {m_code}, QStringLiteral("reading the product"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return makeError(QStringLiteral("purchase.unknown_product"),
                             QStringLiteral("There is no product with code %1").arg(m_code), {{key("code"), m_code}});
        m_product = rows::product(q.value());
        if (!m_product.active)
            return makeError(QStringLiteral("purchase.inactive"),
                             QStringLiteral("Product %1 is not for sale at the moment").arg(m_code), productDetails());
        return {};
    }

    Result<void> loadCustomer()
    {
        auto q = sql::run(m_conn,
                          QStringLiteral("SELECT ") + rows::customerColumns()
                              + QStringLiteral(" FROM customers c WHERE c.id = ?"),
                          {m_request.customerId}, QStringLiteral("reading the customer"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return makeError(QStringLiteral("customer.not_found"),
                             QStringLiteral("There is no customer with id %1").arg(m_request.customerId));
        m_customer = rows::customer(q.value());
        if (m_customer.blocked)
            return makeError(QStringLiteral("purchase.customer_blocked"),
                             QStringLiteral("Customer %1 is blocked and cannot buy").arg(m_customer.id));
        return {};
    }

    Result<void> price()
    {
        m_unitPrice = m_product.priceFor(m_customer.tier);
        const auto total = common::multiplyRupiah(m_unitPrice, m_request.qty);
        if (!total || *total <= 0)
            return makeError(QStringLiteral("purchase.too_large"),
                             QStringLiteral("%1 x %2 is too large for one purchase").arg(m_request.qty).arg(m_code),
                             productDetails({{key("requested"), qint64(m_request.qty)}}));
        m_total = *total;
        return {};
    }

    Result<void> checkStock()
    {
        // stockAvailable was counted by the product query inside this transaction.
        if (m_product.stockAvailable < m_request.qty)
            return outOfStock(m_product.stockAvailable);
        return {};
    }

    /// The one debit of a purchase: the WHERE makes a negative saldo impossible. RETURNING gives
    /// the new saldo in the same round trip (and after any concurrent change to the row).
    Result<void> debit()
    {
        auto saldo = sql::returning(
            m_conn,
            QStringLiteral("UPDATE customers SET saldo = saldo - ? WHERE id = ? AND saldo >= ? RETURNING saldo"),
            {m_total, m_customer.id, m_total}, QStringLiteral("debiting the saldo"));
        if (!saldo)
            return saldo.error();
        if (saldo->isEmpty())
            return makeError(QStringLiteral("purchase.insufficient_saldo"),
                             QStringLiteral("Saldo %1 is not enough for %2")
                                 .arg(common::formatRupiah(m_customer.saldo), common::formatRupiah(m_total)),
                             productDetails({{key("saldo"), m_customer.saldo}, {key("total"), m_total}}));
        m_saldoAfter = saldo->first().value(0).toLongLong();
        return {};
    }

    Result<void> pickItems()
    {
        auto q = sql::run(m_conn,
                          // PostgreSQL: items another purchase is taking right now are skipped, not
                          // waited for and then lost (which would refuse a sale while stock remains).
                          QStringLiteral(
                              "SELECT id, content FROM stock_items WHERE product_id = ? AND status = 'available' "
                              "ORDER BY id LIMIT ?")
                              + sql::dialect::skipLocked(m_conn),
                          {m_product.id, m_request.qty}, QStringLiteral("picking stock items"));
        if (!q)
            return q.error();
        while (q.value().next()) {
            m_itemIds << q.value().value(0).toLongLong();
            m_items << q.value().value(1).toString();
        }
        if (m_itemIds.size() < m_request.qty)
            return outOfStock(m_itemIds.size());
        return {};
    }

    Result<void> insertOrder()
    {
        const QString now = sql::toDb(m_now);
        // A ref is 30 random bits per day: a collision is astronomically rare, but cheap to avoid.
        for (int attempt = 0; attempt < kRefAttempts; ++attempt) {
            const QString ref = common::newOrderRef(m_now);
            auto id = sql::insertId(m_conn,
                                    QStringLiteral("INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, "
                                                   "total, unique_code, payable, method, status, created_at, paid_at, "
                                                   "delivered_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'saldo', "
                                                   "'delivered', ?, ?, ?) ON CONFLICT (ref) DO NOTHING"),
                                    {ref, m_customer.id, m_product.id, m_request.qty, m_unitPrice, m_total, m_total,
                                     now, now, now},
                                    QStringLiteral("writing the order"));
            if (!id)
                return id.error();
            if (id->has_value()) {
                m_orderId = **id;
                m_ref = ref;
                return {};
            }
        }
        return makeError(QStringLiteral("store.error"), QStringLiteral("Could not find a free order reference"));
    }

    /// Marks the picked items sold; the status condition makes a second sale of an item impossible.
    Result<void> claimItems()
    {
        auto q = sql::run(m_conn,
                          QStringLiteral("UPDATE stock_items SET status = 'sold', order_id = ?, sold_at = ? "
                                         "WHERE status = 'available' AND id IN ")
                              + sql::idList(m_itemIds),
                          {m_orderId, sql::toDb(m_now)}, QStringLiteral("claiming stock items"));
        if (!q)
            return q.error();
        const int claimed = q.value().numRowsAffected();
        if (claimed != m_request.qty)
            return outOfStock(claimed);
        return {};
    }

    Result<void> writeLedger()
    {
        auto q = sql::run(m_conn,
                          QStringLiteral(
                              "INSERT INTO ledger (customer_id, delta, balance_after, kind, actor, reference, "
                              "note, created_at) VALUES (?, ?, ?, 'purchase', ?, ?, ?, ?)"),
                          {m_customer.id, -m_total, m_saldoAfter, actor(), m_ref,
                           QStringLiteral("%1 x %2").arg(m_request.qty).arg(m_product.code), sql::toDb(m_now)},
                          QStringLiteral("writing the ledger"));
        if (!q)
            return q.error();
        return {};
    }

    PurchaseOutcome outcome() const
    {
        PurchaseOutcome out;
        domain::Order &o = out.order;
        o.id = m_orderId;
        o.ref = m_ref;
        o.customerId = m_customer.id;
        o.customerPhone = m_customer.phone;
        o.productId = m_product.id;
        o.productCode = m_product.code;
        o.productName = m_product.name;
        o.qty = m_request.qty;
        o.unitPrice = m_unitPrice;
        o.total = m_total;
        o.method = domain::PaymentMethod::Saldo;
        o.status = domain::OrderStatus::Delivered;
        o.createdAt = o.paidAt = o.deliveredAt = m_now;
        o.items = m_items;
        out.product = m_product;
        out.product.stockAvailable -= m_request.qty;
        out.product.sold += m_request.qty;
        out.saldoAfter = m_saldoAfter;
        return out;
    }

    Result<void> writeAudit()
    {
        return sql::audit(m_conn, actor(), QStringLiteral("order.purchase"), QStringLiteral("order:") + m_ref, {},
                          {{key("customer"), m_customer.id},
                           {key("product"), m_product.code},
                           {key("qty"), m_request.qty},
                           {key("total"), m_total},
                           {key("saldo_after"), m_saldoAfter}});
    }

private:
    QString actor() const
    {
        if (!m_request.actor.isEmpty())
            return m_request.actor;
        return QStringLiteral("customer:")
               + (m_customer.phone.isEmpty() ? QString::number(m_customer.id) : m_customer.phone);
    }

    QVariantMap productDetails(QVariantMap extra = {}) const
    {
        extra.insert(key("code"), m_code);
        extra.insert(key("product"), m_product.name.isEmpty() ? m_code : m_product.name);
        return extra;
    }

    common::Error outOfStock(qint64 available) const
    {
        return makeError(
            QStringLiteral("purchase.out_of_stock"),
            QStringLiteral("Only %1 of %2 left, %3 requested").arg(available).arg(m_code).arg(m_request.qty),
            productDetails({{key("available"), available}, {key("requested"), qint64(m_request.qty)}}));
    }

    QSqlDatabase &m_conn;
    const PurchaseRequest &m_request;
    const QString m_code;
    const QDateTime m_now;
    Product m_product;
    Customer m_customer;
    common::Rupiah m_unitPrice = 0;
    common::Rupiah m_total = 0;
    common::Rupiah m_saldoAfter = 0;
    QList<qint64> m_itemIds;
    QStringList m_items;
    qint64 m_orderId = 0;
    QString m_ref;
};

/// Runs the caller's builder; an exception must not escape into a worker thread or slot.
Result<QList<domain::OutboundMessage>> buildDelivery(const DeliveryBuilder &delivery, const PurchaseOutcome &outcome)
{
    if (!delivery)
        return QList<domain::OutboundMessage>();
    try {
        return delivery(outcome);
    } catch (const std::exception &e) {
        kedai::log::get("store")->error("delivery builder threw for {}: {}", outcome.order.ref, e.what());
    } catch (...) {
        kedai::log::get("store")->error("delivery builder threw for {}", outcome.order.ref);
    }
    return makeError(QStringLiteral("purchase.delivery_failed"),
                     QStringLiteral("The delivery message could not be prepared; nothing was charged"));
}

} // namespace

Result<PurchaseOutcome> PurchaseService::purchaseWithSaldo(const PurchaseRequest &request,
                                                           const DeliveryBuilder &delivery)
{
    if (request.qty < 1 || request.qty > kMaxQty)
        return makeError(QStringLiteral("purchase.bad_qty"),
                         QStringLiteral("The quantity must be between 1 and %1 (got %2)").arg(kMaxQty).arg(request.qty),
                         {{key("requested"), qint64(request.qty)}, {key("max"), qint64(kMaxQty)}});
    const QString code = domain::normalizeProductCode(request.productCode);
    if (!domain::isValidProductCode(code))
        return makeError(QStringLiteral("purchase.unknown_product"),
                         QStringLiteral("There is no product with code %1").arg(code.left(40)),
                         {{key("code"), code.left(40)}});

    auto result = sql::transact(*m_db, QStringLiteral("a purchase"), [&](QSqlDatabase &c) -> Result<PurchaseOutcome> {
        SaldoPurchase p(c, request, code);
        for (auto step : {&SaldoPurchase::loadProduct, &SaldoPurchase::loadCustomer, &SaldoPurchase::price,
                          &SaldoPurchase::checkStock, &SaldoPurchase::debit, &SaldoPurchase::pickItems,
                          &SaldoPurchase::insertOrder, &SaldoPurchase::claimItems, &SaldoPurchase::writeLedger}) {
            if (auto r = (p.*step)(); !r)
                return r.error();
        }
        PurchaseOutcome out = p.outcome();
        auto messages = buildDelivery(delivery, out);
        if (!messages)
            return messages.error();
        MessageRepository outbox(m_db); // same thread, same connection: joins this transaction
        for (const domain::OutboundMessage &m : messages.value()) {
            if (auto queued = outbox.enqueue(m); !queued)
                return queued.error();
        }
        if (auto a = p.writeAudit(); !a)
            return a.error();
        return out;
    });

    auto log = kedai::log::get("store");
    if (result)
        log->info("purchase {}: customer {} bought {} x {} for {}", result->order.ref, request.customerId, request.qty,
                  code, result->order.total);
    else
        log->info("purchase refused for customer {} ({} x {}): {}", request.customerId, request.qty, code,
                  result.error().code);
    return result;
}

Result<domain::Order> PurchaseService::loadOwnDeliveredOrder(qint64 customerId, const QString &ref)
{
    const auto notFound = [&ref] {
        // Same answer for someone else's order as for none, so refs cannot be probed.
        return makeError(QStringLiteral("order.not_found"),
                         QStringLiteral("There is no order %1").arg(ref.trimmed().left(40)),
                         {{key("ref"), ref.trimmed().left(40)}});
    };
    auto found = OrderRepository(m_db).byRef(ref);
    if (!found)
        return found.error();
    if (!found.value() || found.value()->customerId != customerId)
        return notFound();
    const domain::Order &order = *found.value();
    if (order.status != domain::OrderStatus::Delivered)
        return makeError(QStringLiteral("order.not_delivered"),
                         QStringLiteral("Order %1 has not been delivered (status %2)")
                             .arg(order.ref, domain::orderStatusName(order.status)),
                         {{key("ref"), order.ref}, {key("status"), domain::orderStatusName(order.status)}});
    return order;
}

} // namespace kedai::store
