// The desktop's Inventory and Customers panels: stock pages and counts, the import check,
// customer pages and blocking (issue 6). Every call runs on the engine's database pool.

#include "common/log.h"
#include "engine/engine.h"
#include "engine/engineprivate.h"

#include <QtConcurrent>

namespace kedai::engine {

using common::Result;

QFuture<Result<QList<domain::StockItem>>> Engine::stockItemsPage(qint64 productId, qint64 afterId, int limit,
                                                                 std::optional<domain::StockStatus> status)
{
    return QtConcurrent::run(&d->pool, [c = d->catalog, productId, afterId, limit, status] {
        return c->stockItemsPage(productId, afterId, limit, status);
    });
}

QFuture<Result<store::StockCounts>> Engine::stockCounts(qint64 productId)
{
    return QtConcurrent::run(&d->pool, [c = d->catalog, productId] { return c->stockCounts(productId); });
}

QFuture<Result<QSet<QString>>> Engine::stockLinesInStock(qint64 productId, const QStringList &lines)
{
    return QtConcurrent::run(&d->pool,
                             [c = d->catalog, productId, lines] { return c->linesInStock(productId, lines); });
}

QFuture<Result<QList<domain::Customer>>> Engine::customersPage(const QString &term, qint64 beforeId, int limit)
{
    return QtConcurrent::run(&d->pool,
                             [c = d->customers, term, beforeId, limit] { return c->page(term, beforeId, limit); });
}

QFuture<Result<domain::Customer>> Engine::setBlocked(qint64 customerId, bool blocked, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, customerId, blocked, actor]() -> Result<domain::Customer> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageCustomers); !ok)
            return ok.error();
        auto r = d->customers->setBlocked(customerId, blocked, actor);
        if (r) {
            // The bot reads `blocked` from the customer's cached record.
            d->invalidateCustomer(customerId, true);
            log::get("engine")->info("customer {} {} by {}", customerId, blocked ? "blocked" : "unblocked", actor);
            Q_EMIT customerChanged(customerId);
        }
        return r;
    });
}

} // namespace kedai::engine
