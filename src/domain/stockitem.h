#pragma once

#include <QDateTime>
#include <QString>

namespace kedai::domain {

/// available -> reserved -> sold, or back to available; void = removed by staff (never sold).
enum class StockStatus { Available, Reserved, Sold, Void };
QString stockStatusName(StockStatus status);
StockStatus parseStockStatus(const QString &text);

/// One deliverable line; sold at most once.
struct StockItem
{
    qint64 id = 0;
    qint64 productId = 0;
    QString content;
    StockStatus status = StockStatus::Available;
    qint64 orderId = 0;
    QDateTime createdAt;
};

} // namespace kedai::domain
