#include "bot/catalogcache.h"

#include "cache/cachettl.h"

#include <QDataStream>
#include <QIODevice>

namespace kedai::bot {

namespace {
constexpr quint8 kFormat = 1;
const QString kKey = QStringLiteral("catalog:active");
} // namespace

CatalogCache::CatalogCache(std::shared_ptr<store::CatalogRepository> catalog, std::shared_ptr<cache::ICache> cache)
    : m_catalog(std::move(catalog)), m_cache(std::move(cache))
{
}

common::Result<QList<domain::Product>> CatalogCache::activeProducts()
{
    if (m_cache) {
        if (const auto bytes = m_cache->get(kKey)) {
            if (auto products = decode(*bytes))
                return *products;
        }
    }
    auto products = m_catalog->list(false);
    if (products && m_cache)
        m_cache->put(kKey, encode(products.value()), cache::CacheTtl::kCatalogMs);
    return products;
}

common::Result<QString> CatalogCache::rendered(const QString &variant,
                                               const std::function<QString(const QList<domain::Product> &)> &render)
{
    const QString cacheKey = prefix() + variant;
    if (m_cache) {
        if (const auto bytes = m_cache->get(cacheKey))
            return QString::fromUtf8(*bytes);
    }
    auto products = activeProducts();
    if (!products)
        return products.error();
    QString text = render(products.value());
    if (m_cache)
        m_cache->put(cacheKey, text.toUtf8(), cache::CacheTtl::kCatalogMs);
    return text;
}

QByteArray CatalogCache::encode(const QList<domain::Product> &products)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << kFormat << qint32(products.size());
    for (const auto &p : products)
        s << p.id << p.code << p.name << p.description << p.terms << p.category << qint32(p.kind) << p.priceBronze
          << p.priceSilver << p.priceGold << p.active << qint32(p.lowStockThreshold) << p.stockAvailable << p.sold;
    return out;
}

std::optional<QList<domain::Product>> CatalogCache::decode(const QByteArray &bytes)
{
    QDataStream s(bytes);
    quint8 format = 0;
    qint32 count = 0;
    s >> format >> count;
    if (format != kFormat || count < 0 || count > 100000)
        return std::nullopt;
    QList<domain::Product> out;
    out.reserve(count);
    for (qint32 i = 0; i < count; ++i) {
        domain::Product p;
        qint32 kind = 0, threshold = 0;
        s >> p.id >> p.code >> p.name >> p.description >> p.terms >> p.category >> kind >> p.priceBronze
            >> p.priceSilver >> p.priceGold >> p.active >> threshold >> p.stockAvailable >> p.sold;
        p.kind = domain::ProductKind(qBound(0, kind, 2));
        p.lowStockThreshold = threshold;
        out.append(p);
    }
    if (s.status() != QDataStream::Ok)
        return std::nullopt;
    return out;
}

} // namespace kedai::bot
