// The stock item half of CatalogRepository (products are in catalogrepository.cpp).

#include "store/catalogrepository.h"

#include "domain/stockline.h"
#include "store/rows.h"
#include "store/sqlutil.h"

#include <QSet>

namespace kedai::store {

using common::makeError;
using common::Result;

namespace {

/// The product's code, or catalog.not_found.
Result<QString> productCode(const QSqlDatabase &conn, qint64 productId)
{
    auto code = sql::scalar(conn, QStringLiteral("SELECT code FROM products WHERE id = ?"), {productId},
                            QStringLiteral("reading a product"));
    if (!code)
        return code.error();
    if (code->isNull())
        return makeError(QStringLiteral("catalog.not_found"),
                         QStringLiteral("There is no product with id %1").arg(productId));
    return code->toString();
}

bool isAcceptableLine(const QString &line)
{
    if (line.toUtf8().size() > domain::StockLine::kMaxLength)
        return false;
    // One line is one item: embedded line breaks would merge two deliveries into one.
    for (const QChar c : line) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QChar(0))
            return false;
    }
    return true;
}

} // namespace

Result<AddStockResult> CatalogRepository::addStock(qint64 productId, const QStringList &lines, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("adding stock"), [&](QSqlDatabase &c) -> Result<AddStockResult> {
        auto code = productCode(c, productId);
        if (!code)
            return code.error();

        AddStockResult result;
        QSet<QString> seen;
        const QString now = sql::nowDb();
        for (const QString &raw : lines) {
            const QString line = raw.trimmed();
            if (line.isEmpty())
                continue;
            if (!isAcceptableLine(line)) {
                result.rejected << line;
                continue;
            }
            if (seen.contains(line)) {
                result.duplicatesInInput << line;
                continue;
            }
            seen.insert(line);
            // The unique index (product, content) of non-void items decides, also against a
            // concurrent paste of the same line by someone else.
            auto q = sql::run(c,
                              QStringLiteral("INSERT INTO stock_items (product_id, content, status, created_at) "
                                             "VALUES (?, ?, 'available', ?) ON CONFLICT DO NOTHING"),
                              {productId, line, now}, QStringLiteral("adding stock"));
            if (!q)
                return q.error();
            if (q.value().numRowsAffected() == 0) {
                result.duplicatesExisting << line;
                continue;
            }
            ++result.added;
        }
        // Counts only: the audit log must never hold deliverable content.
        if (auto a = sql::audit(c, actor, QStringLiteral("stock.add"), QStringLiteral("product:") + *code, {},
                                {{QStringLiteral("added"), result.added},
                                 {QStringLiteral("duplicates_in_input"), result.duplicatesInInput.size()},
                                 {QStringLiteral("duplicates_existing"), result.duplicatesExisting.size()},
                                 {QStringLiteral("rejected"), result.rejected.size()}});
            !a)
            return a.error();
        return result;
    });
}

Result<int> CatalogRepository::voidUnsold(qint64 productId, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("removing unsold stock"), [&](QSqlDatabase &c) -> Result<int> {
        auto code = productCode(c, productId);
        if (!code)
            return code.error();
        auto q = sql::run(c,
                          QStringLiteral("UPDATE stock_items SET status = 'void' WHERE product_id = ? "
                                         "AND status = 'available'"),
                          {productId}, QStringLiteral("removing unsold stock"));
        if (!q)
            return q.error();
        const int count = q.value().numRowsAffected();
        if (auto a = sql::audit(c, actor, QStringLiteral("stock.void_unsold"), QStringLiteral("product:") + *code, {},
                                {{QStringLiteral("voided"), count}});
            !a)
            return a.error();
        return count;
    });
}

Result<int> CatalogRepository::voidItem(qint64 itemId, const QString &actor)
{
    return sql::transact(*m_db, QStringLiteral("removing a stock item"), [&](QSqlDatabase &c) -> Result<int> {
        auto status = sql::scalar(c, QStringLiteral("SELECT status FROM stock_items WHERE id = ?"), {itemId},
                                  QStringLiteral("reading a stock item"));
        if (!status)
            return status.error();
        if (status->isNull())
            return makeError(QStringLiteral("catalog.item_not_found"),
                             QStringLiteral("There is no stock item with id %1").arg(itemId));
        const QString current = status->toString();
        if (current == QLatin1String("void"))
            return 0;
        if (current != QLatin1String("available"))
            return makeError(QStringLiteral("catalog.item_not_voidable"),
                             QStringLiteral("Stock item %1 is %2 and cannot be removed").arg(itemId).arg(current),
                             {{QStringLiteral("status"), current}});
        auto q = sql::run(c,
                          QStringLiteral(
                              "UPDATE stock_items SET status = 'void' WHERE id = ? AND status = 'available'"),
                          {itemId}, QStringLiteral("removing a stock item"));
        if (!q)
            return q.error();
        const int count = q.value().numRowsAffected();
        if (auto a = sql::audit(c, actor, QStringLiteral("stock.void"),
                                QStringLiteral("stock_item:") + QString::number(itemId),
                                {{QStringLiteral("status"), current}},
                                {{QStringLiteral("status"), QStringLiteral("void")}});
            !a)
            return a.error();
        return count;
    });
}

Result<QList<domain::StockItem>> CatalogRepository::stockItems(qint64 productId, bool includeSoldAndVoid)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT ") + rows::stockItemColumns()
                          + QStringLiteral(" FROM stock_items WHERE product_id = ? ")
                          + (includeSoldAndVoid ? QString()
                                                : QStringLiteral("AND status IN ('available', 'reserved') "))
                          + QStringLiteral("ORDER BY id"),
                      {productId}, QStringLiteral("listing stock items"));
    if (!q)
        return q.error();
    QList<domain::StockItem> out;
    while (q.value().next())
        out << rows::stockItem(q.value());
    return out;
}

Result<QStringList> CatalogRepository::existingContents(qint64 productId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT content FROM stock_items WHERE product_id = ? AND status <> 'void' "
                                     "ORDER BY id"),
                      {productId}, QStringLiteral("reading stock contents"));
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out << q.value().value(0).toString();
    return out;
}

} // namespace kedai::store

// ---- Paging and counts for the desktop's stock view (issue 6)
namespace kedai::store {

namespace {

constexpr int kMaxPage = 5000;
/// Values per IN (...) list: far below SQLite's limit of bound variables.
constexpr int kInChunk = 500;

} // namespace

qint64 StockCounts::of(domain::StockStatus status) const
{
    switch (status) {
    case domain::StockStatus::Available: return available;
    case domain::StockStatus::Reserved: return reserved;
    case domain::StockStatus::Sold: return sold;
    case domain::StockStatus::Void: return voided;
    }
    return 0;
}

Result<QList<domain::StockItem>> CatalogRepository::stockItemsPage(qint64 productId, qint64 afterId, int limit,
                                                                   std::optional<domain::StockStatus> status)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QVariantList args{productId, afterId};
    QString where = QStringLiteral("WHERE product_id = ? AND id > ? ");
    if (status) {
        where += QStringLiteral("AND status = ? ");
        args << domain::stockStatusName(*status);
    }
    args << qBound(1, limit, kMaxPage);
    // Same columns as rows::stockItemColumns(), the content of sold items cut in SQL. The index
    // (product_id, id) makes every page as fast as the first.
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT id, product_id, CASE WHEN status = 'sold' THEN substr(content, 1, 3) "
                                     "ELSE content END AS content, status, order_id, created_at FROM stock_items ")
                          + where + QStringLiteral("ORDER BY id LIMIT ?"),
                      args, QStringLiteral("listing stock items"));
    if (!q)
        return q.error();
    QList<domain::StockItem> out;
    while (q.value().next())
        out << rows::stockItem(q.value());
    return out;
}

Result<StockCounts> CatalogRepository::stockCounts(qint64 productId)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT status, COUNT(*) FROM stock_items WHERE product_id = ? GROUP BY status"),
                      {productId}, QStringLiteral("counting stock items"));
    if (!q)
        return q.error();
    StockCounts counts;
    while (q.value().next()) {
        const qint64 n = q.value().value(1).toLongLong();
        switch (domain::parseStockStatus(q.value().value(0).toString())) {
        case domain::StockStatus::Available: counts.available += n; break;
        case domain::StockStatus::Reserved: counts.reserved += n; break;
        case domain::StockStatus::Sold: counts.sold += n; break;
        case domain::StockStatus::Void: counts.voided += n; break;
        }
    }
    return counts;
}

Result<QSet<QString>> CatalogRepository::linesInStock(qint64 productId, const QStringList &lines)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QSet<QString> found;
    for (qsizetype start = 0; start < lines.size(); start += kInChunk) {
        const QStringList chunk = lines.mid(start, kInChunk);
        QVariantList args{productId};
        QStringList marks;
        for (const QString &line : chunk) {
            args << line;
            marks << QStringLiteral("?");
        }
        auto q = sql::run(*conn,
                          QStringLiteral("SELECT content FROM stock_items WHERE product_id = ? AND status <> 'void' "
                                         "AND content IN (")
                              + marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                          args, QStringLiteral("checking stock contents"));
        if (!q)
            return q.error();
        while (q.value().next())
            found.insert(q.value().value(0).toString());
    }
    return found;
}

} // namespace kedai::store
