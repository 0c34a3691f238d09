#include "bot/templates.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using kedai::bot::Templates;

class TestTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bothLanguagesHaveTheSameKeysAndPlaceholders()
    {
        auto keysOf = [](const QString &lang) {
            QFile f(QStringLiteral(":/templates/%1.json").arg(lang));
            if (!f.open(QIODevice::ReadOnly))
                return QJsonObject();
            return QJsonDocument::fromJson(f.readAll()).object();
        };
        const QJsonObject id = keysOf(QStringLiteral("id"));
        const QJsonObject en = keysOf(QStringLiteral("en"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(id.keys(), en.keys());
        static const QRegularExpression ph(QStringLiteral("\\{([a-z_]+)\\}"));
        for (const QString &key : id.keys()) {
            if (key.startsWith(QLatin1Char('_')))
                continue;
            auto placeholders = [](const QString &text) {
                QStringList out;
                for (auto it = ph.globalMatch(text); it.hasNext();)
                    out << it.next().captured(1);
                out.sort();
                out.removeDuplicates();
                return out;
            };
            QCOMPARE(placeholders(en.value(key).toString()), placeholders(id.value(key).toString()));
        }
    }

    void render()
    {
        auto t = Templates::load(QStringLiteral("id"));
        QVERIFY(t);
        const QString text = t->render(QStringLiteral("saldo"), {{QStringLiteral("saldo"), QStringLiteral("Rp 5.000")},
                                                                 {QStringLiteral("tier"), QStringLiteral("gold")}});
        QVERIFY(text.contains(QStringLiteral("Rp 5.000")));
        QVERIFY(text.contains(QStringLiteral("gold")));
        QVERIFY(!text.contains(QLatin1Char('{')));
    }

    void valuesAreNotSubstitutedTwice()
    {
        auto t = Templates::load(QStringLiteral("en"));
        QVERIFY(t);
        const QString text = t->render(QStringLiteral("search.none"),
                                       {{QStringLiteral("term"), QStringLiteral("{shop}")}});
        QVERIFY(text.contains(QStringLiteral("\"{shop}\"")));
    }

    void missingKeyDoesNotCrash()
    {
        auto t = Templates::load(QStringLiteral("id"));
        QVERIFY(t);
        QCOMPARE(t->render(QStringLiteral("no.such.key")), QStringLiteral("[no.such.key]"));
    }

    void unknownLanguageIsAnError() { QVERIFY(!Templates::load(QStringLiteral("xx"))); }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
