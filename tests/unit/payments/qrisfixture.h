#pragma once

// The real QRIS strings of ../shared/fixtures/qris/qris_samples_parsed.json (PROTOCOLS.md §5),
// copied into the repository at tests/fixtures/qris/ because CI checks out the repository alone.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace kedai::test {

struct QrisSample
{
    QString name;
    QString qris;
    QString crc;
    bool isStatic = true;
    QList<QPair<QString, QString>> tlv; ///< top-level tag and value, in payload order
};

inline QString qrisFixturePath()
{
    // ctest sets KEDAI_SOURCE_DIR; a test binary started by hand falls back to its source folder.
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../..");
#endif
    return root + QStringLiteral("/tests/fixtures/qris/qris_samples_parsed.json");
}

/// Every sample of the fixture, static ones first; empty if the file cannot be read.
inline QList<QrisSample> loadQrisSamples()
{
    QFile file(qrisFixturePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QList<QrisSample> samples;
    for (const QString &group : {QStringLiteral("static"), QStringLiteral("dynamic_real")}) {
        for (const QJsonValue &v : root.value(group).toArray()) {
            const QJsonObject o = v.toObject();
            QrisSample s;
            s.name = o.value(QStringLiteral("name")).toString();
            s.qris = o.value(QStringLiteral("qris")).toString();
            s.crc = o.value(QStringLiteral("crc")).toString();
            s.isStatic = group == QStringLiteral("static");
            for (const QJsonValue &t : o.value(QStringLiteral("tlv")).toArray()) {
                const QJsonObject field = t.toObject();
                s.tlv.append(
                    {field.value(QStringLiteral("tag")).toString(), field.value(QStringLiteral("value")).toString()});
            }
            samples.append(s);
        }
    }
    return samples;
}

inline QrisSample qrisSample(const QString &name)
{
    for (const QrisSample &s : loadQrisSamples()) {
        if (s.name == name)
            return s;
    }
    return {};
}

} // namespace kedai::test
