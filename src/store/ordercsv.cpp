#include "store/ordercsv.h"

#include "domain/order.h"

#include <QStringList>

namespace kedai::store {

using common::makeError;
using common::Result;

namespace {

QString localTime(const QDateTime &when)
{
    return when.isValid() ? when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString number(qint64 value)
{
    return QString::number(value);
}

} // namespace

QString OrderCsv::field(const QString &text)
{
    QString out = text;
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!out.isEmpty() && formulaStarts.contains(out.front()))
        out.prepend(QLatin1Char('\''));
    if (out.contains(QLatin1Char(',')) || out.contains(QLatin1Char('"')) || out.contains(QLatin1Char('\n'))
        || out.contains(QLatin1Char('\r'))) {
        out.replace(QLatin1Char('"'), QLatin1String("\"\""));
        out = QLatin1Char('"') + out + QLatin1Char('"');
    }
    return out;
}

QString OrderCsv::header()
{
    return QStringLiteral("ref,created,paid,delivered,status,method,customer_phone,customer_name,product_code,"
                          "product,qty,unit_price,total,unique_code,payable\r\n");
}

QString OrderCsv::line(const domain::Order &o)
{
    const QStringList fields{field(o.ref),
                             localTime(o.createdAt),
                             localTime(o.paidAt),
                             localTime(o.deliveredAt),
                             domain::orderStatusName(o.status),
                             domain::paymentMethodName(o.method),
                             field(o.customerPhone),
                             field(o.customerName),
                             field(o.productCode),
                             field(o.productName),
                             number(o.qty),
                             number(o.unitPrice),
                             number(o.total),
                             number(o.uniqueCode),
                             number(o.payable)};
    return fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

Result<qint64> OrderCsv::write(OrderRepository &orders, OrderFilter filter, QIODevice &out, const Progress &progress,
                               int pageSize)
{
    const auto put = [&out](const QString &text) { return out.write(text.toUtf8()) >= 0; };
    const auto writeFailed = [&out] {
        return makeError(QStringLiteral("export.write_failed"),
                         QStringLiteral("Could not write the file: %1").arg(out.errorString()));
    };
    if (out.write("\xEF\xBB\xBF", 3) != 3 || !put(header()))
        return writeFailed();
    filter.beforeId = 0;
    filter.afterId = 0;
    filter.ids.clear();
    filter.offset = 0;
    filter.limit = qBound(1, pageSize, 10'000);
    qint64 written = 0;
    for (;;) {
        if (progress && !progress(written))
            return makeError(QStringLiteral("export.cancelled"), QStringLiteral("The export was cancelled"));
        auto page = orders.list(filter);
        if (!page)
            return page.error();
        QString chunk;
        for (const domain::Order &o : page.value())
            chunk += line(o);
        if (!put(chunk))
            return writeFailed();
        written += page->size();
        if (page->size() < filter.limit)
            break;
        filter.beforeId = page->last().id;
    }
    if (progress)
        progress(written);
    return written;
}

} // namespace kedai::store
