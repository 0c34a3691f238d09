#include "payments/emv.h"
#include "qrisfixture.h"

#include <QTest>

Q_DECLARE_METATYPE(kedai::test::QrisSample)

using namespace kedai;
using namespace kedai::payments;

namespace {

/// `body` (which must end right before the CRC) with "6304" and a valid CRC appended, for
/// payloads that are wrong in some other way.
QString withCrc(const QString &body)
{
    const QString withTag = body + QStringLiteral("6304");
    return withTag + crc16CcittFalse(withTag.toLatin1());
}

/// An optional value as text, so that QCOMPARE prints it.
QString shown(const std::optional<QString> &v)
{
    return v.value_or(QStringLiteral("<absent>"));
}

qint64 shown(const std::optional<common::Rupiah> &v)
{
    return v.value_or(-1);
}

QString tlv(const QString &tag, const QString &value)
{
    return tag + QStringLiteral("%1").arg(value.size(), 2, 10, QLatin1Char('0')) + value;
}

} // namespace

class TestEmv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void crcCheckValue();
    void crcIsZeroPadded();
    void parsesFixtureSamples_data();
    void parsesFixtureSamples();
    void fixtureCopyMatchesShared();
    void accessors();
    void tagOrderIsFree();
    void acceptsLowercaseCrc();
    void rejects_data();
    void rejects();
    void serializeRecomputesCrc();
    void serializeRefusesOversizedValues();
    void templateTags();
    void amountParsing_data();
    void amountParsing();

private:
    QList<test::QrisSample> m_samples;
};

void TestEmv::initTestCase()
{
    m_samples = test::loadQrisSamples();
    QVERIFY2(m_samples.size() == 11, qPrintable(QStringLiteral("fixture %1 gave %2 samples, expected 8 static + 3 "
                                                               "dynamic")
                                                    .arg(test::qrisFixturePath())
                                                    .arg(m_samples.size())));
}

void TestEmv::crcCheckValue()
{
    QCOMPARE(crc16CcittFalse("123456789"), QStringLiteral("29B1"));
    QCOMPARE(crc16CcittFalseValue("123456789"), quint16(0x29B1));
    QCOMPARE(crc16CcittFalse(""), QStringLiteral("FFFF")); // the initial value, nothing shifted in
    QCOMPARE(crc16CcittFalse("A"), QStringLiteral("B915"));
}

void TestEmv::crcIsZeroPadded()
{
    // Find inputs whose CRC has one and two leading zero nibbles: formatting must keep 4 digits.
    bool below0x1000 = false;
    bool below0x100 = false;
    for (int i = 0; i < 200000 && !(below0x1000 && below0x100); ++i) {
        const QByteArray input = "kedai-" + QByteArray::number(i);
        const quint16 value = crc16CcittFalseValue(input);
        const QString text = crc16CcittFalse(input);
        if (value < 0x1000 && value >= 0x100 && !below0x1000) {
            below0x1000 = true;
            QCOMPARE(text.size(), 4);
            QVERIFY2(text.startsWith(QLatin1Char('0')) && text.at(1) != QLatin1Char('0'), qPrintable(text));
        }
        if (value < 0x100 && !below0x100) {
            below0x100 = true;
            QCOMPARE(text.size(), 4);
            QVERIFY2(text.startsWith(QStringLiteral("00")), qPrintable(text));
        }
        QCOMPARE(text, QString::number(value, 16).toUpper().rightJustified(4, QLatin1Char('0')));
    }
    QVERIFY(below0x1000);
    QVERIFY(below0x100);
}

void TestEmv::parsesFixtureSamples_data()
{
    QTest::addColumn<test::QrisSample>("sample");
    for (const test::QrisSample &s : test::loadQrisSamples())
        QTest::newRow(qPrintable(s.name)) << s;
}

void TestEmv::parsesFixtureSamples()
{
    QFETCH(test::QrisSample, sample);
    const auto parsed = parseEmv(sample.qris);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->fields.size(), sample.tlv.size());
    for (qsizetype i = 0; i < sample.tlv.size(); ++i) {
        QCOMPARE(parsed->fields[i].tag, sample.tlv[i].first);
        QCOMPARE(parsed->fields[i].value, sample.tlv[i].second);
    }
    QCOMPARE(shown(parsed->value(u"63")), sample.crc);
    QCOMPARE(parsed->isDynamic(), !sample.isStatic);
    QCOMPARE(parsed->amount().has_value(), !sample.isStatic);
    // Templates: the sub-TLV rebuilds the raw value exactly.
    for (const EmvField &f : parsed->fields) {
        QCOMPARE(isEmvTemplateTag(f.tag), !f.children.isEmpty());
        QString rebuilt;
        for (const EmvField &c : f.children)
            rebuilt += tlv(c.tag, c.value);
        if (!f.children.isEmpty())
            QCOMPARE(rebuilt, f.value);
    }
    QCOMPARE(serializeEmv(*parsed), sample.qris);
}

void TestEmv::fixtureCopyMatchesShared()
{
    // The repository copy must not drift from the shared original (when it is around).
    QFile shared(qEnvironmentVariable("KEDAI_SOURCE_DIR")
                 + QStringLiteral("/../shared/fixtures/qris/qris_samples_parsed.json"));
    if (!shared.open(QIODevice::ReadOnly))
        QSKIP("shared fixtures not found (KEDAI_SOURCE_DIR/../shared/fixtures); the repository copy is used");
    QFile copy(test::qrisFixturePath());
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), shared.readAll());
}

void TestEmv::accessors()
{
    const auto warung = parseEmv(test::qrisSample(QStringLiteral("warung_sayur_dana")).qris);
    QVERIFY(warung.ok());
    QCOMPARE(warung->merchantName(), QStringLiteral("Warung Sayur Bu Sugeng"));
    QCOMPARE(warung->merchantCity(), QStringLiteral("Kab. Demak"));
    QCOMPARE(shown(warung->nmid()), QStringLiteral("ID1020017611473"));
    QCOMPARE(shown(warung->subValue(u"26", u"00")), QStringLiteral("ID.DANA.WWW"));
    QCOMPARE(shown(warung->subValue(u"26", u"03")), QStringLiteral("UMI"));
    QVERIFY(!warung->subValue(u"26", u"07"));
    QVERIFY(!warung->amountText());
    QVERIFY(!warung->amount());
    QVERIFY(!warung->isDynamic());

    const auto spin = parseEmv(test::qrisSample(QStringLiteral("spin_spinpay")).qris);
    QVERIFY(spin.ok());
    QCOMPARE(shown(spin->subValue(u"62", u"01")), QStringLiteral("***"));
    QCOMPARE(shown(spin->subValue(u"62", u"07")), QStringLiteral("A01"));

    const auto doku = parseEmv(test::qrisSample(QStringLiteral("gureum_shop_doku_dynamic")).qris);
    QVERIFY(doku.ok());
    QVERIFY(doku->isDynamic());
    QCOMPARE(shown(doku->amountText()), QStringLiteral("1000"));
    QCOMPARE(shown(doku->amount()), 1000LL);
    QCOMPARE(shown(doku->value(u"56")), QStringLiteral("500"));

    // OMBE KOFIE has no tag 51, so no NMID.
    const auto ombe = parseEmv(test::qrisSample(QStringLiteral("ombe_kofie_dynamic")).qris);
    QVERIFY(ombe.ok());
    QVERIFY(!ombe->field(u"51"));
    QVERIFY(!ombe->nmid());
    QCOMPARE(ombe->merchantName(), QStringLiteral("OMBE KOFIE-HO"));
    QCOMPARE(shown(ombe->amount()), 49500LL);
}

void TestEmv::tagOrderIsFree()
{
    // LinkAja puts 53, 55 and 54 after 62.
    const auto linkaja = parseEmv(test::qrisSample(QStringLiteral("spbu_linkaja_dynamic")).qris);
    QVERIFY(linkaja.ok());
    QStringList order;
    for (const EmvField &f : linkaja->fields)
        order << f.tag;
    QCOMPARE(order.join(QLatin1Char(' ')), QStringLiteral("00 01 26 51 52 58 59 60 61 62 53 55 54 63"));
    QCOMPARE(shown(linkaja->amount()), 300000LL);
    QCOMPARE(shown(linkaja->value(u"55")), QStringLiteral("01"));
    QCOMPARE(linkaja->merchantCity(), QStringLiteral("-"));
    QCOMPARE(shown(linkaja->nmid()), QStringLiteral("000000000000000"));
    QCOMPARE(shown(linkaja->subValue(u"51", u"00")), QStringLiteral("ID.OR.GPNQR.WWW"));
}

void TestEmv::acceptsLowercaseCrc()
{
    // Some generators print the CRC in lower case; the value is what counts.
    const QString upper = test::qrisSample(QStringLiteral("warung_sayur_dana")).qris;
    const QString lower = upper.left(upper.size() - 4) + upper.right(4).toLower();
    QVERIFY(lower != upper);
    QVERIFY(parseEmv(lower).ok());
}

void TestEmv::rejects_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const QString warung = test::qrisSample(QStringLiteral("warung_sayur_dana")).qris;
    const QString body = warung.left(warung.size() - 8); // without "6304" + CRC
    const QString minimal = QStringLiteral("000201") + QStringLiteral("010211") + QStringLiteral("5802ID");

    QTest::newRow("empty") << QString() << "qris.malformed"
                           << "empty";
    QTest::newRow("non-ASCII") << QString(warung).replace(QStringLiteral("Sayur"), QStringLiteral("Sayür"))
                               << "qris.not_ascii"
                               << "U+00FC at offset";
    QTest::newRow("trailing newline") << warung + QLatin1Char('\n') << "qris.not_ascii"
                                      << "control character 0x0a at offset 199";
    QTest::newRow("header cut") << QStringLiteral("0002015") << "qris.truncated"
                                << "offset 6 needs 4 characters";
    QTest::newRow("value cut") << QStringLiteral("0002015905ABC") << "qris.truncated"
                               << "tag 59 at offset 6 declares length 5 but only 3";
    QTest::newRow("cut in half") << warung.left(120) << "qris.truncated"
                                 << "declares length";
    QTest::newRow("non-digit id") << QStringLiteral("0002015A02ID") << "qris.malformed"
                                  << "2-digit tag ID at offset 6, found \"5A\"";
    QTest::newRow("non-digit length") << QStringLiteral("00020158X2ID") << "qris.malformed"
                                      << "length of tag 58 at offset 6 is not 2 decimal digits";
    QTest::newRow("not a QRIS") << QStringLiteral("https://example.com/pay") << "qris.malformed"
                                << "2-digit tag ID at offset 0";
    QTest::newRow("missing 00") << withCrc(body.mid(6)) << "qris.missing_tag"
                                << "no tag 00";
    QTest::newRow("missing 58") << withCrc(QString(body).remove(QStringLiteral("5802ID"))) << "qris.missing_tag"
                                << "no tag 58";
    QTest::newRow("missing 63") << body << "qris.missing_tag"
                                << "no tag 63";
    QTest::newRow("crc changed") << warung.left(warung.size() - 1) + QLatin1Char('8') << "qris.crc_mismatch"
                                 << "says 58C8 but its content gives 58C7";
    QTest::newRow("content changed") << QString(warung).replace(QStringLiteral("Sugeng"), QStringLiteral("Sugenk"))
                                     << "qris.crc_mismatch"
                                     << "CRC mismatch";
    QTest::newRow("crc not last") << warung + QStringLiteral("9903abc") << "qris.malformed"
                                  << "must be the last element, but 7 characters follow";
    QTest::newRow("crc 3 digits") << body + QStringLiteral("6303ABC") << "qris.malformed"
                                  << "must be 4 hex digits";
    QTest::newRow("crc not hex") << body + QStringLiteral("63040XYZ") << "qris.malformed"
                                 << "must be 4 hex digits";
    QTest::newRow("broken template") << withCrc(minimal + tlv(QStringLiteral("26"), QStringLiteral("0011ID.DANA")))
                                     << "qris.truncated"
                                     << "(template 26)";
    QTest::newRow("duplicate tag") << withCrc(minimal + tlv(QStringLiteral("59"), QStringLiteral("A"))
                                              + tlv(QStringLiteral("59"), QStringLiteral("B")))
                                   << "qris.malformed"
                                   << "tag 59 appears twice";
    QTest::newRow("format indicator 02") << withCrc(QStringLiteral("000202010211") + QStringLiteral("5802ID"))
                                         << "qris.malformed"
                                         << "payload format indicator";
}

void TestEmv::rejects()
{
    QFETCH(QString, payload);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    const auto parsed = parseEmv(payload);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, code);
    QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
}

void TestEmv::serializeRecomputesCrc()
{
    auto parsed = parseEmv(test::qrisSample(QStringLiteral("family_farm_gojek")).qris);
    QVERIFY(parsed.ok());
    EmvPayload edited = *parsed;
    for (EmvField &f : edited.fields) {
        if (f.tag == QLatin1String("59"))
            f.value = QStringLiteral("TOKO KEDAI");
    }
    // A CRC field in the middle is ignored: the new CRC always goes last.
    edited.fields.move(edited.fields.size() - 1, 3);
    const QString text = serializeEmv(edited);
    QVERIFY(text.contains(QStringLiteral("5910TOKO KEDAI")));
    const auto reparsed = parseEmv(text);
    QVERIFY2(reparsed.ok(), qPrintable(reparsed.ok() ? QString() : reparsed.error().message));
    QCOMPARE(reparsed->merchantName(), QStringLiteral("TOKO KEDAI"));
    QCOMPARE(reparsed->fields.constLast().tag, QStringLiteral("63"));
    QVERIFY(reparsed->value(u"63") != parsed->value(u"63"));
}

void TestEmv::serializeRefusesOversizedValues()
{
    EmvPayload payload;
    payload.fields = {{QStringLiteral("00"), QStringLiteral("01"), {}},
                      {QStringLiteral("59"), QString(100, QLatin1Char('A')), {}}};
    QVERIFY(serializeEmv(payload).isEmpty());
    payload.fields[1].value = QString(99, QLatin1Char('A'));
    QVERIFY(!serializeEmv(payload).isEmpty());
    payload.fields[1].tag = QStringLiteral("5");
    QVERIFY(serializeEmv(payload).isEmpty());
}

void TestEmv::templateTags()
{
    QVERIFY(!isEmvTemplateTag(u"25"));
    QVERIFY(isEmvTemplateTag(u"26"));
    QVERIFY(isEmvTemplateTag(u"45"));
    QVERIFY(isEmvTemplateTag(u"51"));
    QVERIFY(!isEmvTemplateTag(u"52"));
    QVERIFY(!isEmvTemplateTag(u"59"));
    QVERIFY(isEmvTemplateTag(u"62"));
    QVERIFY(!isEmvTemplateTag(u"63"));
    QVERIFY(!isEmvTemplateTag(u"2x"));
}

void TestEmv::amountParsing_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("rupiah"); // -1: no whole amount
    QTest::newRow("integer") << "25000" << 25000LL;
    QTest::newRow("two decimals zero") << "25000.00" << 25000LL;
    QTest::newRow("one decimal zero") << "25000.0" << 25000LL;
    QTest::newRow("fraction") << "25000.50" << -1LL;
    QTest::newRow("grouped") << "25.000" << -1LL; // three decimals is not an EMV amount
    QTest::newRow("letters") << "abc" << -1LL;
    QTest::newRow("negative") << "-5" << -1LL;
}

void TestEmv::amountParsing()
{
    QFETCH(QString, value);
    QFETCH(qint64, rupiah);
    EmvPayload payload;
    payload.fields = {{QStringLiteral("54"), value, {}}};
    QCOMPARE(shown(payload.amountText()), value);
    if (rupiah < 0)
        QVERIFY(!payload.amount());
    else
        QCOMPARE(shown(payload.amount()), rupiah);
}

QTEST_GUILESS_MAIN(TestEmv)
#include "tst_emv.moc"
