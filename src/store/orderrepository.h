#pragma once

#include "common/result.h"
#include "domain/customer.h"
#include "domain/ledger.h"
#include "domain/order.h"
#include "store/database.h"

#include <QDateTime>
#include <QList>

#include <map>
#include <memory>
#include <optional>

namespace kedai::store {

/// Which orders a list, count or export covers. Every field left at its default matches all.
struct OrderFilter
{
    std::optional<domain::OrderStatus> status;
    qint64 customerId = 0; ///< 0 = any
    /// Part of the customer's phone or name, case-insensitive ("0812…" also finds "62812…"), or
    /// an order ref (exact, any case). Empty = any.
    QString customerText;
    qint64 productId = 0; ///< 0 = any
    std::optional<domain::PaymentMethod> method;
    QDateTime createdFrom;   ///< created at or after (an instant; invalid = no lower bound)
    QDateTime createdBefore; ///< created before (exclusive; invalid = no upper bound)

    // Paging (list() only; count() ignores them). Newest first, by id.
    qint64 beforeId = 0; ///< keyset paging: only ids below this (the last row already shown)
    qint64 afterId = 0;  ///< only ids above this (orders newer than the newest one shown)
    QList<qint64> ids;   ///< only these orders (re-reading rows that changed); empty = any
    int limit = 200;     ///< 1..10,000
    int offset = 0;      ///< kept for old callers; prefer beforeId (an OFFSET reads every skipped row)

    /// From the start of local day `from` to the end of local day `to` (either may be null).
    void setLocalDays(const QDate &from, const QDate &to);
};

/// An order as the detail view shows it: never with the delivered items (see OrderService::revealItems).
struct OrderDetail
{
    domain::Order order;               ///< items empty
    domain::Customer customer;         ///< as the customer is now
    int itemCount = 0;                 ///< stock lines still attached to the order (sold, or reserved while pending)
    QList<domain::LedgerEntry> ledger; ///< saldo movements whose reference is this order (purchase, refund)
};

/// Reads orders. Orders are written only by the atomic shop operations (PurchaseService,
/// QrisService, OrderService).
class OrderRepository
{
public:
    explicit OrderRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// Newest first (by id), with customer phone and name, product code and name; never items.
    /// Uses keyset paging when `beforeId` is set, so page 200 costs what page 1 costs.
    common::Result<QList<domain::Order>> list(const OrderFilter &filter);
    /// How many orders match `filter` (its paging fields are ignored).
    common::Result<qint64> count(const OrderFilter &filter);
    common::Result<QList<domain::Order>> forCustomer(qint64 customerId, int limit = 10);
    /// Without items. Refs are matched case-insensitively.
    common::Result<std::optional<domain::Order>> byRef(const QString &ref);
    /// With items (the delivered stock lines): for the customer's own kirimulang and for the
    /// audited reveal and resend of OrderService. The window never gets this directly.
    common::Result<std::optional<domain::Order>> byRefWithItems(const QString &ref);
    /// The detail view's data, without item contents.
    common::Result<std::optional<OrderDetail>> detail(const QString &ref);
    common::Result<std::map<QString, qint64>> countByStatus();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
