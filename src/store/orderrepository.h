#pragma once

#include "common/result.h"
#include "domain/order.h"
#include "store/database.h"

#include <QList>

#include <map>
#include <memory>
#include <optional>

namespace kedai::store {

struct OrderFilter
{
    std::optional<domain::OrderStatus> status;
    qint64 customerId = 0; ///< 0 = any
    int limit = 200;
    int offset = 0;
};

/// Reads orders. Orders are written only by the atomic shop operations (PurchaseService).
class OrderRepository
{
public:
    explicit OrderRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// Newest first, with customerPhone, productCode and productName filled in (items not).
    common::Result<QList<domain::Order>> list(const OrderFilter &filter);
    common::Result<QList<domain::Order>> forCustomer(qint64 customerId, int limit = 10);
    /// With items (the delivered stock lines). Refs are matched case-insensitively.
    common::Result<std::optional<domain::Order>> byRef(const QString &ref);
    common::Result<std::map<QString, qint64>> countByStatus();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
