#pragma once

// A small Prometheus text-format checker for tests (PROTOCOLS.md section 7): the subset of
// `promtool check metrics` that our own output can get wrong.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>

namespace kedai::test {

namespace promcheck_detail {

inline bool parseValue(const QString &text, double *value)
{
    if (text == QLatin1String("+Inf")) {
        *value = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == QLatin1String("-Inf")) {
        *value = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == QLatin1String("NaN")) {
        *value = std::nan("");
        return true;
    }
    bool ok = false;
    *value = text.toDouble(&ok);
    return ok;
}

struct Bucket
{
    double le = 0;
    double count = 0;
};

} // namespace promcheck_detail

/// Empty when `text` is a valid exposition, else the first problem found (with its line).
inline QString checkExposition(const QByteArray &text)
{
    using namespace promcheck_detail;
    if (text.isEmpty() || !text.endsWith('\n'))
        return QStringLiteral("the text does not end with a newline");

    static const QRegularExpression kType(
        QStringLiteral("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$"));
    static const QRegularExpression kSample(QStringLiteral(
        R"re(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (\S+)( -?[0-9]+)?$)re"));
    static const QRegularExpression kLabel(QStringLiteral(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")re"));

    QHash<QString, QString> types;
    QSet<QString> closed; // families whose block has ended: they must not reappear
    QString current;
    QMap<QString, QList<Bucket>> buckets; // family + labels without le
    QMap<QString, double> counts;

    const auto enterFamily = [&](const QString &family) -> bool {
        if (family == current)
            return true;
        if (!current.isEmpty())
            closed.insert(current);
        current = family;
        return !closed.contains(family);
    };

    const QList<QByteArray> lines = text.left(text.size() - 1).split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i));
        const QString where = QStringLiteral("line %1 \"%2\": ").arg(i + 1).arg(line);
        if (line.startsWith(QLatin1String("# TYPE"))) {
            const auto m = kType.match(line);
            if (!m.hasMatch())
                return where + QStringLiteral("malformed TYPE line");
            const QString name = m.captured(1);
            if (types.contains(name))
                return where + QStringLiteral("second TYPE for the metric");
            if (!enterFamily(name) || buckets.contains(name) || counts.contains(name))
                return where + QStringLiteral("TYPE after the metric's samples or its family was split");
            types.insert(name, m.captured(2));
            continue;
        }
        if (line.startsWith(QLatin1Char('#')))
            continue;
        if (line.isEmpty())
            return where + QStringLiteral("empty line");

        const auto m = kSample.match(line);
        if (!m.hasMatch())
            return where + QStringLiteral("malformed sample");
        const QString name = m.captured(1);
        double value = 0;
        if (!parseValue(m.captured(4), &value))
            return where + QStringLiteral("value is not a number");

        QString family = name;
        QString suffix;
        for (const char *s : {"_bucket", "_sum", "_count"}) {
            const QString candidate = name.left(name.size() - qsizetype(qstrlen(s)));
            if (name.endsWith(QLatin1String(s))
                && (types.value(candidate) == QLatin1String("histogram")
                    || types.value(candidate) == QLatin1String("summary"))) {
                family = candidate;
                suffix = QLatin1String(s);
            }
        }
        if (!types.contains(family))
            return where + QStringLiteral("sample without a preceding TYPE");
        if (!enterFamily(family))
            return where + QStringLiteral("the metric family is split by another metric");
        if (types.value(family) != QLatin1String("histogram"))
            continue;

        QStringList labels;
        QString le;
        auto it = kLabel.globalMatch(m.captured(3));
        while (it.hasNext()) {
            const auto label = it.next();
            if (label.captured(1) == QLatin1String("le"))
                le = label.captured(2);
            else
                labels.append(label.captured(0));
        }
        labels.sort();
        const QString series = family + QLatin1Char('{') + labels.join(QLatin1Char(',')) + QLatin1Char('}');
        if (suffix == QLatin1String("_bucket")) {
            double bound = 0;
            if (le.isEmpty() || !parseValue(le, &bound))
                return where + QStringLiteral("bucket without a numeric le label");
            buckets[series].append({bound, value});
        } else if (suffix == QLatin1String("_count")) {
            counts.insert(series, value);
        }
    }

    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it) {
        const QList<Bucket> &list = it.value();
        for (int i = 1; i < list.size(); ++i) {
            if (list[i].le <= list[i - 1].le)
                return it.key() + QStringLiteral(": le bounds are not increasing");
            if (list[i].count < list[i - 1].count)
                return it.key() + QStringLiteral(": buckets are not cumulative");
        }
        if (!std::isinf(list.last().le))
            return it.key() + QStringLiteral(": no le=\"+Inf\" bucket");
        if (!counts.contains(it.key()) || counts.value(it.key()) != list.last().count)
            return it.key() + QStringLiteral(": the +Inf bucket differs from _count");
    }
    return {};
}

} // namespace kedai::test
