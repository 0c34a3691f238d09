#pragma once

#include "common/result.h"
#include "domain/message.h"
#include "domain/order.h"
#include "domain/product.h"
#include "store/database.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <memory>

namespace kedai::store {

struct PurchaseRequest
{
    qint64 customerId = 0;
    QString productCode;
    int qty = 1;
    QString actor; ///< "customer:<phone>" or "staff:<user>"
};

struct PurchaseOutcome
{
    domain::Order order;     ///< status delivered, with items
    domain::Product product; ///< prices and texts; stockAvailable and sold are not counted (0)
    common::Rupiah saldoAfter = 0;
};

/// Builds the delivery messages inside the purchase transaction, so the delivery is committed
/// with the sale or not at all.
using DeliveryBuilder = std::function<QList<domain::OutboundMessage>(const PurchaseOutcome &)>;

/// The atomic shop operations (ARCHITECTURE.md section 4).
class PurchaseService
{
public:
    explicit PurchaseService(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// One transaction: debit saldo WHERE saldo >= total, claim qty available items, write the
    /// order (delivered), the items' order id, the ledger entry (purchase, -total) and the
    /// delivery messages in the outbox. Any shortfall rolls everything back.
    /// Errors (details for the reply texts):
    ///   purchase.bad_qty, purchase.unknown_product {code}, purchase.inactive {code},
    ///   purchase.customer_blocked, purchase.out_of_stock {available, requested, product},
    ///   purchase.insufficient_saldo {saldo, total, product}, purchase.too_large, store.error.
    /// Product-related errors also carry {code, product} (product = the product's name). Other
    /// errors: customer.not_found, purchase.delivery_failed (the builder threw), store.busy and
    /// the outbox's enqueue errors (outbox.invalid). The builder runs only after every other step
    /// succeeded, inside the transaction.
    common::Result<PurchaseOutcome> purchaseWithSaldo(const PurchaseRequest &request, const DeliveryBuilder &delivery);

    /// The caller's own delivered order with its items, for kirimulang (the caller builds and
    /// enqueues the messages again). Refs match case-insensitively.
    /// Errors: order.not_found (also when the order belongs to someone else), order.not_delivered.
    common::Result<domain::Order> loadOwnDeliveredOrder(qint64 customerId, const QString &ref);

    /// Maximum quantity in one purchase.
    static constexpr int kMaxQty = 100;

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
