#include "store/catalogrepository.h"

#include "common/log.h"
#include "store/rows.h"
#include "store/sqlutil.h"

// Stock item operations live in catalogstock.cpp.

namespace kedai::store {

using common::makeError;
using common::Result;
using domain::Product;

namespace {

constexpr int kMaxNameLength = 200;
constexpr int kMaxTextLength = 10'000;

common::Error invalid(const QString &field, const QString &message)
{
    return makeError(QStringLiteral("catalog.invalid"), message, {{QStringLiteral("field"), field}});
}

common::Error notFound(const QString &code)
{
    return makeError(QStringLiteral("catalog.not_found"), QStringLiteral("There is no product with code %1").arg(code),
                     {{QStringLiteral("code"), code}});
}

std::optional<common::Error> validatePrice(domain::Tier tier, common::Rupiah price)
{
    if (price <= 0 || price > common::kMaxRupiah)
        return invalid(QStringLiteral("price_") + domain::tierName(tier),
                       QStringLiteral("The %1 price must be between %2 and %3 (got %4)")
                           .arg(domain::tierName(tier), common::formatRupiah(1),
                                common::formatRupiah(common::kMaxRupiah), QString::number(price)));
    return std::nullopt;
}

/// The editable fields (everything but code and id).
std::optional<common::Error> validate(const Product &p)
{
    const QString name = p.name.trimmed();
    if (name.isEmpty())
        return invalid(QStringLiteral("name"), QStringLiteral("The product needs a name"));
    if (name.size() > kMaxNameLength)
        return invalid(QStringLiteral("name"),
                       QStringLiteral("The product name is longer than %1 characters").arg(kMaxNameLength));
    if (p.category.trimmed().size() > kMaxNameLength)
        return invalid(QStringLiteral("category"),
                       QStringLiteral("The category is longer than %1 characters").arg(kMaxNameLength));
    if (p.description.size() > kMaxTextLength || p.terms.size() > kMaxTextLength)
        return invalid(QStringLiteral("description"),
                       QStringLiteral("The description and terms may have at most %1 characters").arg(kMaxTextLength));
    for (auto tier : {domain::Tier::Bronze, domain::Tier::Silver, domain::Tier::Gold}) {
        if (auto e = validatePrice(tier, p.priceFor(tier)))
            return e;
    }
    if (p.lowStockThreshold < 0)
        return invalid(QStringLiteral("low_stock_threshold"),
                       QStringLiteral("The low-stock threshold cannot be negative"));
    return std::nullopt;
}

QVariantMap snapshot(const Product &p)
{
    return {{QStringLiteral("code"), p.code},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("category"), p.category},
            {QStringLiteral("kind"), domain::productKindName(p.kind)},
            {QStringLiteral("price_bronze"), p.priceBronze},
            {QStringLiteral("price_silver"), p.priceSilver},
            {QStringLiteral("price_gold"), p.priceGold},
            {QStringLiteral("active"), p.active},
            {QStringLiteral("low_stock_threshold"), p.lowStockThreshold}};
}

Result<std::optional<Product>> loadWhere(const QSqlDatabase &conn, const QString &where, const QVariant &arg)
{
    auto q = sql::run(conn,
                      QStringLiteral("SELECT ") + rows::productColumns() + QStringLiteral(" FROM products p WHERE ")
                          + where,
                      {arg}, QStringLiteral("reading a product"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Product>();
    return std::optional<Product>(rows::product(q.value()));
}

/// The product, or catalog.not_found.
Result<Product> require(const QSqlDatabase &conn, const QString &code)
{
    const QString normalized = domain::normalizeProductCode(code);
    auto p = loadWhere(conn, QStringLiteral("p.code = ?"), normalized);
    if (!p)
        return p.error();
    if (!p.value())
        return notFound(normalized);
    return **p;
}

Result<Product> requireId(const QSqlDatabase &conn, qint64 id)
{
    auto p = loadWhere(conn, QStringLiteral("p.id = ?"), id);
    if (!p)
        return p.error();
    if (!p.value())
        return makeError(QStringLiteral("catalog.not_found"), QStringLiteral("There is no product with id %1").arg(id));
    return **p;
}

} // namespace

Result<QList<Product>> CatalogRepository::list(bool includeInactive)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT ") + rows::productColumns() + QStringLiteral(" FROM products p ")
                          + (includeInactive ? QString() : QStringLiteral("WHERE p.active = 1 "))
                          + QStringLiteral("ORDER BY p.category, p.code"),
                      {}, QStringLiteral("listing products"));
    if (!q)
        return q.error();
    QList<Product> out;
    while (q.value().next())
        out << rows::product(q.value());
    return out;
}

Result<std::optional<Product>> CatalogRepository::byCode(const QString &code)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return loadWhere(*conn, QStringLiteral("p.code = ?"), domain::normalizeProductCode(code));
}

Result<std::optional<Product>> CatalogRepository::byId(qint64 id)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    return loadWhere(*conn, QStringLiteral("p.id = ?"), id);
}

Result<Product> CatalogRepository::create(const Product &product, const QString &actor)
{
    Product p = product;
    p.code = domain::normalizeProductCode(product.code);
    p.name = product.name.trimmed();
    p.category = product.category.trimmed();
    if (!domain::isValidProductCode(p.code))
        return invalid(QStringLiteral("code"),
                       QStringLiteral("The product code must be 1-20 letters, digits, '-' or '_' (got \"%1\")")
                           .arg(product.code.trimmed().left(40)));
    if (auto e = validate(p))
        return *e;

    const auto duplicate = [&p] {
        return makeError(QStringLiteral("catalog.duplicate_code"),
                         QStringLiteral("A product with code %1 already exists").arg(p.code),
                         {{QStringLiteral("code"), p.code}});
    };
    return sql::transact(*m_db, QStringLiteral("creating a product"), [&](QSqlDatabase &c) -> Result<Product> {
        auto existing = loadWhere(c, QStringLiteral("p.code = ?"), p.code);
        if (!existing)
            return existing.error();
        if (existing.value())
            return duplicate();
        const QString now = sql::nowDb();
        // ON CONFLICT: a product created by another instance since the check above is a duplicate.
        auto id = sql::insertId(c,
                                QStringLiteral("INSERT INTO products (code, name, description, terms, category, kind, "
                                               "price_bronze, price_silver, price_gold, active, low_stock_threshold, "
                                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                               "ON CONFLICT (code) DO NOTHING"),
                                {p.code, p.name, p.description, p.terms, p.category, domain::productKindName(p.kind),
                                 p.priceBronze, p.priceSilver, p.priceGold, p.active ? 1 : 0, p.lowStockThreshold, now,
                                 now},
                                QStringLiteral("creating a product"));
        if (!id)
            return id.error();
        if (!id.value())
            return duplicate();
        if (auto a = sql::audit(c, actor, QStringLiteral("product.create"), QStringLiteral("product:") + p.code, {},
                                snapshot(p));
            !a)
            return a.error();
        return requireId(c, **id);
    });
}

Result<Product> CatalogRepository::update(const Product &product, const QString &actor)
{
    Product p = product;
    p.name = product.name.trimmed();
    p.category = product.category.trimmed();
    if (auto e = validate(p))
        return *e;
    return sql::transact(*m_db, QStringLiteral("updating a product"), [&](QSqlDatabase &c) -> Result<Product> {
        auto before = p.id > 0 ? requireId(c, p.id) : require(c, p.code);
        if (!before)
            return before.error();
        p.id = before->id;
        p.code = before->code;
        auto q = sql::run(c,
                          QStringLiteral("UPDATE products SET name = ?, description = ?, terms = ?, category = ?, "
                                         "kind = ?, price_bronze = ?, price_silver = ?, price_gold = ?, active = ?, "
                                         "low_stock_threshold = ?, updated_at = ? WHERE id = ?"),
                          {p.name, p.description, p.terms, p.category, domain::productKindName(p.kind), p.priceBronze,
                           p.priceSilver, p.priceGold, p.active ? 1 : 0, p.lowStockThreshold, sql::nowDb(), p.id},
                          QStringLiteral("updating a product"));
        if (!q)
            return q.error();
        if (auto a = sql::audit(c, actor, QStringLiteral("product.update"), QStringLiteral("product:") + p.code,
                                snapshot(*before), snapshot(p));
            !a)
            return a.error();
        return requireId(c, p.id);
    });
}

Result<Product> CatalogRepository::setPrice(const QString &code, domain::Tier tier, common::Rupiah price,
                                            const QString &actor)
{
    if (auto e = validatePrice(tier, price))
        return *e;
    return sql::transact(*m_db, QStringLiteral("setting a price"), [&](QSqlDatabase &c) -> Result<Product> {
        auto before = require(c, code);
        if (!before)
            return before.error();
        // The column name comes from the Tier enum, never from user text.
        auto q = sql::run(
            c,
            QStringLiteral("UPDATE products SET price_%1 = ?, updated_at = ? WHERE id = ?").arg(domain::tierName(tier)),
            {price, sql::nowDb(), before->id}, QStringLiteral("setting a price"));
        if (!q)
            return q.error();
        const QString tierKey = domain::tierName(tier);
        if (auto a = sql::audit(c, actor, QStringLiteral("product.set_price"),
                                QStringLiteral("product:") + before->code, {{tierKey, before->priceFor(tier)}},
                                {{tierKey, price}});
            !a)
            return a.error();
        return requireId(c, before->id);
    });
}

Result<Product> CatalogRepository::setDescription(const QString &code, const QString &text, const QString &actor)
{
    if (text.size() > kMaxTextLength)
        return invalid(QStringLiteral("description"),
                       QStringLiteral("The description may have at most %1 characters").arg(kMaxTextLength));
    return sql::transact(*m_db, QStringLiteral("setting a description"), [&](QSqlDatabase &c) -> Result<Product> {
        auto before = require(c, code);
        if (!before)
            return before.error();
        auto q = sql::run(c, QStringLiteral("UPDATE products SET description = ?, updated_at = ? WHERE id = ?"),
                          {text.trimmed(), sql::nowDb(), before->id}, QStringLiteral("setting a description"));
        if (!q)
            return q.error();
        if (auto a = sql::audit(c, actor, QStringLiteral("product.set_description"),
                                QStringLiteral("product:") + before->code,
                                {{QStringLiteral("description"), before->description}},
                                {{QStringLiteral("description"), text.trimmed()}});
            !a)
            return a.error();
        return requireId(c, before->id);
    });
}

Result<void> CatalogRepository::deactivate(const QString &code, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("deactivating a product"), [&](QSqlDatabase &c) -> Result<void> {
        auto before = require(c, code);
        if (!before)
            return before.error();
        if (!before->active)
            return {};
        auto q = sql::run(c, QStringLiteral("UPDATE products SET active = 0, updated_at = ? WHERE id = ?"),
                          {sql::nowDb(), before->id}, QStringLiteral("deactivating a product"));
        if (!q)
            return q.error();
        return sql::audit(c, actor, QStringLiteral("product.deactivate"), QStringLiteral("product:") + before->code,
                          {{QStringLiteral("active"), true}}, {{QStringLiteral("active"), false}});
    });
}

} // namespace kedai::store
