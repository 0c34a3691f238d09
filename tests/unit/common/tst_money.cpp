#include "common/money.h"

#include <QTest>

using namespace kedai::common;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatRupiah_data();
    void formatRupiah();
    void parseRupiah_data();
    void parseRupiah();
    void parseFormatRoundTrip();
    void multiplyRupiah_data();
    void multiplyRupiah();
};

void TestMoney::formatRupiah_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0LL << QStringLiteral("Rp 0");
    QTest::newRow("hundreds") << 500LL << QStringLiteral("Rp 500");
    QTest::newRow("thousand") << 1'000LL << QStringLiteral("Rp 1.000");
    QTest::newRow("typical") << 35'000LL << QStringLiteral("Rp 35.000");
    QTest::newRow("millions") << 1'234'567LL << QStringLiteral("Rp 1.234.567");
    QTest::newRow("max") << kMaxRupiah << QStringLiteral("Rp 1.000.000.000.000");
    QTest::newRow("negative") << -5'000LL << QStringLiteral("-Rp 5.000");
    QTest::newRow("negative small") << -7LL << QStringLiteral("-Rp 7");
}

void TestMoney::formatRupiah()
{
    QFETCH(qint64, amount);
    QFETCH(QString, text);
    QCOMPARE(kedai::common::formatRupiah(amount), text);
}

void TestMoney::parseRupiah_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("amount");
    QTest::newRow("plain") << QStringLiteral("50000") << true << 50'000LL;
    QTest::newRow("dots") << QStringLiteral("50.000") << true << 50'000LL;
    QTest::newRow("commas") << QStringLiteral("1,250,000") << true << 1'250'000LL;
    QTest::newRow("Rp prefix") << QStringLiteral("Rp 50.000") << true << 50'000LL;
    QTest::newRow("rp lower no space") << QStringLiteral("rp50,000") << true << 50'000LL;
    QTest::newRow("RP upper") << QStringLiteral("RP10000") << true << 10'000LL;
    QTest::newRow("surrounding spaces") << QStringLiteral("  25000 ") << true << 25'000LL;
    QTest::newRow("zero") << QStringLiteral("0") << true << 0LL;
    QTest::newRow("max") << QStringLiteral("1.000.000.000.000") << true << kMaxRupiah;
    QTest::newRow("empty") << QString() << false << 0LL;
    QTest::newRow("only Rp") << QStringLiteral("Rp") << false << 0LL;
    QTest::newRow("negative") << QStringLiteral("-5000") << false << 0LL;
    QTest::newRow("plus sign") << QStringLiteral("+5000") << false << 0LL;
    QTest::newRow("fraction") << QStringLiteral("5000.50") << false << 0LL;
    QTest::newRow("decimal comma") << QStringLiteral("12,5") << false << 0LL;
    QTest::newRow("bad grouping") << QStringLiteral("50.00") << false << 0LL;
    QTest::newRow("group too long") << QStringLiteral("5000.000") << false << 0LL;
    QTest::newRow("letters") << QStringLiteral("lima ribu") << false << 0LL;
    QTest::newRow("suffix k") << QStringLiteral("50k") << false << 0LL;
    QTest::newRow("scientific") << QStringLiteral("5e4") << false << 0LL;
    QTest::newRow("hex") << QStringLiteral("0x10") << false << 0LL;
    QTest::newRow("above max") << QStringLiteral("1000000000001") << false << 0LL;
    QTest::newRow("overflow") << QStringLiteral("99999999999999999999999") << false << 0LL;
    QTest::newRow("inner space") << QStringLiteral("50 000") << false << 0LL;
}

void TestMoney::parseRupiah()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, amount);
    const auto parsed = kedai::common::parseRupiah(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, amount);
}

void TestMoney::parseFormatRoundTrip()
{
    for (qint64 amount : {0LL, 1LL, 999LL, 1'000LL, 35'000LL, 1'234'567LL, kMaxRupiah}) {
        const auto back = kedai::common::parseRupiah(kedai::common::formatRupiah(amount));
        QVERIFY(back.has_value());
        QCOMPARE(*back, amount);
    }
}

void TestMoney::multiplyRupiah_data()
{
    QTest::addColumn<qint64>("unit");
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("product");
    QTest::newRow("simple") << 25'000LL << 3LL << true << 75'000LL;
    QTest::newRow("qty zero") << 25'000LL << 0LL << true << 0LL;
    QTest::newRow("unit zero") << 0LL << 5LL << true << 0LL;
    QTest::newRow("exactly max") << kMaxRupiah << 1LL << true << kMaxRupiah;
    QTest::newRow("half max twice") << kMaxRupiah / 2 << 2LL << true << kMaxRupiah;
    QTest::newRow("just above max") << kMaxRupiah / 2 + 1 << 2LL << false << 0LL;
    QTest::newRow("max twice") << kMaxRupiah << 2LL << false << 0LL;
    QTest::newRow("int64 overflow") << kMaxRupiah << std::numeric_limits<qint64>::max() << false << 0LL;
    QTest::newRow("negative unit") << -1LL << 2LL << false << 0LL;
    QTest::newRow("negative qty") << 1'000LL << -2LL << false << 0LL;
}

void TestMoney::multiplyRupiah()
{
    QFETCH(qint64, unit);
    QFETCH(qint64, qty);
    QFETCH(bool, valid);
    QFETCH(qint64, product);
    const auto total = kedai::common::multiplyRupiah(unit, qty);
    QCOMPARE(total.has_value(), valid);
    if (valid)
        QCOMPARE(*total, product);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
