#include "bot/catalogsearch.h"

#include <QTest>

using kedai::bot::CatalogSearch;
using kedai::domain::Product;

namespace {
QList<Product> catalog()
{
    auto make = [](const char *code, const char *name, const char *category, bool active = true) {
        Product p;
        p.code = QString::fromLatin1(code);
        p.name = QString::fromLatin1(name);
        p.category = QString::fromLatin1(category);
        p.active = active;
        return p;
    };
    return {make("NF1", "Netflix Premium 1 Bulan", "Streaming"),
            make("NF3", "Netflix Premium 3 Bulan", "Streaming"),
            make("VIU1", "Viu Premium", "Streaming"),
            make("ML86", "Mobile Legends 86 Diamond", "Game"),
            make("GP50", "Google Play 50rb", "Voucher"),
            make("OLD1", "Disney Hotstar", "Streaming", false)};
}
} // namespace

class TestCatalogSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void search_data()
    {
        QTest::addColumn<QString>("term");
        QTest::addColumn<QStringList>("firstCodes");

        QTest::newRow("exact code") << "nf1" << QStringList{"NF1"};
        QTest::newRow("code prefix") << "nf" << QStringList{"NF1", "NF3"};
        QTest::newRow("name word") << "netflix" << QStringList{"NF1", "NF3"};
        QTest::newRow("category") << "game" << QStringList{"ML86"};
        QTest::newRow("typo") << "netflik" << QStringList{"NF1", "NF3"};
        QTest::newRow("second word") << "legends" << QStringList{"ML86"};
        QTest::newRow("inactive hidden") << "disney" << QStringList{};
        QTest::newRow("nothing") << "zzzzzz" << QStringList{};
        QTest::newRow("empty") << "   " << QStringList{};
    }

    void search()
    {
        QFETCH(QString, term);
        QFETCH(QStringList, firstCodes);
        const auto found = CatalogSearch::search(catalog(), term);
        QStringList codes;
        for (const auto &p : found)
            codes << p.code;
        QCOMPARE(codes.mid(0, firstCodes.size()), firstCodes);
        if (firstCodes.isEmpty())
            QVERIFY(codes.isEmpty());
    }

    void suggest_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("suggestion");
        QTest::newRow("one letter off") << "NF2"
                                        << "NF1";
        QTest::newRow("missing digit") << "VIU"
                                       << "VIU1";
        QTest::newRow("name instead of code") << "netflix"
                                              << "NF1";
        QTest::newRow("far away") << "QQQQQQQQ"
                                  << "";
    }

    void suggest()
    {
        QFETCH(QString, typed);
        QFETCH(QString, suggestion);
        const auto s = CatalogSearch::suggest(catalog(), typed);
        QCOMPARE(s ? s->code : QString(), suggestion);
    }

    void editDistance()
    {
        QCOMPARE(CatalogSearch::editDistance(QStringLiteral("kitten"), QStringLiteral("sitting")), 3);
        QCOMPARE(CatalogSearch::editDistance(QString(), QStringLiteral("abc")), 3);
        QCOMPARE(CatalogSearch::editDistance(QStringLiteral("nf1"), QStringLiteral("nf1")), 0);
    }
};

QTEST_GUILESS_MAIN(TestCatalogSearch)
#include "tst_catalogsearch.moc"
