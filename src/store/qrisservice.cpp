#include "store/qrisservice.h"

#include "common/ids.h"
#include "common/log.h"
#include "store/customerrepository.h"
#include "store/messagerepository.h"
#include "store/purchaseservice.h"
#include "store/rows.h"
#include "store/sqlutil.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSet>

#include <exception>

namespace kedai::store {

using common::makeError;
using common::Result;
using common::Rupiah;
using domain::QrisPayment;
using domain::QrisStatus;

namespace {

constexpr qint64 kDedupBucketMs = 5 * 60 * 1000;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

// ---- BonusRule helpers

std::optional<Rupiah> parseWhole(const QString &text)
{
    QString t = text.trimmed();
    t.remove(QLatin1Char('.'));
    if (t.isEmpty())
        return std::nullopt;
    for (const QChar ch : t) {
        if (!ch.isDigit())
            return std::nullopt;
    }
    bool ok = false;
    const Rupiah v = t.toLongLong(&ok);
    if (!ok || v < 0 || v > common::kMaxRupiah)
        return std::nullopt;
    return v;
}

QString inList(const QList<QString> &names)
{
    // Status names come from the enums, never from user text.
    QStringList quoted;
    for (const QString &n : names)
        quoted << QLatin1Char('\'') + n + QLatin1Char('\'');
    return QLatin1Char('(') + quoted.join(QStringLiteral(", ")) + QLatin1Char(')');
}

/// Runs the messenger; an exception must not escape into a worker thread.
Result<QList<domain::OutboundMessage>> runMessenger(const QrisMessenger &messenger, const QrisEvent &event)
{
    if (!messenger)
        return QList<domain::OutboundMessage>();
    try {
        return messenger(event);
    } catch (const std::exception &e) {
        kedai::log::get("store")->error("QRIS messenger threw for {}: {}", event.payment.ref, e.what());
    } catch (...) {
        kedai::log::get("store")->error("QRIS messenger threw for {}", event.payment.ref);
    }
    return makeError(QStringLiteral("qris.message_failed"), QStringLiteral("The customer's message could not be made"));
}

/// The operations, on the connection that holds the transaction.
class Ops
{
public:
    Ops(QSqlDatabase &conn, const std::shared_ptr<Database> &db, QDateTime now)
        : m_conn(conn), m_db(db), m_now(std::move(now)), m_nowDb(sql::toDb(m_now))
    {
    }

    const QDateTime &now() const { return m_now; }

    Result<domain::Customer> customer(qint64 id)
    {
        auto q = sql::run(m_conn,
                          QStringLiteral("SELECT ") + rows::customerColumns()
                              + QStringLiteral(" FROM customers c WHERE c.id = ?"),
                          {id}, QStringLiteral("reading the customer"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return makeError(QStringLiteral("customer.not_found"),
                             QStringLiteral("There is no customer with id %1").arg(id));
        return rows::customer(q.value());
    }

    Result<std::optional<QrisPayment>> pending(qint64 customerId)
    {
        return one(QStringLiteral("WHERE q.customer_id = ? AND q.status = 'pending'"), {customerId});
    }

    Result<std::optional<QrisPayment>> byRef(const QString &ref, bool lock)
    {
        return one(QStringLiteral("WHERE q.ref = ?"), {ref.trimmed().toUpper()}, lock);
    }

    Result<std::optional<QrisPayment>> byId(qint64 id, bool lock)
    {
        return one(QStringLiteral("WHERE q.id = ?"), {id}, lock);
    }

    /// PostgreSQL locks only the payment row (the joined rows are not changed here).
    Result<std::optional<QrisPayment>> one(const QString &where, const QVariantList &args, bool lock = false)
    {
        QString text = rows::qrisPaymentSelect() + where;
        if (lock && sql::dialect::isPostgres(m_conn))
            text += QStringLiteral(" FOR UPDATE OF q");
        auto q = sql::run(m_conn, text, args, QStringLiteral("reading a QRIS payment"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return std::optional<QrisPayment>();
        return std::optional<QrisPayment>(rows::qrisPayment(q.value()));
    }

    Result<void> refusePending(qint64 customerId)
    {
        auto existing = pending(customerId);
        if (!existing)
            return existing.error();
        if (!existing->has_value())
            return {};
        const QrisPayment &p = **existing;
        return makeError(
            QStringLiteral("qris.pending_exists"),
            QStringLiteral("Payment %1 of %2 is still waiting").arg(p.ref, common::formatRupiah(p.payable)),
            {{key("ref"), p.ref},
             {key("payable"), p.payable},
             {key("expires_at"), p.expiresAt},
             {key("purpose"), domain::qrisPurposeName(p.purpose)}});
    }

    /// The customer who asks for a new payment: not blocked, and with none waiting. Takes the
    /// customer's transaction lock first, so one customer's payments are created one at a time
    /// (two instances, a double-sent message): the second then sees the first and is told it is
    /// waiting.
    Result<domain::Customer> payer(qint64 customerId)
    {
        auto c = customer(customerId);
        if (!c)
            return c.error();
        if (c->blocked)
            return makeError(QStringLiteral("purchase.customer_blocked"),
                             QStringLiteral("Customer %1 is blocked and cannot pay").arg(c->id));
        if (auto locked = sql::dialect::lockForTransaction(m_conn, QStringLiteral("qris:customer:%1").arg(c->id),
                                                           QStringLiteral("waiting for the customer's other payment"));
            !locked)
            return locked.error();
        if (auto r = refusePending(c->id); !r)
            return r.error();
        return c;
    }

    /// A new pending payment of `amount` for `customer`, answered on (channel, recipient);
    /// ref, times and expiry filled, code not claimed yet (claimCode()).
    QrisPayment newPayment(domain::QrisPurpose purpose, const domain::Customer &customer, const QString &channel,
                           const QString &recipient, Rupiah amount, const QrisOptions &options) const
    {
        QrisPayment p;
        p.purpose = purpose;
        p.ref = common::newOrderRef(m_now);
        if (purpose == domain::QrisPurpose::Deposit)
            p.ref.replace(0, 2, QStringLiteral("DP"));
        p.customerId = customer.id;
        p.customerPhone = customer.phone;
        p.customerName = customer.name;
        p.channel = channel;
        p.recipient = recipient;
        p.amount = amount;
        p.createdAt = m_now;
        p.expiresAt = m_now.addSecs(qint64(qMax(1, options.expiryMinutes)) * 60);
        return p;
    }

    /// Inserts the pending payment with a free unique code (payable = amount + code unique among
    /// pending payments: the partial unique index decides, so concurrent claims cannot share
    /// one). Codes closed within kReuseAfterMs are taken only when no other is free.
    Result<void> claimCode(QrisPayment &p, const QrisOptions &options)
    {
        const int codeMax = qBound(1, options.codeMax, QrisOptions::kMaxCodeMax);
        for (int round = 0; round < 2; ++round) {
            auto q = sql::run(m_conn,
                              QStringLiteral(
                                  "SELECT payable, status, COALESCE(closed_at, created_at) FROM qris_payments "
                                  "WHERE payable BETWEEN ? AND ? AND (status = 'pending' OR "
                                  "COALESCE(closed_at, created_at) > ?)"),
                              {p.amount + 1, p.amount + codeMax,
                               sql::toDb(m_now.addMSecs(-QrisService::kReuseAfterMs))},
                              QStringLiteral("reading the unique codes in use"));
            if (!q)
                return q.error();
            QSet<Rupiah> taken, recent;
            while (q.value().next()) {
                const Rupiah code = q.value().value(0).toLongLong() - p.amount;
                (q.value().value(1).toString() == QLatin1String("pending") ? taken : recent).insert(code);
            }
            QList<Rupiah> preferred, fallback;
            for (Rupiah code = 1; code <= codeMax; ++code) {
                if (taken.contains(code))
                    continue;
                (recent.contains(code) ? fallback : preferred).append(code);
            }
            auto *rng = QRandomGenerator::global();
            // Every free-looking code may be tried: codes claimed by transactions that have not
            // committed yet look free to the read above, and each failed insert means that code
            // really is taken, so this ends after at most codeMax tries. Giving up earlier would
            // tell a customer "try later" while a code is free.
            for (;;) {
                QList<Rupiah> &pool = preferred.isEmpty() ? fallback : preferred;
                if (pool.isEmpty())
                    break;
                const Rupiah code = pool.takeAt(rng->bounded(int(pool.size())));
                p.uniqueCode = code;
                p.payable = p.amount + code;
                auto id = sql::insertId(
                    m_conn,
                    QStringLiteral("INSERT INTO qris_payments (ref, purpose, customer_id, channel, recipient, amount, "
                                   "unique_code, payable, bonus, status, created_at, expires_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING"),
                    {p.ref, domain::qrisPurposeName(p.purpose), p.customerId, p.channel, p.recipient, p.amount,
                     p.uniqueCode, p.payable, p.bonus, sql::toDb(p.createdAt), sql::toDb(p.expiresAt)},
                    QStringLiteral("claiming a unique code"));
                if (!id)
                    return id.error();
                if (id->has_value()) {
                    p.id = **id;
                    return {};
                }
                // Taken meanwhile by another customer's payment (or our own pending one, which
                // refusePending() has ruled out, or the ref: astronomically rare).
            }
        }
        return makeError(QStringLiteral("qris.no_code"),
                         QStringLiteral("All %1 unique codes for %2 are in use by waiting payments")
                             .arg(codeMax)
                             .arg(common::formatRupiah(p.amount)),
                         {{key("code_max"), codeMax}});
    }

    Result<void> enqueue(const QrisEvent &event)
    {
        auto messages = runMessenger(m_messenger, event);
        if (!messages)
            return messages.error();
        MessageRepository outbox(m_db); // same thread, same connection: joins this transaction
        for (const domain::OutboundMessage &m : messages.value()) {
            if (auto queued = outbox.enqueue(m); !queued)
                return queued.error();
            if (m.type == domain::MessageType::Image && !m.mediaPath.isEmpty()
                && event.kind == QrisEvent::Kind::Created) {
                if (auto r = sql::run(m_conn, QStringLiteral("UPDATE qris_payments SET qr_path = ? WHERE id = ?"),
                                      {m.mediaPath, event.payment.id}, QStringLiteral("recording the QR image"));
                    !r)
                    return r.error();
            }
        }
        return {};
    }

    void setMessenger(const QrisMessenger &messenger) { m_messenger = messenger; }

    Result<domain::Product> product(qint64 productId)
    {
        auto q = sql::run(m_conn, rows::productWithoutCountsSelect() + QStringLiteral("WHERE p.id = ?"), {productId},
                          QStringLiteral("reading the product"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return makeError(QStringLiteral("purchase.unknown_product"), QStringLiteral("The product is gone"));
        return rows::product(q.value());
    }

    Result<domain::Order> order(qint64 orderId, bool withItems)
    {
        auto q = sql::run(m_conn, rows::orderSelect() + QStringLiteral("WHERE o.id = ?"), {orderId},
                          QStringLiteral("reading the order"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return makeError(QStringLiteral("order.not_found"), QStringLiteral("The order is gone"));
        domain::Order o = rows::order(q.value());
        if (withItems) {
            auto items = sql::run(m_conn,
                                  QStringLiteral("SELECT content FROM stock_items WHERE order_id = ? AND status = "
                                                 "'sold' ORDER BY id"),
                                  {orderId}, QStringLiteral("reading the delivered items"));
            if (!items)
                return items.error();
            while (items.value().next())
                o.items << items.value().value(0).toString();
        }
        return o;
    }

    /// A pending payment is paid: the order delivered with its reserved items, or the deposit
    /// (and its bonus) credited. Conditional on status pending, so it happens once.
    /// `received`: the money that came in, when staff assign a different amount to a deposit
    /// (credited as it is, with the bonus only when it covers the payable).
    Result<QrisEvent> pay(const QrisPayment &payment, qint64 notificationId, const QString &actor, const QString &note,
                          std::optional<Rupiah> received = std::nullopt)
    {
        auto updated = sql::run(m_conn,
                                QStringLiteral(
                                    "UPDATE qris_payments SET status = 'paid', closed_at = ?, closed_by = ?, "
                                    "note = ?, notification_id = ? WHERE id = ? AND status = 'pending'"),
                                {m_nowDb, actor, note, sql::nullIfZero(notificationId), payment.id},
                                QStringLiteral("marking the payment paid"));
        if (!updated)
            return updated.error();
        if (updated.value().numRowsAffected() != 1)
            return alreadyClosed(payment.ref);
        QrisEvent event;
        event.payment = payment;
        event.payment.status = QrisStatus::Paid;
        event.payment.closedAt = m_now;
        event.payment.closedBy = actor;
        event.payment.note = note;
        event.payment.notificationId = notificationId;
        event.notificationId = notificationId;
        if (payment.purpose == domain::QrisPurpose::Order) {
            event.kind = QrisEvent::Kind::Paid;
            auto order = sql::run(m_conn,
                                  QStringLiteral(
                                      "UPDATE orders SET status = 'delivered', paid_at = ?, delivered_at = ? "
                                      "WHERE id = ? AND status = 'pending'"),
                                  {m_nowDb, m_nowDb, payment.orderId}, QStringLiteral("delivering the order"));
            if (!order)
                return order.error();
            if (order.value().numRowsAffected() != 1)
                return makeError(QStringLiteral("store.error"),
                                 QStringLiteral("Order %1 was not waiting for payment").arg(payment.ref));
            auto sold = sql::run(m_conn,
                                 QStringLiteral("UPDATE stock_items SET status = 'sold', sold_at = ? "
                                                "WHERE order_id = ? AND status = 'reserved'"),
                                 {m_nowDb, payment.orderId}, QStringLiteral("selling the reserved items"));
            if (!sold)
                return sold.error();
            auto o = this->order(payment.orderId, true);
            if (!o)
                return o.error();
            if (sold.value().numRowsAffected() != o->qty || o->items.size() != o->qty)
                return makeError(QStringLiteral("store.error"),
                                 QStringLiteral("Order %1 lost its reserved items").arg(payment.ref));
            event.order = o.value();
            auto product = this->product(o->productId);
            if (!product)
                return product.error();
            event.product = product.value();
            auto c = customer(payment.customerId);
            if (!c)
                return c.error();
            event.saldoAfter = c->saldo;
        } else {
            event.kind = QrisEvent::Kind::Deposited;
            const Rupiah amount = received.value_or(payment.payable);
            auto credited = credit(payment, amount, actor, QStringLiteral("QRIS deposit"), amount >= payment.payable);
            if (!credited)
                return credited.error();
            event.credited = credited->first;
            event.saldoAfter = credited->second;
        }
        if (auto a = sql::audit(
                m_conn, actor, QStringLiteral("qris.paid"), QStringLiteral("qris:") + payment.ref, {},
                {{key("payable"), payment.payable}, {key("notification"), notificationId}, {key("note"), note}});
            !a)
            return a.error();
        if (auto r = enqueue(event); !r)
            return r.error();
        return event;
    }

    /// The money and, for a deposit, its bonus into the customer's saldo through the ledger.
    /// Returns (credited, saldo after).
    Result<std::pair<Rupiah, Rupiah>> credit(const QrisPayment &payment, Rupiah amount, const QString &actor,
                                             const QString &note, bool withBonus)
    {
        CustomerRepository customers(m_db); // joins this transaction (a savepoint)
        auto entry = customers.postLedger(payment.customerId, amount, domain::LedgerKind::Deposit, actor, payment.ref,
                                          note);
        if (!entry)
            return entry.error();
        Rupiah credited = amount;
        Rupiah saldo = entry->balanceAfter;
        if (withBonus && payment.bonus > 0) {
            auto bonus = customers.postLedger(payment.customerId, payment.bonus, domain::LedgerKind::Bonus, actor,
                                              payment.ref, QStringLiteral("deposit bonus"));
            if (!bonus)
                return bonus.error();
            credited += payment.bonus;
            saldo = bonus->balanceAfter;
        }
        return std::make_pair(credited, saldo);
    }

    /// Money for an expired or cancelled payment: credited to that customer's saldo.
    Result<QrisEvent> creditLate(const QrisPayment &payment, Rupiah amount, qint64 notificationId, const QString &actor,
                                 const QString &note)
    {
        auto updated = sql::run(m_conn,
                                QStringLiteral("UPDATE qris_payments SET status = 'credited', notification_id = ?, "
                                               "closed_by = ?, note = ? WHERE id = ? AND status IN ('expired', "
                                               "'cancelled')"),
                                {sql::nullIfZero(notificationId), actor, note, payment.id},
                                QStringLiteral("crediting a late payment"));
        if (!updated)
            return updated.error();
        if (updated.value().numRowsAffected() != 1)
            return alreadyClosed(payment.ref);
        QrisEvent event;
        event.kind = QrisEvent::Kind::LateCredited;
        event.payment = payment;
        event.payment.status = QrisStatus::Credited;
        event.payment.notificationId = notificationId;
        event.notificationId = notificationId;
        // A late deposit is still the deposit the customer asked for, bonus included.
        auto credited = credit(payment, amount, actor, QStringLiteral("late QRIS payment of %1").arg(payment.ref),
                               payment.purpose == domain::QrisPurpose::Deposit && amount >= payment.payable);
        if (!credited)
            return credited.error();
        event.credited = credited->first;
        event.saldoAfter = credited->second;
        if (payment.orderId > 0) {
            auto o = order(payment.orderId, false);
            if (!o)
                return o.error();
            event.order = o.value();
        }
        if (auto a = sql::audit(m_conn, actor, QStringLiteral("qris.credited_late"),
                                QStringLiteral("qris:") + payment.ref, {},
                                {{key("amount"), amount}, {key("notification"), notificationId}, {key("note"), note}});
            !a)
            return a.error();
        if (auto r = enqueue(event); !r)
            return r.error();
        return event;
    }

    /// pending -> expired | cancelled: the code is free again, reserved items go back to stock.
    Result<QrisEvent> release(const QrisPayment &payment, QrisStatus to, const QString &actor)
    {
        const QString status = domain::qrisStatusName(to);
        auto updated = sql::run(m_conn,
                                QStringLiteral("UPDATE qris_payments SET status = ?, closed_at = ?, closed_by = ? "
                                               "WHERE id = ? AND status = 'pending'"),
                                {status, m_nowDb, actor, payment.id}, QStringLiteral("closing the payment"));
        if (!updated)
            return updated.error();
        if (updated.value().numRowsAffected() != 1)
            return alreadyClosed(payment.ref);
        QrisEvent event;
        event.kind = to == QrisStatus::Expired ? QrisEvent::Kind::Expired : QrisEvent::Kind::Cancelled;
        event.payment = payment;
        event.payment.status = to;
        event.payment.closedAt = m_now;
        event.payment.closedBy = actor;
        if (payment.orderId > 0) {
            auto order = sql::run(m_conn,
                                  QStringLiteral("UPDATE orders SET status = ? WHERE id = ? AND status = 'pending'"),
                                  {status, payment.orderId}, QStringLiteral("closing the order"));
            if (!order)
                return order.error();
            auto items = sql::run(m_conn,
                                  QStringLiteral("UPDATE stock_items SET status = 'available', order_id = NULL "
                                                 "WHERE order_id = ? AND status = 'reserved'"),
                                  {payment.orderId}, QStringLiteral("returning the reserved items"));
            if (!items)
                return items.error();
            auto o = this->order(payment.orderId, false);
            if (!o)
                return o.error();
            event.order = o.value();
        }
        if (auto a = sql::audit(m_conn, actor, QStringLiteral("qris.") + status, QStringLiteral("qris:") + payment.ref,
                                {}, {{key("payable"), payment.payable}});
            !a)
            return a.error();
        if (auto r = enqueue(event); !r)
            return r.error();
        return event;
    }

    common::Error alreadyClosed(const QString &ref)
    {
        auto now = byRef(ref, false);
        const QString status = now && now->has_value() ? domain::qrisStatusName((*now)->status) : QString();
        return makeError(QStringLiteral("qris.already_paid"),
                         QStringLiteral("Payment %1 is no longer waiting (status %2)").arg(ref, status),
                         {{key("ref"), ref}, {key("status"), status}});
    }

    /// Where a credit without a payment is announced: the customer's latest identity.
    Result<std::pair<QString, QString>> contact(qint64 customerId)
    {
        auto q = sql::run(m_conn,
                          QStringLiteral("SELECT channel, external_id FROM customer_identities WHERE customer_id = ? "
                                         "ORDER BY id DESC LIMIT 1"),
                          {customerId}, QStringLiteral("reading the customer's channel"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return std::make_pair(QString(), QString());
        return std::make_pair(q.value().value(0).toString(), q.value().value(1).toString());
    }

    QSqlDatabase &conn() { return m_conn; }
    const QString &nowDb() const { return m_nowDb; }

private:
    QSqlDatabase &m_conn;
    const std::shared_ptr<Database> &m_db;
    const QDateTime m_now;
    const QString m_nowDb;
    QrisMessenger m_messenger;
};

QString dedupHash(const IncomingNotification &n, const QString &suffix)
{
    QByteArray raw = n.packageName.toUtf8();
    raw += '\x1f';
    raw += n.title.toUtf8();
    raw += '\x1f';
    raw += n.text.toUtf8();
    raw += '\x1f';
    raw += n.amount ? QByteArray::number(*n.amount) : QByteArray();
    return QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex().left(40)) + suffix;
}

} // namespace

// ---- BonusRule

Rupiah BonusRule::bonusFor(Rupiah nominal) const
{
    if (isNone() || nominal <= 0)
        return 0;
    return (nominal / per) * bonus;
}

std::optional<BonusRule> BonusRule::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("0"))
        return BonusRule();
    const QStringList parts = t.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return std::nullopt;
    const auto bonus = parseWhole(parts.at(0));
    const auto per = parseWhole(parts.at(1));
    if (!bonus || !per || *per <= 0 || *bonus >= *per)
        return std::nullopt;
    return BonusRule{*bonus, *per};
}

QString BonusRule::toString() const
{
    return isNone() ? QString() : QStringLiteral("%1/%2").arg(bonus).arg(per);
}

// ---- QrisService

QrisService::QrisService(std::shared_ptr<Database> db, std::shared_ptr<const common::IClock> clock)
    : m_db(std::move(db)), m_clock(clock ? std::move(clock) : std::make_shared<common::SystemClock>())
{
}

Result<QrisEvent> QrisService::createOrder(const QrisOrderRequest &request, const QrisOptions &options,
                                           const QrisMessenger &messenger)
{
    if (request.qty < 1 || request.qty > PurchaseService::kMaxQty)
        return makeError(QStringLiteral("purchase.bad_qty"),
                         QStringLiteral("The quantity must be between 1 and %1 (got %2)")
                             .arg(PurchaseService::kMaxQty)
                             .arg(request.qty),
                         {{key("requested"), qint64(request.qty)}, {key("max"), qint64(PurchaseService::kMaxQty)}});
    const QString code = domain::normalizeProductCode(request.productCode);
    if (!domain::isValidProductCode(code))
        return makeError(QStringLiteral("purchase.unknown_product"),
                         QStringLiteral("There is no product with code %1").arg(code.left(40)),
                         {{key("code"), code.left(40)}});
    auto result = sql::transact(*m_db, QStringLiteral("a QRIS order"), [&](QSqlDatabase &c) -> Result<QrisEvent> {
        Ops ops(c, m_db, m_clock->now());
        ops.setMessenger(messenger);
        auto customer = ops.payer(request.customerId);
        if (!customer)
            return customer.error();

        auto pq = sql::run(c, rows::productWithoutCountsSelect() + QStringLiteral("WHERE p.code = ?"), {code},
                           QStringLiteral("reading the product"));
        if (!pq)
            return pq.error();
        if (!pq.value().next())
            return makeError(QStringLiteral("purchase.unknown_product"),
                             QStringLiteral("There is no product with code %1").arg(code), {{key("code"), code}});
        const domain::Product product = rows::product(pq.value());
        const QVariantMap productDetails{{key("code"), code}, {key("product"), product.name}};
        if (!product.active)
            return makeError(QStringLiteral("purchase.inactive"),
                             QStringLiteral("Product %1 is not for sale at the moment").arg(code), productDetails);
        const Rupiah unit = product.priceFor(customer->tier);
        const auto total = common::multiplyRupiah(unit, request.qty);
        if (!total || *total <= 0 || *total + QrisOptions::kMaxCodeMax > common::kMaxRupiah / 100)
            return makeError(QStringLiteral("purchase.too_large"),
                             QStringLiteral("%1 x %2 is too large for one payment").arg(request.qty).arg(code),
                             productDetails);

        // The items first: an order that cannot be served takes no code.
        auto picked = sql::run(c,
                               QStringLiteral(
                                   "SELECT id FROM stock_items WHERE product_id = ? AND status = 'available' "
                                   "ORDER BY id LIMIT ?")
                                   + sql::dialect::skipLocked(c),
                               {product.id, request.qty}, QStringLiteral("reserving stock items"));
        if (!picked)
            return picked.error();
        QList<qint64> itemIds;
        while (picked.value().next())
            itemIds << picked.value().value(0).toLongLong();
        if (itemIds.size() < request.qty) {
            QVariantMap d = productDetails;
            d.insert(key("available"), qint64(itemIds.size()));
            d.insert(key("requested"), qint64(request.qty));
            return makeError(
                QStringLiteral("purchase.out_of_stock"),
                QStringLiteral("Only %1 of %2 left, %3 requested").arg(itemIds.size()).arg(code).arg(request.qty), d);
        }

        QrisPayment p = ops.newPayment(domain::QrisPurpose::Order, *customer, request.channel, request.recipient,
                                       *total, options);
        p.productCode = product.code;
        p.productName = product.name;
        p.qty = request.qty;
        if (auto r = ops.claimCode(p, options); !r)
            return r.error();

        auto orderId = sql::insertId(
            c,
            QStringLiteral("INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, unique_code, "
                           "payable, method, status, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'qris', 'pending', ?, ?) ON CONFLICT DO NOTHING"),
            {p.ref, p.customerId, product.id, p.qty, unit, p.amount, p.uniqueCode, p.payable, sql::toDb(p.createdAt),
             sql::toDb(p.expiresAt)},
            QStringLiteral("writing the QRIS order"));
        if (!orderId)
            return orderId.error();
        if (!orderId->has_value())
            return makeError(QStringLiteral("store.busy"), QStringLiteral("Order reference %1 is taken").arg(p.ref));
        p.orderId = **orderId;
        if (auto r = sql::run(c, QStringLiteral("UPDATE qris_payments SET order_id = ? WHERE id = ?"),
                              {p.orderId, p.id}, QStringLiteral("linking the payment to its order"));
            !r)
            return r.error();
        auto reserved = sql::run(c,
                                 QStringLiteral("UPDATE stock_items SET status = 'reserved', order_id = ? "
                                                "WHERE status = 'available' AND id IN ")
                                     + sql::idList(itemIds),
                                 {p.orderId}, QStringLiteral("reserving stock items"));
        if (!reserved)
            return reserved.error();
        if (reserved.value().numRowsAffected() != request.qty)
            return makeError(QStringLiteral("store.busy"), QStringLiteral("Stock items were taken meanwhile"));

        QrisEvent event;
        event.kind = QrisEvent::Kind::Created;
        event.payment = p;
        auto order = ops.order(p.orderId, false);
        if (!order)
            return order.error();
        event.order = order.value();
        event.product = product;
        event.saldoAfter = customer->saldo;
        if (auto a = sql::audit(c, request.actor, QStringLiteral("qris.order_created"), QStringLiteral("qris:") + p.ref,
                                {},
                                {{key("product"), product.code},
                                 {key("qty"), request.qty},
                                 {key("total"), p.amount},
                                 {key("payable"), p.payable}});
            !a)
            return a.error();
        if (auto r = ops.enqueue(event); !r)
            return r.error();
        return event;
    });
    auto log = kedai::log::get("store");
    if (result)
        log->info("QRIS order {}: customer {} {} x {}, pay {} by {}", result->payment.ref, request.customerId,
                  request.qty, code, result->payment.payable, sql::toDb(result->payment.expiresAt));
    else
        log->info("QRIS order refused for customer {} ({} x {}): {}", request.customerId, request.qty, code,
                  result.error().code);
    return result;
}

Result<QrisEvent> QrisService::createDeposit(const QrisDepositRequest &request, const QrisOptions &options,
                                             const QrisMessenger &messenger)
{
    if (request.nominal < kMinDeposit || request.nominal > kMaxDeposit)
        return makeError(QStringLiteral("qris.bad_nominal"),
                         QStringLiteral("A deposit must be between %1 and %2")
                             .arg(common::formatRupiah(kMinDeposit), common::formatRupiah(kMaxDeposit)),
                         {{key("min"), kMinDeposit}, {key("max"), kMaxDeposit}, {key("nominal"), request.nominal}});
    auto result = sql::transact(*m_db, QStringLiteral("a QRIS deposit"), [&](QSqlDatabase &c) -> Result<QrisEvent> {
        Ops ops(c, m_db, m_clock->now());
        ops.setMessenger(messenger);
        auto customer = ops.payer(request.customerId);
        if (!customer)
            return customer.error();
        QrisPayment p = ops.newPayment(domain::QrisPurpose::Deposit, *customer, request.channel, request.recipient,
                                       request.nominal, options);
        p.bonus = options.bonus.bonusFor(request.nominal);
        if (auto r = ops.claimCode(p, options); !r)
            return r.error();
        QrisEvent event;
        event.kind = QrisEvent::Kind::Created;
        event.payment = p;
        event.saldoAfter = customer->saldo;
        if (auto a = sql::audit(c, request.actor, QStringLiteral("qris.deposit_created"),
                                QStringLiteral("qris:") + p.ref, {},
                                {{key("nominal"), p.amount}, {key("payable"), p.payable}, {key("bonus"), p.bonus}});
            !a)
            return a.error();
        if (auto r = ops.enqueue(event); !r)
            return r.error();
        return event;
    });
    if (result)
        kedai::log::get("store")->info("QRIS deposit {}: customer {} pays {}", result->payment.ref, request.customerId,
                                       result->payment.payable);
    return result;
}

Result<std::optional<QrisPayment>> QrisService::pendingFor(qint64 customerId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    Ops ops(conn.value(), m_db, m_clock->now());
    return ops.pending(customerId);
}

Result<QrisEvent> QrisService::cancel(qint64 customerId, const QString &actor, const QrisMessenger &messenger)
{
    return sql::transact(*m_db, QStringLiteral("cancelling a QRIS payment"), [&](QSqlDatabase &c) -> Result<QrisEvent> {
        Ops ops(c, m_db, m_clock->now());
        ops.setMessenger(messenger);
        auto pending = ops.one(QStringLiteral("WHERE q.customer_id = ? AND q.status = 'pending'"), {customerId}, true);
        if (!pending)
            return pending.error();
        if (!pending->has_value())
            return makeError(QStringLiteral("qris.nothing_pending"),
                             QStringLiteral("Customer %1 has no waiting QRIS payment").arg(customerId));
        return ops.release(**pending, QrisStatus::Cancelled, actor);
    });
}

Result<QList<QrisEvent>> QrisService::expireDue(int limit, const QrisMessenger &messenger)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto due = sql::run(conn.value(),
                        QStringLiteral("SELECT id FROM qris_payments WHERE status = 'pending' AND expires_at <= ? "
                                       "ORDER BY expires_at LIMIT ?"),
                        {sql::toDb(m_clock->now()), qMax(1, limit)}, QStringLiteral("finding expired QRIS payments"));
    if (!due)
        return due.error();
    QList<qint64> ids;
    while (due.value().next())
        ids << due.value().value(0).toLongLong();
    QList<QrisEvent> events;
    std::optional<common::Error> firstError;
    for (const qint64 id : ids) {
        auto expired = sql::transact(
            *m_db, QStringLiteral("expiring a QRIS payment"), [&](QSqlDatabase &c) -> Result<std::optional<QrisEvent>> {
                Ops ops(c, m_db, m_clock->now());
                ops.setMessenger(messenger);
                auto p = ops.byId(id, true);
                if (!p)
                    return p.error();
                // Paid, cancelled or expired by another instance meanwhile.
                if (!p->has_value() || (*p)->status != QrisStatus::Pending || (*p)->expiresAt > ops.now())
                    return std::optional<QrisEvent>();
                auto e = ops.release(**p, QrisStatus::Expired, QStringLiteral("system:expiry"));
                if (!e)
                    return e.error();
                return std::optional<QrisEvent>(e.value());
            });
        if (!expired) {
            // One payment that cannot be expired (its message fails, say) must not hold back the
            // ones after it, which would otherwise come after it on every sweep.
            kedai::log::get("store")->error("QRIS payment {} could not be expired: {}", id, expired.error().message);
            if (!firstError)
                firstError = expired.error();
            continue;
        }
        if (expired->has_value())
            events << **expired;
    }
    if (events.isEmpty() && firstError)
        return *firstError;
    for (const QrisEvent &e : events)
        kedai::log::get("store")->info("QRIS payment {} expired: code {} and reservation released", e.payment.ref,
                                       e.payment.uniqueCode);
    return events;
}

Result<NotificationOutcome> QrisService::recordNotification(const IncomingNotification &n,
                                                            const QrisMessenger &messenger)
{
    const QDateTime received = m_clock->now();
    // A phone clock ahead of ours must not push an on-time payment past its expiry.
    const QDateTime paidAt = n.postedAt.isValid() && n.postedAt < received ? n.postedAt : received;
    QString dedupKey, previousBucketKey;
    if (n.postedAt.isValid()) {
        dedupKey = dedupHash(n, QStringLiteral("@p") + QString::number(n.postedAt.toMSecsSinceEpoch()));
    } else {
        // Without postedAt, the same text within a few minutes is taken as a repeat.
        const qint64 bucket = received.toMSecsSinceEpoch() / kDedupBucketMs;
        dedupKey = dedupHash(n, QStringLiteral("@r") + QString::number(bucket));
        previousBucketKey = dedupHash(n, QStringLiteral("@r") + QString::number(bucket - 1));
    }

    auto result = sql::transact(
        *m_db, QStringLiteral("a payment notification"), [&](QSqlDatabase &c) -> Result<NotificationOutcome> {
            Ops ops(c, m_db, received);
            ops.setMessenger(messenger);
            NotificationOutcome out;
            const auto repeat = [&](qint64 id) -> Result<NotificationOutcome> {
                auto q = sql::returning(c,
                                        QStringLiteral("UPDATE payment_notifications SET repeats = repeats + 1 "
                                                       "WHERE id = ? RETURNING status, payment_id"),
                                        {id}, QStringLiteral("counting a repeated notification"));
                if (!q)
                    return q.error();
                if (!q->isEmpty() && !q->first().value(1).isNull()) {
                    auto p = ops.byId(q->first().value(1).toLongLong(), false);
                    if (!p)
                        return p.error();
                    if (p->has_value())
                        out.paymentRef = (*p)->ref;
                }
                out.notificationId = id;
                out.duplicate = true;
                out.status = q->isEmpty() ? domain::NotificationStatus::Unparsed
                                          : domain::parseNotificationStatus(q->first().value(0).toString())
                                                .value_or(domain::NotificationStatus::Unparsed);
                return out;
            };
            if (!previousBucketKey.isEmpty()) {
                auto prev = sql::scalar(c, QStringLiteral("SELECT id FROM payment_notifications WHERE dedup_key = ?"),
                                        {previousBucketKey}, QStringLiteral("looking for a repeated notification"));
                if (!prev)
                    return prev.error();
                if (!prev->isNull())
                    return repeat(prev->toLongLong());
            }
            auto inserted = sql::insertId(
                c,
                QStringLiteral("INSERT INTO payment_notifications (dedup_key, package_name, app_name, app_id, title, "
                               "text, amount, posted_at, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (dedup_key) DO NOTHING"),
                {dedupKey, n.packageName.left(200), n.appName.left(200), n.appId, n.title.left(1000), n.text.left(4000),
                 n.amount ? QVariant(*n.amount) : QVariant(),
                 n.postedAt.isValid() ? QVariant(sql::toDb(n.postedAt)) : QVariant(), ops.nowDb(),
                 domain::notificationStatusName(n.classification)},
                QStringLiteral("storing the notification"));
            if (!inserted)
                return inserted.error();
            if (!inserted->has_value()) {
                auto id = sql::scalar(c, QStringLiteral("SELECT id FROM payment_notifications WHERE dedup_key = ?"),
                                      {dedupKey}, QStringLiteral("looking for a repeated notification"));
                if (!id)
                    return id.error();
                return repeat(id->toLongLong());
            }
            out.notificationId = **inserted;
            out.status = n.classification;
            if (n.classification != domain::NotificationStatus::Unmatched || !n.amount)
                return out;

            // Money received: which payment was waiting for exactly this amount at that time?
            auto candidates = sql::run(c,
                                       rows::qrisPaymentSelect()
                                           + QStringLiteral("WHERE q.payable = ? AND q.status IN ('pending', "
                                                            "'expired', 'cancelled') ORDER BY q.id DESC LIMIT 20"),
                                       {*n.amount}, QStringLiteral("matching the payment"));
            if (!candidates)
                return candidates.error();
            std::optional<QrisPayment> onTime, late;
            while (candidates.value().next()) {
                const QrisPayment p = rows::qrisPayment(candidates.value());
                if (paidAt < p.createdAt.addMSecs(-kClockSkewMs))
                    continue; // money sent before this payment existed
                if (p.status == QrisStatus::Pending && paidAt <= p.expiresAt) {
                    onTime = p;
                    break;
                }
                const QDateTime end = p.status == QrisStatus::Cancelled && p.closedAt.isValid() ? p.closedAt
                                                                                                : p.expiresAt;
                if (!late && paidAt <= end.addMSecs(kLateWindowMs))
                    late = p;
            }
            std::optional<QrisEvent> event;
            QString status = domain::notificationStatusName(domain::NotificationStatus::Unmatched);
            const QString actor = QStringLiteral("system:listener");
            if (onTime) {
                auto locked = ops.byId(onTime->id, true);
                if (!locked)
                    return locked.error();
                if (locked->has_value() && (*locked)->status == QrisStatus::Pending) {
                    auto paid = ops.pay(**locked, out.notificationId, actor, QString());
                    if (!paid)
                        return paid.error();
                    event = paid.value();
                    status = domain::notificationStatusName(domain::NotificationStatus::Matched);
                }
                // else: paid by another notification a moment ago; this one waits in the queue.
            } else if (late) {
                auto locked = ops.byId(late->id, true);
                if (!locked)
                    return locked.error();
                if (locked->has_value() && (*locked)->status == QrisStatus::Pending) {
                    // Paid after its time but before the sweeper got to it: expire it now.
                    auto released = ops.release(**locked, QrisStatus::Expired, QStringLiteral("system:expiry"));
                    if (!released)
                        return released.error();
                    locked = ops.byId(late->id, true);
                    if (!locked)
                        return locked.error();
                }
                if (locked->has_value()
                    && ((*locked)->status == QrisStatus::Expired || (*locked)->status == QrisStatus::Cancelled)) {
                    auto credited = ops.creditLate(**locked, *n.amount, out.notificationId, actor,
                                                   QStringLiteral("paid after the payment had ended"));
                    if (!credited)
                        return credited.error();
                    event = credited.value();
                    status = domain::notificationStatusName(domain::NotificationStatus::Credited);
                }
            }
            if (event) {
                if (auto r = sql::run(c,
                                      QStringLiteral("UPDATE payment_notifications SET status = ?, payment_id = ?, "
                                                     "resolved_by = ?, resolved_at = ? WHERE id = ?"),
                                      {status, event->payment.id, actor, ops.nowDb(), out.notificationId},
                                      QStringLiteral("recording the match"));
                    !r)
                    return r.error();
                out.status = domain::parseNotificationStatus(status).value_or(domain::NotificationStatus::Unmatched);
                out.paymentRef = event->payment.ref;
                out.event = event;
            }
            return out;
        });
    auto log = kedai::log::get("store");
    if (result)
        log->info("payment notification {} from {}: {}{}{}", result->notificationId, n.packageName.left(60),
                  domain::notificationStatusName(result->status), result->duplicate ? " (repeat)" : "",
                  result->event ? QString(QStringLiteral(" ") + result->event->payment.ref) : QString());
    return result;
}

Result<QrisEvent> QrisService::confirm(const QString &ref, const QString &actor, const QString &note,
                                       const QrisMessenger &messenger)
{
    if (note.trimmed().isEmpty())
        return makeError(QStringLiteral("qris.note_required"),
                         QStringLiteral("Say why the payment is confirmed by hand (e.g. \"seen in the bank app\")"));
    auto result = sql::transact(
        *m_db, QStringLiteral("confirming a QRIS payment"), [&](QSqlDatabase &c) -> Result<QrisEvent> {
            Ops ops(c, m_db, m_clock->now());
            ops.setMessenger(messenger);
            auto p = ops.byRef(ref, true);
            if (!p)
                return p.error();
            if (!p->has_value())
                return makeError(QStringLiteral("qris.not_found"),
                                 QStringLiteral("There is no QRIS payment %1").arg(ref.trimmed().left(40)),
                                 {{key("ref"), ref.trimmed().left(40)}});
            const QrisPayment &payment = **p;
            if (payment.status == QrisStatus::Pending)
                return ops.pay(payment, 0, actor, note.trimmed());
            if (payment.status == QrisStatus::Expired || payment.status == QrisStatus::Cancelled)
                return ops.creditLate(payment, payment.payable, 0, actor, note.trimmed());
            return ops.alreadyClosed(payment.ref);
        });
    if (result)
        kedai::log::get("store")->info("QRIS payment {} confirmed by {}", result->payment.ref, actor);
    return result;
}

Result<QrisEvent> QrisService::assignNotification(qint64 notificationId, const QString &ref, qint64 customerId,
                                                  const QString &actor, const QString &note,
                                                  const QrisMessenger &messenger)
{
    if (note.trimmed().isEmpty())
        return makeError(QStringLiteral("qris.note_required"),
                         QStringLiteral("Say why this payment is assigned by hand"));
    return sql::transact(
        *m_db, QStringLiteral("assigning a payment notification"), [&](QSqlDatabase &c) -> Result<QrisEvent> {
            Ops ops(c, m_db, m_clock->now());
            ops.setMessenger(messenger);
            auto q = sql::run(c,
                              rows::notificationSelect() + QStringLiteral("WHERE n.id = ?")
                                  + (sql::dialect::isPostgres(c) ? QStringLiteral(" FOR UPDATE OF n") : QString()),
                              {notificationId}, QStringLiteral("reading the notification"));
            if (!q)
                return q.error();
            if (!q.value().next())
                return makeError(QStringLiteral("qris.notification_not_found"),
                                 QStringLiteral("There is no payment notification %1").arg(notificationId));
            const domain::PaymentNotificationRecord n = rows::notification(q.value());
            if (n.status != domain::NotificationStatus::Unmatched)
                return makeError(QStringLiteral("qris.notification_resolved"),
                                 QStringLiteral("Notification %1 is not in the queue (status %2)")
                                     .arg(notificationId)
                                     .arg(domain::notificationStatusName(n.status)),
                                 {{key("status"), domain::notificationStatusName(n.status)}});
            if (!n.amount || *n.amount <= 0)
                return makeError(QStringLiteral("qris.notification_no_amount"),
                                 QStringLiteral("Notification %1 has no amount").arg(notificationId));
            const QString why = note.trimmed();
            QrisEvent event;
            if (!ref.trimmed().isEmpty()) {
                auto p = ops.byRef(ref, true);
                if (!p)
                    return p.error();
                if (!p->has_value())
                    return makeError(QStringLiteral("qris.not_found"),
                                     QStringLiteral("There is no QRIS payment %1").arg(ref.trimmed().left(40)));
                Result<QrisEvent> done = (*p)->status == QrisStatus::Pending
                                             ? ops.pay(**p, notificationId, actor, why, *n.amount)
                                         : ((*p)->status == QrisStatus::Expired
                                            || (*p)->status == QrisStatus::Cancelled)
                                             ? ops.creditLate(**p, *n.amount, notificationId, actor, why)
                                             : Result<QrisEvent>(ops.alreadyClosed((*p)->ref));
                if (!done)
                    return done.error();
                event = done.value();
            } else {
                auto customer = ops.customer(customerId);
                if (!customer)
                    return customer.error();
                auto where = ops.contact(customerId);
                if (!where)
                    return where.error();
                QrisPayment p;
                p.ref = QStringLiteral("N%1").arg(notificationId);
                p.purpose = domain::QrisPurpose::Deposit;
                p.customerId = customerId;
                p.customerPhone = customer->phone;
                p.customerName = customer->name;
                p.channel = where->first;
                p.recipient = where->second;
                p.amount = *n.amount;
                p.payable = *n.amount;
                p.status = QrisStatus::Credited;
                auto credited = ops.credit(p, *n.amount, actor, why, false);
                if (!credited)
                    return credited.error();
                event.kind = QrisEvent::Kind::Deposited;
                event.payment = p;
                event.credited = credited->first;
                event.saldoAfter = credited->second;
                event.notificationId = notificationId;
                if (!p.channel.isEmpty()) {
                    if (auto r = ops.enqueue(event); !r)
                        return r.error();
                }
            }
            if (auto r = sql::run(c,
                                  QStringLiteral(
                                      "UPDATE payment_notifications SET status = 'assigned', payment_id = ?, "
                                      "resolved_by = ?, resolved_at = ?, note = ? WHERE id = ?"),
                                  {sql::nullIfZero(event.payment.id), actor, ops.nowDb(), why, notificationId},
                                  QStringLiteral("taking the notification out of the queue"));
                !r)
                return r.error();
            if (auto a = sql::audit(c, actor, QStringLiteral("qris.notification_assigned"),
                                    QStringLiteral("notification:%1").arg(notificationId),
                                    {{key("status"), QStringLiteral("unmatched")}},
                                    {{key("ref"), event.payment.ref},
                                     {key("customer"), event.payment.customerId},
                                     {key("amount"), *n.amount},
                                     {key("note"), why}});
                !a)
                return a.error();
            return event;
        });
}

Result<QList<QrisPayment>> QrisService::payments(const PaymentFilter &filter)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QString where;
    QVariantList args;
    if (!filter.statuses.isEmpty()) {
        QList<QString> names;
        for (const auto s : filter.statuses)
            names << domain::qrisStatusName(s);
        where += QStringLiteral("WHERE q.status IN ") + inList(names);
    }
    if (filter.customerId > 0) {
        where += where.isEmpty() ? QStringLiteral("WHERE ") : QStringLiteral(" AND ");
        where += QStringLiteral("q.customer_id = ?");
        args << filter.customerId;
    }
    args << qBound(1, filter.limit, 100'000);
    auto q = sql::run(conn.value(), rows::qrisPaymentSelect() + where + QStringLiteral(" ORDER BY q.id DESC LIMIT ?"),
                      args, QStringLiteral("listing QRIS payments"));
    if (!q)
        return q.error();
    QList<QrisPayment> out;
    while (q.value().next())
        out << rows::qrisPayment(q.value());
    return out;
}

Result<std::optional<QrisPayment>> QrisService::paymentByRef(const QString &ref)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    Ops ops(conn.value(), m_db, m_clock->now());
    return ops.byRef(ref, false);
}

Result<QList<domain::PaymentNotificationRecord>> QrisService::notifications(const NotificationFilter &filter)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QString where;
    if (!filter.statuses.isEmpty()) {
        QList<QString> names;
        for (const auto s : filter.statuses)
            names << domain::notificationStatusName(s);
        where = QStringLiteral("WHERE n.status IN ") + inList(names);
    }
    auto q = sql::run(conn.value(), rows::notificationSelect() + where + QStringLiteral(" ORDER BY n.id DESC LIMIT ?"),
                      {qBound(1, filter.limit, 100'000)}, QStringLiteral("listing payment notifications"));
    if (!q)
        return q.error();
    QList<domain::PaymentNotificationRecord> out;
    while (q.value().next())
        out << rows::notification(q.value());
    return out;
}

Result<std::map<QString, qint64>> QrisService::countPaymentsByStatus()
{
    QStringList names;
    for (auto s :
         {QrisStatus::Pending, QrisStatus::Paid, QrisStatus::Expired, QrisStatus::Cancelled, QrisStatus::Credited})
        names << domain::qrisStatusName(s);
    return sql::countByStatus(*m_db, QStringLiteral("qris_payments"), names);
}

Result<std::map<QString, qint64>> QrisService::countNotificationsByStatus()
{
    QStringList names;
    for (auto s : {domain::NotificationStatus::Matched, domain::NotificationStatus::Credited,
                   domain::NotificationStatus::Unmatched, domain::NotificationStatus::Assigned,
                   domain::NotificationStatus::Unparsed, domain::NotificationStatus::Ignored})
        names << domain::notificationStatusName(s);
    return sql::countByStatus(*m_db, QStringLiteral("payment_notifications"), names);
}

} // namespace kedai::store
