#include "payments/dynamicqris.h"
#include "payments/emv.h"
#include "qrisfixture.h"

#include <QTest>

Q_DECLARE_METATYPE(kedai::test::QrisSample)

using namespace kedai;
using namespace kedai::payments;

namespace {

// ---- The reference: the common conversion written out literally (PROTOCOLS.md §5.3) ----------
// A line-by-line port of verssache/qris-dinamis (qris.php) and its clones, kept independent of
// the library on purpose: its own CRC loop, plain string operations, no parsing.

/// ConvertCRC16() of the scripts, except the padding: they pad a 3-digit result only, which
/// breaks CRCs below 0x100 (PROTOCOLS.md §5.2). Here every result is padded to 4 digits.
QString referenceCrc16(const QByteArray &str)
{
    quint32 crc = 0xFFFF;
    for (const char ch : str) {
        crc ^= quint32(quint8(ch)) << 8;
        for (int i = 0; i < 8; ++i) {
            if (crc & 0x8000)
                crc = (crc << 1) ^ 0x1021;
            else
                crc = crc << 1;
        }
    }
    const quint32 hex = crc & 0xFFFF;
    return QString::asprintf("%04X", hex);
}

QString referenceDynamic(QString qris, const QString &qty)
{
    qris.chop(4);                                                     // 1. drop the old CRC value
    qris.replace(QStringLiteral("010211"), QStringLiteral("010212")); // 2. static → dynamic
    const QStringList tmp = qris.split(QStringLiteral("5802ID"));     // 3. split at the country
    const QString uang = QStringLiteral("54") + QString::asprintf("%02d", int(qty.size())) + qty;
    QString fix = tmp.at(0).trimmed() + uang + QStringLiteral("5802ID") + tmp.at(1).trimmed();
    // 4. (the optional fee) is not used.
    fix += referenceCrc16(fix.toLatin1()); // 5. the string still ends with "6304" here
    return fix;
}

/// The first amount >= `from` whose converted code has a CRC in [low, high).
common::Rupiah findAmountWithCrcIn(const QString &staticQris, common::Rupiah from, uint low, uint high)
{
    for (common::Rupiah amount = from; amount < from + 200000; ++amount) {
        const uint crc = referenceDynamic(staticQris, QString::number(amount)).right(4).toUInt(nullptr, 16);
        if (crc >= low && crc < high)
            return amount;
    }
    return -1;
}

QString tlv(const QString &tag, const QString &value)
{
    return tag + QStringLiteral("%1").arg(value.size(), 2, 10, QLatin1Char('0')) + value;
}

/// A static code built from fields, with a valid CRC, for inputs the fixture does not have.
QString staticWith(const QString &fields)
{
    const QString body = fields + QStringLiteral("6304");
    return body + crc16CcittFalse(body.toLatin1());
}

QString errorText(const common::Result<QString> &r)
{
    if (r.ok())
        return QStringLiteral("ok: ") + *r;
    return r.error().code + QStringLiteral(": ") + r.error().message;
}

} // namespace

class TestDynamicQris : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void referenceIsRight();
    void matchesReference_data();
    void matchesReference();
    void zeroPaddedCrc_data();
    void zeroPaddedCrc();
    void matchesRealDynamicCode();
    void rejects_data();
    void rejects();

private:
    QList<test::QrisSample> m_statics;
};

void TestDynamicQris::initTestCase()
{
    for (const test::QrisSample &s : test::loadQrisSamples()) {
        if (s.isStatic)
            m_statics.append(s);
    }
    QCOMPARE(m_statics.size(), 8);
}

void TestDynamicQris::referenceIsRight()
{
    // The reference is only worth comparing with if it is right itself.
    QCOMPARE(referenceCrc16("123456789"), QStringLiteral("29B1"));
    for (const test::QrisSample &s : m_statics)
        QCOMPARE(referenceCrc16(s.qris.left(s.qris.size() - 4).toLatin1()), s.crc);
}

void TestDynamicQris::matchesReference_data()
{
    QTest::addColumn<test::QrisSample>("sample");
    QTest::addColumn<qint64>("amount");
    const qint64 amounts[] = {1,     9,     10,    99,     100,     999,          1000,        10000,
                              12345, 50023, 99999, 100000, 1250000, 4294967296LL, 9999999999LL};
    for (const test::QrisSample &s : test::loadQrisSamples()) {
        if (!s.isStatic)
            continue;
        for (const qint64 amount : amounts)
            QTest::addRow("%s %lld", qPrintable(s.name), amount) << s << amount;
    }
}

void TestDynamicQris::matchesReference()
{
    QFETCH(test::QrisSample, sample);
    QFETCH(qint64, amount);
    const auto converted = makeDynamicQris(sample.qris, amount);
    QVERIFY2(converted.ok(), qPrintable(errorText(converted)));
    QCOMPARE(*converted, referenceDynamic(sample.qris, QString::number(amount)));

    const auto parsed = parseEmv(*converted);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QVERIFY(parsed->isDynamic());
    QCOMPARE(parsed->amount().value_or(-1), amount);
    // Every other field of the static code is still there, unchanged.
    for (const auto &[tag, value] : sample.tlv) {
        if (tag != QStringLiteral("01") && tag != QStringLiteral("63"))
            QCOMPARE(parsed->value(tag).value_or(QStringLiteral("<absent>")), value);
    }
    QCOMPARE(parsed->fields.size(), sample.tlv.size() + 1);
}

void TestDynamicQris::zeroPaddedCrc_data()
{
    // For every static sample, search amounts until the new CRC has one, then two, leading zero
    // nibbles: the scripts that pad only to 3 digits produce a broken code for the second kind.
    QTest::addColumn<test::QrisSample>("sample");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("crcPrefix");
    for (const test::QrisSample &s : test::loadQrisSamples()) {
        if (!s.isStatic)
            continue;
        const qint64 below0x1000 = findAmountWithCrcIn(s.qris, 10000, 0x100, 0x1000);
        const qint64 below0x100 = findAmountWithCrcIn(s.qris, 10000, 0, 0x100);
        QTest::addRow("%s %lld below 0x1000", qPrintable(s.name), below0x1000) << s << below0x1000 << "0";
        QTest::addRow("%s %lld below 0x100", qPrintable(s.name), below0x100) << s << below0x100 << "00";
    }
}

void TestDynamicQris::zeroPaddedCrc()
{
    QFETCH(test::QrisSample, sample);
    QFETCH(qint64, amount);
    QFETCH(QString, crcPrefix);
    QVERIFY2(amount > 0, "no amount with such a CRC found in the search range");
    const auto converted = makeDynamicQris(sample.qris, amount);
    QVERIFY2(converted.ok(), qPrintable(errorText(converted)));
    QCOMPARE(*converted, referenceDynamic(sample.qris, QString::number(amount)));
    const QString crc = converted->right(4);
    QVERIFY2(crc.startsWith(crcPrefix), qPrintable(crc));
    QVERIFY2(crc.at(crcPrefix.size()) != QLatin1Char('0') || crcPrefix.size() == 2, qPrintable(crc));
    QVERIFY2(converted->endsWith(QStringLiteral("6304") + crc), qPrintable(*converted));
    QVERIFY(parseEmv(*converted).ok());
}

void TestDynamicQris::matchesRealDynamicCode()
{
    // The real DOKU dynamic code is this conversion plus a fixed fee (55 02 02, 56 03 500): without
    // the fee it must be exactly what makeDynamicQris() makes of the shop's static code.
    const test::QrisSample real = test::qrisSample(QStringLiteral("gureum_shop_doku_dynamic"));
    const test::QrisSample stat = test::qrisSample(QStringLiteral("gureum_shop_doku"));
    QVERIFY(!real.qris.isEmpty() && !stat.qris.isEmpty());
    QString withoutFee = real.qris.left(real.qris.size() - 4);
    QCOMPARE(withoutFee.count(QStringLiteral("5502025603500")), 1);
    withoutFee.remove(QStringLiteral("5502025603500"));
    withoutFee += crc16CcittFalse(withoutFee.toLatin1());

    const auto converted = makeDynamicQris(stat.qris, 1000);
    QVERIFY2(converted.ok(), qPrintable(errorText(converted)));
    QCOMPARE(*converted, withoutFee);
    // And a different amount gives a different code.
    QVERIFY(*makeDynamicQris(stat.qris, 1001) != withoutFee);
}

void TestDynamicQris::rejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const QString warung = test::qrisSample(QStringLiteral("warung_sayur_dana")).qris;
    const QString head = QStringLiteral("000201010211");
    const QString account = tlv(QStringLiteral("26"), tlv(QStringLiteral("00"), QStringLiteral("ID.DANA.WWW")));
    const QString tail = QStringLiteral("5802ID") + tlv(QStringLiteral("59"), QStringLiteral("TOKO"));

    for (const test::QrisSample &s : test::loadQrisSamples()) {
        if (!s.isStatic)
            QTest::addRow("dynamic %s", qPrintable(s.name)) << s.qris << 5000LL << "qris.already_dynamic"
                                                            << "already dynamic";
    }
    QTest::newRow("amount 0") << warung << 0LL << "qris.amount_out_of_range"
                              << "between Rp 1 and Rp 9.999.999.999, got Rp 0";
    QTest::newRow("amount negative") << warung << -5000LL << "qris.amount_out_of_range"
                                     << "got -Rp 5.000";
    QTest::newRow("amount 11 digits") << warung << 10000000000LL << "qris.amount_out_of_range"
                                      << "got Rp 10.000.000.000";
    QTest::newRow("bad crc") << warung.left(warung.size() - 1) + QLatin1Char('0') << 5000LL << "qris.crc_mismatch"
                             << "The static QRIS is not valid: QRIS CRC mismatch";
    QTest::newRow("empty") << QString() << 5000LL << "qris.malformed"
                           << "empty";
    QTest::newRow("cut") << warung.left(150) << 5000LL << "qris.truncated"
                         << "truncated";
    QTest::newRow("no tag 01") << staticWith(QStringLiteral("000201") + account + tail) << 5000LL << "qris.missing_tag"
                               << "no tag 01";
    QTest::newRow("tag 01 = 13") << staticWith(QStringLiteral("000201010213") + account + tail) << 5000LL
                                 << "qris.not_static"
                                 << "\"13\"";
    QTest::newRow("country MY") << staticWith(head + account + QStringLiteral("5802MY")) << 5000LL << "qris.not_id"
                                << "\"MY\"";
    QTest::newRow("has amount") << staticWith(head + account + QStringLiteral("54035005802ID")) << 5000LL
                                << "qris.has_amount"
                                << "tag 54 = \"500\"";
    QTest::newRow("010211 in name") << staticWith(head + account + QStringLiteral("5802ID")
                                                  + tlv(QStringLiteral("59"), QStringLiteral("TOKO 010211")))
                                    << 5000LL << "qris.ambiguous"
                                    << "\"010211\" inside other data";
    QTest::newRow("5802ID in account") << staticWith(
        head
        + tlv(QStringLiteral("26"), tlv(QStringLiteral("00"), QStringLiteral("ID.X.WWW"))
                                        + tlv(QStringLiteral("02"), QStringLiteral("5802ID")))
        + tail) << 5000LL << "qris.ambiguous"
                                       << "\"5802ID\" inside other data";
}

void TestDynamicQris::rejects()
{
    QFETCH(QString, input);
    QFETCH(qint64, amount);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    const auto converted = makeDynamicQris(input, amount);
    QVERIFY2(!converted.ok(), qPrintable(errorText(converted)));
    QCOMPARE(converted.error().code, code);
    QVERIFY2(converted.error().message.contains(messagePart), qPrintable(converted.error().message));
}

QTEST_GUILESS_MAIN(TestDynamicQris)
#include "tst_dynamicqris.moc"
