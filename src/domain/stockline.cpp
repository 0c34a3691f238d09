#include "domain/stockline.h"

namespace kedai::domain {

QStringList StockLine::labels()
{
    return {QStringLiteral("Email"), QStringLiteral("Password"), QStringLiteral("Profil"), QStringLiteral("PIN"),
            QStringLiteral("2FA")};
}

QList<QPair<QString, QString>> StockLine::labelled(const QString &line)
{
    const QStringList parts = line.split(QLatin1Char('|'));
    QList<QPair<QString, QString>> out;
    if (parts.size() == 1) {
        out.append({QStringLiteral("Kode"), parts.first().trimmed()});
        return out;
    }
    const QStringList names = labels();
    for (int i = 0; i < parts.size(); ++i) {
        const QString value = parts.at(i).trimmed();
        if (value.isEmpty() || value == QLatin1String("-"))
            continue;
        const QString label = i < names.size() ? names.at(i) : QStringLiteral("Info %1").arg(i - names.size() + 1);
        out.append({label, value});
    }
    return out;
}

QStringList StockLine::splitPasted(const QString &text)
{
    QStringList out;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        out << line;
    }
    return out;
}

} // namespace kedai::domain
