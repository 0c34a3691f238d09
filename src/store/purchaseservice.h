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
    domain::Order order;   ///< status delivered, with items
    domain::Product product;
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
    common::Result<PurchaseOutcome> purchaseWithSaldo(const PurchaseRequest &request, const DeliveryBuilder &delivery);

    /// Puts the order's delivery messages in the outbox again (kirimulang), only for its owner.
    /// Errors: order.not_found (also when the order belongs to someone else), order.not_delivered.
    common::Result<domain::Order> loadOwnDeliveredOrder(qint64 customerId, const QString &ref);

    /// Maximum quantity in one purchase.
    static constexpr int kMaxQty = 100;

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
