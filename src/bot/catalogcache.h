#pragma once

#include "cache/icache.h"
#include "common/result.h"
#include "domain/product.h"
#include "store/catalogrepository.h"

#include <QByteArray>
#include <QList>

#include <functional>

#include <memory>
#include <optional>

namespace kedai::bot {

/// Cache-aside for the active catalog, read on every catalog, search and buy reply. The engine
/// invalidates `prefix()` after every committed write that changes products or stock (never
/// before the commit, or another shard could cache the old rows again).
class CatalogCache
{
public:
    CatalogCache(std::shared_ptr<store::CatalogRepository> catalog, std::shared_ptr<cache::ICache> cache);

    common::Result<QList<domain::Product>> activeProducts();
    /// Text made from the active products, cached as "catalog:<variant>" so that it is dropped
    /// with the products it was made from.
    common::Result<QString> rendered(const QString &variant,
                                     const std::function<QString(const QList<domain::Product> &)> &render);

    static QString prefix() { return QStringLiteral("catalog:"); }
    static QByteArray encode(const QList<domain::Product> &products);
    static std::optional<QList<domain::Product>> decode(const QByteArray &bytes);

private:
    std::shared_ptr<store::CatalogRepository> m_catalog;
    std::shared_ptr<cache::ICache> m_cache;
};

} // namespace kedai::bot
