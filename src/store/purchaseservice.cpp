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

/// The steps of one saldo purchase, all on the connection that holds the transaction.
class SaldoPurchase
{
public:
    SaldoPurchase(QSqlDatabase &conn, const PurchaseRequest &request, QString code)
        : m_conn(conn), m_request(request), m_code(std::move(code)), m_now(QDateTime::currentDateTimeUtc())
    {
    }

    /// The product's prices and state, without the stock counts: the item claim below is the
    /// stock check, and counting every purchase would read the product's whole stock.
    Result<void> loadProduct()
    {
        auto q = sql::run(m_conn, rows::productWithoutCountsSelect() + QStringLiteral("WHERE p.code = ?"), {m_code},
                          QStringLiteral("reading the product"));
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

    /// The total at each tier's price: the debit picks the customer's tier in the database.
    Result<void> price()
    {
        for (const domain::Tier tier : {domain::Tier::Bronze, domain::Tier::Silver, domain::Tier::Gold}) {
            const auto total = common::multiplyRupiah(m_product.priceFor(tier), m_request.qty);
            if (!total || *total <= 0)
                return makeError(QStringLiteral("purchase.too_large"),
                                 QStringLiteral("%1 x %2 is too large for one purchase").arg(m_request.qty).arg(m_code),
                                 productDetails({{key("requested"), qint64(m_request.qty)}}));
            m_totals[int(tier)] = *total;
        }
        return {};
    }

    /// Locks `qty` available items for this transaction. The claim comes first, so a sale that
    /// cannot be served has changed nothing yet.
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

    /// The one debit of a purchase, at the customer's tier price as the database has it: the
    /// WHERE makes a negative saldo (and a blocked customer's purchase) impossible. RETURNING
    /// gives the new saldo and the tier in the same round trip.
    Result<void> debit()
    {
        const QString total = QStringLiteral("(CASE tier WHEN 'gold' THEN %1 WHEN 'silver' THEN %2 ELSE %3 END)")
                                  .arg(m_totals[int(domain::Tier::Gold)])
                                  .arg(m_totals[int(domain::Tier::Silver)])
                                  .arg(m_totals[int(domain::Tier::Bronze)]);
        auto row = sql::returning(m_conn,
                                  QStringLiteral("UPDATE customers SET saldo = saldo - ") + total
                                      + QStringLiteral(" WHERE id = ? AND blocked = 0 AND saldo >= ") + total
                                      + QStringLiteral(" RETURNING saldo, tier, phone"),
                                  {m_request.customerId}, QStringLiteral("debiting the saldo"));
        if (!row)
            return row.error();
        if (row->isEmpty())
            return whyNoDebit();
        m_saldoAfter = row->first().value(0).toLongLong();
        m_customer.id = m_request.customerId;
        m_customer.tier = domain::parseTier(row->first().value(1).toString()).value_or(domain::Tier::Bronze);
        m_customer.phone = row->first().value(2).toString();
        m_customer.saldo = m_saldoAfter;
        m_unitPrice = m_product.priceFor(m_customer.tier);
        m_total = m_totals[int(m_customer.tier)];
        return {};
    }

    /// Writes the order, sells the items, and writes the ledger row, the delivery messages and
    /// the audit row. On PostgreSQL that is one statement (one round trip).
    Result<void> write(const DeliveryBuilder &delivery, const std::shared_ptr<Database> &db)
    {
        const bool postgres = sql::dialect::isPostgres(m_conn);
        // A ref is 30 random bits per day: a collision is astronomically rare, but cheap to avoid.
        for (int attempt = 0; attempt < kRefAttempts; ++attempt) {
            m_ref = common::newOrderRef(m_now);
            auto messages = buildDelivery(delivery, outcome());
            if (!messages)
                return messages.error();
            auto written = postgres ? writeAllAtOnce(messages.value()) : writeStepByStep(messages.value(), db);
            if (!written)
                return written.error();
            if (*written)
                return {};
        }
        return makeError(QStringLiteral("store.error"), QStringLiteral("Could not find a free order reference"));
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
        out.product = m_product; // without stock counts (see loadProduct)
        out.saldoAfter = m_saldoAfter;
        return out;
    }

private:
    /// false: the ref was taken (nothing written); try another.
    Result<bool> writeAllAtOnce(const QList<domain::OutboundMessage> &messages)
    {
        const QString now = sql::toDb(m_now);
        QString sqlText = QStringLiteral("WITH o AS (") + kInsertOrder
                          + QStringLiteral(" RETURNING id), s AS (UPDATE stock_items SET status = 'sold', "
                                           "order_id = (SELECT id FROM o), sold_at = ? WHERE status = 'available' "
                                           "AND id IN ");
        sqlText += sql::idList(m_itemIds);
        sqlText += QStringLiteral(" AND EXISTS (SELECT 1 FROM o) RETURNING id), "
                                  "l AS (INSERT INTO ledger (")
                   + kLedgerColumns + QStringLiteral(") SELECT ") + kLedgerValues
                   + QStringLiteral(" FROM o), "
                                    "a AS (INSERT INTO audit_log (actor, action, entity, \"before\", \"after\", at) "
                                    "SELECT ?, 'order.purchase', ?, NULL, ?, ? FROM o)");
        QVariantList args = orderArgs(now);
        args << now << ledgerArgs(now) << actor() << QString(QStringLiteral("order:") + m_ref)
             << sql::toJson(auditAfter()) << now;
        for (int i = 0; i < messages.size(); ++i) {
            const domain::OutboundMessage &m = messages.at(i);
            if (auto valid = MessageRepository::validate(m); !valid)
                return valid.error();
            sqlText += QStringLiteral(", m%1 AS (INSERT INTO outbox (").arg(i) + MessageRepository::outboxColumns()
                       + QStringLiteral(") SELECT ") + MessageRepository::outboxValues() + QStringLiteral(" FROM o)");
            args << MessageRepository::outboxArgs(m, now);
        }
        sqlText += QStringLiteral(" SELECT (SELECT id FROM o), (SELECT count(*) FROM s)");
        auto row = sql::returning(m_conn, sqlText, args, QStringLiteral("writing the order"));
        if (!row)
            return row.error();
        if (row->isEmpty() || row->first().value(0).isNull())
            return false; // the ref was taken
        m_orderId = row->first().value(0).toLongLong();
        if (row->first().value(1).toLongLong() != m_request.qty)
            return outOfStock(row->first().value(1).toLongLong()); // cannot happen: the items are locked
        return true;
    }

    Result<bool> writeStepByStep(const QList<domain::OutboundMessage> &messages, const std::shared_ptr<Database> &db)
    {
        const QString now = sql::toDb(m_now);
        auto id = sql::insertId(m_conn, kInsertOrder, orderArgs(now), QStringLiteral("writing the order"));
        if (!id)
            return id.error();
        if (!id->has_value())
            return false;
        m_orderId = **id;
        // The status condition makes a second sale of an item impossible.
        auto claimed = sql::run(m_conn,
                                QStringLiteral("UPDATE stock_items SET status = 'sold', order_id = ?, sold_at = ? "
                                               "WHERE status = 'available' AND id IN ")
                                    + sql::idList(m_itemIds),
                                {m_orderId, now}, QStringLiteral("claiming stock items"));
        if (!claimed)
            return claimed.error();
        if (claimed.value().numRowsAffected() != m_request.qty)
            return outOfStock(claimed.value().numRowsAffected());
        auto ledger = sql::run(m_conn,
                               QStringLiteral("INSERT INTO ledger (") + kLedgerColumns + QStringLiteral(") VALUES (")
                                   + kLedgerValues + QLatin1Char(')'),
                               ledgerArgs(now), QStringLiteral("writing the ledger"));
        if (!ledger)
            return ledger.error();
        MessageRepository outbox(db); // same thread, same connection: joins this transaction
        for (const domain::OutboundMessage &m : messages) {
            if (auto queued = outbox.enqueue(m); !queued)
                return queued.error();
        }
        if (auto audit = sql::audit(m_conn, actor(), QStringLiteral("order.purchase"), QStringLiteral("order:") + m_ref,
                                    {}, auditAfter());
            !audit)
            return audit.error();
        return true;
    }

    /// The debit changed nothing: say why, from the row as it is now.
    common::Error whyNoDebit() const
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
        const Customer c = rows::customer(q.value());
        if (c.blocked)
            return makeError(QStringLiteral("purchase.customer_blocked"),
                             QStringLiteral("Customer %1 is blocked and cannot buy").arg(c.id));
        const common::Rupiah total = m_totals[int(c.tier)];
        return makeError(QStringLiteral("purchase.insufficient_saldo"),
                         QStringLiteral("Saldo %1 is not enough for %2")
                             .arg(common::formatRupiah(c.saldo), common::formatRupiah(total)),
                         productDetails({{key("saldo"), c.saldo}, {key("total"), total}}));
    }

    // One definition of each row, for both ways of writing it.
    inline static const QString kInsertOrder = QStringLiteral(
        "INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, unique_code, payable, method, "
        "status, created_at, paid_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'saldo', 'delivered', ?, ?, ?) "
        "ON CONFLICT (ref) DO NOTHING");
    inline static const QString kLedgerColumns = QStringLiteral(
        "customer_id, delta, balance_after, kind, actor, reference, note, created_at");
    inline static const QString kLedgerValues = QStringLiteral("?, ?, ?, 'purchase', ?, ?, ?, ?");

    QVariantList orderArgs(const QString &now) const
    {
        return {m_ref, m_customer.id, m_product.id, m_request.qty, m_unitPrice, m_total, m_total, now, now, now};
    }

    QVariantList ledgerArgs(const QString &now) const
    {
        return {m_customer.id,
                -m_total,
                m_saldoAfter,
                actor(),
                m_ref,
                QStringLiteral("%1 x %2").arg(m_request.qty).arg(m_product.code),
                now};
    }

    QVariantMap auditAfter() const
    {
        return {{key("customer"), m_customer.id},
                {key("product"), m_product.code},
                {key("qty"), m_request.qty},
                {key("total"), m_total},
                {key("saldo_after"), m_saldoAfter}};
    }

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
    common::Rupiah m_totals[3] = {0, 0, 0}; ///< by domain::Tier
    common::Rupiah m_unitPrice = 0;
    common::Rupiah m_total = 0;
    common::Rupiah m_saldoAfter = 0;
    QList<qint64> m_itemIds;
    QStringList m_items;
    qint64 m_orderId = 0;
    QString m_ref;
};

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
        for (auto step :
             {&SaldoPurchase::loadProduct, &SaldoPurchase::price, &SaldoPurchase::pickItems, &SaldoPurchase::debit}) {
            if (auto r = (p.*step)(); !r)
                return r.error();
        }
        if (auto r = p.write(delivery, m_db); !r)
            return r.error();
        PurchaseOutcome out = p.outcome();
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
    auto found = OrderRepository(m_db).byRefWithItems(ref);
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
