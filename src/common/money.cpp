#include "common/money.h"

#include <QRegularExpression>

namespace kedai::common {

QString formatRupiah(Rupiah amount)
{
    const bool negative = amount < 0;
    QString digits = QString::number(negative ? -amount : amount);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char('.'));
    return (negative ? QStringLiteral("-Rp ") : QStringLiteral("Rp ")) + digits;
}

std::optional<Rupiah> parseRupiah(const QString &text)
{
    QString s = text.trimmed();
    if (s.startsWith(QLatin1String("rp"), Qt::CaseInsensitive))
        s = s.mid(2).trimmed();
    static const QRegularExpression grouped(QStringLiteral("^\\d{1,3}([.,]\\d{3})+$"));
    static const QRegularExpression plain(QStringLiteral("^\\d+$"));
    if (grouped.match(s).hasMatch()) {
        s.remove(QLatin1Char('.'));
        s.remove(QLatin1Char(','));
    } else if (!plain.match(s).hasMatch()) {
        return std::nullopt;
    }
    if (s.size() > 13)
        return std::nullopt;
    bool ok = false;
    const qint64 value = s.toLongLong(&ok);
    if (!ok || value > kMaxRupiah)
        return std::nullopt;
    return value;
}

std::optional<Rupiah> multiplyRupiah(Rupiah unit, qint64 qty)
{
    if (unit < 0 || qty < 0)
        return std::nullopt;
    if (qty != 0 && unit > kMaxRupiah / qty)
        return std::nullopt;
    return unit * qty;
}

} // namespace kedai::common
