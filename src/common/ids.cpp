#include "common/ids.h"

#include <QRandomGenerator>

namespace kedai::common {

QString newOrderRef(const QDateTime &when)
{
    static const char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    QString ref = QStringLiteral("KD") + when.toUTC().toString(QStringLiteral("yyMMdd"));
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < 6; ++i)
        ref += QLatin1Char(kAlphabet[rng->bounded(32)]);
    return ref;
}

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    for (int i = (bytes / 4) * 4; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

QString normalizePhone(const QString &text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit())
            digits += c;
        else if (c == QLatin1Char('+') || c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('(')
                 || c == QLatin1Char(')') || c == QLatin1Char('.'))
            continue;
        else
            return {};
    }
    if (digits.startsWith(QLatin1Char('0')))
        digits = QStringLiteral("62") + digits.mid(1);
    if (digits.size() < 6 || digits.size() > 20)
        return {};
    return digits;
}

} // namespace kedai::common
