#pragma once

#include "common/result.h"
#include "domain/product.h"
#include "domain/stockitem.h"
#include "store/database.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace kedai::store {

struct AddStockResult
{
    int added = 0;
    QStringList duplicatesInInput;  ///< lines repeated within the input (skipped)
    QStringList duplicatesExisting; ///< lines already in stock for this product (skipped)
    QStringList rejected;           ///< lines too long or otherwise invalid (skipped)
};

/// How many stock items of a product are in each status.
struct StockCounts
{
    qint64 available = 0;
    qint64 reserved = 0;
    qint64 sold = 0;
    qint64 voided = 0;

    qint64 total() const { return available + reserved + sold + voided; }
    qint64 of(domain::StockStatus status) const;
};

/// Products and their stock items. Every write records an audit_log row with the actor.
class CatalogRepository
{
public:
    explicit CatalogRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// Products ordered by category, code, with stockAvailable and sold filled in.
    common::Result<QList<domain::Product>> list(bool includeInactive = false);
    common::Result<std::optional<domain::Product>> byCode(const QString &code);
    common::Result<std::optional<domain::Product>> byId(qint64 id);

    /// Errors: catalog.invalid (message says which field), catalog.duplicate_code.
    common::Result<domain::Product> create(const domain::Product &product, const QString &actor);
    /// Updates every field but the code and id.
    common::Result<domain::Product> update(const domain::Product &product, const QString &actor);
    common::Result<domain::Product> setPrice(const QString &code, domain::Tier tier, common::Rupiah price,
                                             const QString &actor);
    common::Result<domain::Product> setDescription(const QString &code, const QString &text, const QString &actor);
    /// Soft delete: the product becomes inactive; orders keep pointing at it.
    common::Result<void> deactivate(const QString &code, const QString &actor);

    /// Adds lines as available items; duplicates (within the input or with any existing item of
    /// the product that is not void) are skipped and reported. One transaction.
    common::Result<AddStockResult> addStock(qint64 productId, const QStringList &lines, const QString &actor);
    /// Marks every available (not reserved, not sold) item of the product void. Returns the count.
    common::Result<int> voidUnsold(qint64 productId, const QString &actor);
    common::Result<int> voidItem(qint64 itemId, const QString &actor);
    common::Result<QList<domain::StockItem>> stockItems(qint64 productId, bool includeSoldAndVoid = false);
    /// Contents of the product's non-void items (for the paste preview's duplicate check).
    common::Result<QStringList> existingContents(qint64 productId);

    /// One page of the product's items in id order (keyset paging: ids above `afterId`, at most
    /// `limit`, 1..5000), all statuses or only `status`. A sold item's content comes back cut
    /// to its first three characters: delivered credentials never leave the store whole.
    common::Result<QList<domain::StockItem>> stockItemsPage(qint64 productId, qint64 afterId, int limit,
                                                            std::optional<domain::StockStatus> status = {});
    common::Result<StockCounts> stockCounts(qint64 productId);
    /// Which of `lines` (compared as given) are non-void items of the product already: the
    /// import preview's check, without sending the product's whole stock to the window.
    common::Result<QSet<QString>> linesInStock(qint64 productId, const QStringList &lines);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
