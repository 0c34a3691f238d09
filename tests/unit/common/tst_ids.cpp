#include "common/ids.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace kedai::common;

class TestIds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizePhone_data();
    void normalizePhone();
    void orderRefIsWellFormed();
    void orderRefsAreUniqueAndUseTheWholeAlphabet();
    void randomToken();
};

void TestIds::normalizePhone_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("international") << QStringLiteral("+62 812-3456-7890") << QStringLiteral("6281234567890");
    QTest::newRow("local 08") << QStringLiteral("0812 3456 7890") << QStringLiteral("6281234567890");
    QTest::newRow("already digits") << QStringLiteral("6281234567890") << QStringLiteral("6281234567890");
    QTest::newRow("brackets and dots") << QStringLiteral("(0812) 3456.7890") << QStringLiteral("6281234567890");
    QTest::newRow("short local") << QStringLiteral("08123456") << QStringLiteral("628123456");
    QTest::newRow("other country kept") << QStringLiteral("+1 415 555 0100") << QStringLiteral("14155550100");
    QTest::newRow("shortest") << QStringLiteral("123456") << QStringLiteral("123456");
    QTest::newRow("too short") << QStringLiteral("12345") << QString();
    QTest::newRow("too short after 62") << QStringLiteral("0812") << QString();
    QTest::newRow("too long") << QStringLiteral("1").repeated(21) << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("letters") << QStringLiteral("0812abc") << QString();
    QTest::newRow("whatsapp jid") << QStringLiteral("628123456@c.us") << QString();
    QTest::newRow("comma") << QStringLiteral("0812,3456") << QString();
}

void TestIds::normalizePhone()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(kedai::common::normalizePhone(input), expected);
}

void TestIds::orderRefIsWellFormed()
{
    // Local time just after midnight in Jakarta is still the previous day in UTC: refs use UTC.
    const QDateTime when(QDate(2026, 11, 21), QTime(0, 30), QTimeZone(7 * 3600));
    const QString ref = newOrderRef(when);
    static const QRegularExpression re(QStringLiteral("^KD\\d{6}[2-9A-HJ-NP-Z]{6}$"));
    QVERIFY2(re.match(ref).hasMatch(), qPrintable(ref));
    QCOMPARE(ref.mid(2, 6), QStringLiteral("261120"));
}

void TestIds::orderRefsAreUniqueAndUseTheWholeAlphabet()
{
    // 500 refs in a 32^6 space collide with probability ~1e-4: a duplicate means broken randomness.
    const QDateTime when = QDateTime::currentDateTimeUtc();
    QSet<QString> refs;
    QSet<QChar> used;
    for (int i = 0; i < 500; ++i) {
        const QString ref = newOrderRef(when);
        refs.insert(ref);
        for (const QChar c : ref.mid(8))
            used.insert(c);
    }
    QCOMPARE(refs.size(), 500);
    QCOMPARE(used.size(), 32); // all of 2-9 and A-Z without I and O, over 3000 characters
    for (const QChar c : {QLatin1Char('0'), QLatin1Char('1'), QLatin1Char('I'), QLatin1Char('O')})
        QVERIFY(!used.contains(c));
}

void TestIds::randomToken()
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
    const QString a = kedai::common::randomToken();
    QCOMPARE(a.size(), 48);
    QVERIFY(hex.match(a).hasMatch());
    QVERIFY(a != kedai::common::randomToken());
    QCOMPARE(kedai::common::randomToken(5).size(), 10);
    QCOMPARE(kedai::common::randomToken(1).size(), 2);
}

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
