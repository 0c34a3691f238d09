#include "payments/bitmapfont.h"
#include "payments/dynamicqris.h"
#include "payments/emv.h"
#include "payments/qrimage.h"
#include "qrisfixture.h"
#include "zxingdecode.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <climits>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace kedai;
using namespace kedai::payments;

namespace {

/// A minimal PNG reader for what encodeGrayPng() writes (8-bit grayscale, filter 0), written
/// here from the PNG specification so the test does not trust the encoder's own idea of PNG.
/// The independent libpng check is in tst_qrimageqt.
struct DecodedPng
{
    GrayBitmap bitmap;
    QString problem;
};

quint32 pngCrc(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data) {
        crc ^= quint8(byte);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

DecodedPng readPng(const QByteArray &png)
{
    DecodedPng out;
    if (!png.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8))) {
        out.problem = QStringLiteral("no PNG signature");
        return out;
    }
    QByteArray idat;
    qsizetype pos = 8;
    bool ended = false;
    while (pos + 12 <= png.size() && !ended) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + pos);
        const QByteArray typeAndData = png.mid(pos + 4, 4 + length);
        const quint32 crc = qFromBigEndian<quint32>(png.constData() + pos + 8 + length);
        if (crc != pngCrc(typeAndData)) {
            out.problem = QStringLiteral("bad CRC in chunk ") + QString::fromLatin1(typeAndData.left(4));
            return out;
        }
        const QByteArray type = typeAndData.left(4);
        const QByteArray data = typeAndData.mid(4);
        if (type == "IHDR") {
            out.bitmap.width = int(qFromBigEndian<quint32>(data.constData()));
            out.bitmap.height = int(qFromBigEndian<quint32>(data.constData() + 4));
            if (data.mid(8) != QByteArray("\x08\x00\x00\x00\x00", 5)) {
                out.problem = QStringLiteral("not 8-bit grayscale without interlace");
                return out;
            }
        } else if (type == "IDAT") {
            idat += data;
        } else if (type == "IEND") {
            ended = true;
        }
        pos += 12 + length;
    }
    if (!ended || pos != png.size()) {
        out.problem = QStringLiteral("missing IEND or trailing bytes");
        return out;
    }
    const qsizetype rawSize = qsizetype(out.bitmap.width + 1) * out.bitmap.height;
    QByteArray prefixed(4, '\0');
    qToBigEndian(quint32(rawSize), prefixed.data());
    const QByteArray raw = qUncompress(prefixed + idat);
    if (raw.size() != rawSize) {
        out.problem = QStringLiteral("inflated %1 bytes, expected %2").arg(raw.size()).arg(rawSize);
        return out;
    }
    // Filters 0 (none) and 2 (up, the row above added modulo 256) are what a grayscale
    // encoder needs; the others (sub, average, Paeth) are refused so the test notices a change.
    for (int y = 0; y < out.bitmap.height; ++y) {
        const qsizetype rowStart = qsizetype(y) * (out.bitmap.width + 1);
        const int filter = int(raw.at(rowStart));
        if (filter != 0 && filter != 2) {
            out.problem = QStringLiteral("row %1 uses filter %2").arg(y).arg(filter);
            return out;
        }
        QByteArray row = raw.mid(rowStart + 1, out.bitmap.width);
        if (filter == 2 && y > 0) {
            const char *above = out.bitmap.pixels.constData() + qsizetype(y - 1) * out.bitmap.width;
            for (int x = 0; x < out.bitmap.width; ++x)
                row[x] = char(uchar(row.at(x)) + uchar(above[x]));
        }
        out.bitmap.pixels += row;
    }
    return out;
}

QString decode(const GrayBitmap &b)
{
    return test::decodeQr(b.row(0), b.width, b.height, b.width);
}

struct QrGeometry
{
    int module = 0;     ///< pixels per module
    int left = 0;       ///< white columns left of the code
    int top = 0;        ///< white rows above the code
    int right = 0;      ///< white columns right of the code
    int codeBottom = 0; ///< first row below the code
};

/// Finds the code from its top-left finder pattern: a black run of 7 modules.
QrGeometry measure(const GrayBitmap &b)
{
    QrGeometry g;
    g.top = -1;
    for (int y = 0; y < b.height && g.top < 0; ++y) {
        for (int x = 0; x < b.width; ++x) {
            if (b.pixelAt(x, y) == 0) {
                g.top = y;
                g.left = x;
                break;
            }
        }
    }
    int run = 0;
    while (g.left + run < b.width && b.pixelAt(g.left + run, g.top) == 0)
        ++run;
    g.module = run / 7;
    int lastBlack = 0;
    for (int x = 0; x < b.width; ++x) {
        if (b.pixelAt(x, g.top) == 0)
            lastBlack = x;
    }
    g.right = b.width - 1 - lastBlack;
    // The code is square: its bottom edge is as far below the top as its width.
    g.codeBottom = g.top + (lastBlack + 1 - g.left);
    return g;
}

bool rowsWhite(const GrayBitmap &b, int from, int to)
{
    for (int y = from; y < to; ++y) {
        for (int x = 0; x < b.width; ++x) {
            if (b.pixelAt(x, y) != 255)
                return false;
        }
    }
    return true;
}

/// Black pixels in rows [from, to), and the horizontal extent of the ink.
struct Ink
{
    int pixels = 0;
    int minX = INT_MAX;
    int maxX = -1;
};

Ink inkIn(const GrayBitmap &b, int from, int to)
{
    Ink ink;
    for (int y = from; y < to; ++y) {
        for (int x = 0; x < b.width; ++x) {
            if (b.pixelAt(x, y) == 0) {
                ++ink.pixels;
                ink.minX = std::min(ink.minX, x);
                ink.maxX = std::max(ink.maxX, x);
            }
        }
    }
    return ink;
}

QString dynamicPayload(const QString &sample, common::Rupiah amount)
{
    const auto r = makeDynamicQris(test::qrisSample(sample).qris, amount);
    return r.ok() ? *r : QString();
}

} // namespace

class TestQrImage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsWithoutGui();
    void roundTripThroughPng_data();
    void roundTripThroughPng();
    void geometry();
    void textUnderTheCode();
    void decodingCanFail();
    void writesAtomicallyWithMode0644();
    void writeFailureLeavesNothing();
    void rejects_data();
    void rejects();
    void fontCoversShopText();

private:
    QTemporaryDir m_dir;
};

void TestQrImage::runsWithoutGui()
{
    // The daemon has a QCoreApplication only; so does this test (QTEST_GUILESS_MAIN).
    QVERIFY(QCoreApplication::instance());
    QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
}

void TestQrImage::roundTripThroughPng_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("shopName");
    QTest::addColumn<qint64>("amount");
    for (const test::QrisSample &s : test::loadQrisSamples()) {
        if (!s.isStatic) {
            QTest::addRow("real %s", qPrintable(s.name)) << s.qris << QStringLiteral("Toko") << 0LL;
            continue;
        }
        QList<qint64> amounts{50023LL, 1LL, 1250000LL, 9999999999LL};
        // A run of consecutive amounts (the kode unik of one price), and amounts whose CRC is
        // below 0x1000 and below 0x100: the leading zeros some converters drop.
        for (qint64 a = 35001; a <= 35020; ++a)
            amounts << a;
        bool found1000 = false, found100 = false;
        for (qint64 a = 10000; a < 210000 && !(found1000 && found100); ++a) {
            const uint crc = dynamicPayload(s.name, a).right(4).toUInt(nullptr, 16);
            if ((!found1000 && crc >= 0x100 && crc < 0x1000) || (!found100 && crc < 0x100)) {
                (crc < 0x100 ? found100 : found1000) = true;
                amounts << a;
            }
        }
        QVERIFY2(found1000 && found100, qPrintable(s.name));
        for (const qint64 amount : std::as_const(amounts)) {
            QTest::addRow("%s %lld", qPrintable(s.name), amount)
                << dynamicPayload(s.name, amount) << parseEmv(s.qris)->merchantName() << amount;
        }
    }
    QTest::newRow("static as is") << test::qrisSample(QStringLiteral("spin_spinpay")).qris << QStringLiteral("SPIN")
                                  << 0LL;
}

void TestQrImage::roundTripThroughPng()
{
    QFETCH(QString, payload);
    QFETCH(QString, shopName);
    QFETCH(qint64, amount);
    QVERIFY(!payload.isEmpty());
    const QString path = m_dir.filePath(QStringLiteral("qris.png"));
    const auto written = writeQrisPng(payload, shopName, amount, path);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QCOMPARE(*written, path);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const DecodedPng png = readPng(file.readAll());
    QVERIFY2(png.problem.isEmpty(), qPrintable(png.problem));
    QVERIFY2(png.bitmap.width >= 600 && png.bitmap.width <= 800, qPrintable(QString::number(png.bitmap.width)));
    QCOMPARE(decode(png.bitmap), payload);

    // The PNG holds exactly the rendered pixels.
    const auto bitmap = renderQrisBitmap(payload, shopName, amount);
    QVERIFY(bitmap.ok());
    QCOMPARE(png.bitmap.width, bitmap->width);
    QCOMPARE(png.bitmap.height, bitmap->height);
    QVERIFY(png.bitmap.pixels == bitmap->pixels);
}

void TestQrImage::geometry()
{
    const QString payload = dynamicPayload(QStringLiteral("lx_digital_nobu"), 50023);
    const auto b = renderQrisBitmap(payload, QStringLiteral("LX DIGITAL"), 50023);
    QVERIFY(b.ok());
    const QrGeometry g = measure(*b);
    QVERIFY2(g.module >= 8, qPrintable(QString::number(g.module))); // ~57 modules in ~720 px
    QCOMPARE(g.left, 4 * g.module);                                 // the quiet zone: 4 modules
    QCOMPARE(g.top, g.left);
    QCOMPARE(g.right, g.left);
    // Below the code: the quiet zone stays white before the text starts.
    QVERIFY(rowsWhite(*b, g.codeBottom, g.codeBottom + 4 * g.module));
    QCOMPARE(b->width, g.left * 2 + (g.codeBottom - g.top));

    // A wider quiet zone when asked for, never a narrower one.
    QrisImageOptions wide;
    wide.quietZoneModules = 6;
    const auto w = renderQrisBitmap(payload, QString(), 0, wide);
    QVERIFY(w.ok());
    const QrGeometry wg = measure(*w);
    QCOMPARE(wg.left, 6 * wg.module);
    QrisImageOptions narrow;
    narrow.quietZoneModules = 1;
    const auto n = renderQrisBitmap(payload, QString(), 0, narrow);
    QVERIFY(n.ok());
    const QrGeometry ng = measure(*n);
    QCOMPARE(ng.left, 4 * ng.module);
}

void TestQrImage::textUnderTheCode()
{
    const QString payload = dynamicPayload(QStringLiteral("warung_sayur_dana"), 50023);
    const auto plain = renderQrisBitmap(payload, QString(), 0);
    QVERIFY(plain.ok());
    QCOMPARE(plain->height, plain->width); // no text, no extra rows

    const auto withText = renderQrisBitmap(payload, QStringLiteral("Warung Sayur Bu Sugeng"), 50023);
    QVERIFY(withText.ok());
    QVERIFY(withText->height > withText->width + 40);
    const int side = withText->width;
    // The code itself is the same; only the rows under it differ.
    QVERIFY(withText->pixels.left(qsizetype(side) * side) == plain->pixels);
    const Ink ink = inkIn(*withText, side, withText->height);
    QVERIFY(ink.pixels > 500);
    const int margin = measure(*withText).left;
    QVERIFY2(ink.minX >= margin && ink.maxX < side - margin, "text runs into the side margins");
    // Centred.
    QVERIFY(std::abs((ink.minX + ink.maxX) / 2 - side / 2) <= 6);

    // The amount line is drawn from the amount: one rupiah more changes it, the name line stays.
    const auto other = renderQrisBitmap(payload, QStringLiteral("Warung Sayur Bu Sugeng"), 50024);
    QVERIFY(other.ok());
    QCOMPARE(other->height, withText->height);
    QVERIFY(other->pixels != withText->pixels);

    // "Rp 50.023" (9 glyphs) is drawn larger than it would be at the minimum scale.
    const auto amountOnly = renderQrisBitmap(payload, QString(), 50023);
    QVERIFY(amountOnly.ok());
    const Ink amountInk = inkIn(*amountOnly, side, amountOnly->height);
    QVERIFY(amountInk.maxX - amountInk.minX + 1 > BitmapFont::textWidth(9, 4));

    // A name far longer than QRIS allows is cut to fit, not drawn past the edges.
    const auto longName = renderQrisBitmap(payload, QString(80, QLatin1Char('W')), 0);
    QVERIFY(longName.ok());
    const Ink longInk = inkIn(*longName, side, longName->height);
    QVERIFY(longInk.pixels > 0);
    QVERIFY(longInk.minX >= margin && longInk.maxX < side - margin);
}

void TestQrImage::decodingCanFail()
{
    // The checks above would notice a wrong code: another payload decodes differently, and a
    // damaged image does not decode at all.
    const QString a = dynamicPayload(QStringLiteral("family_farm_gojek"), 50023);
    const QString b = dynamicPayload(QStringLiteral("family_farm_gojek"), 50024);
    QVERIFY(a != b);
    const auto imageA = renderQrisBitmap(a, QStringLiteral("FAMILY FARM"), 50023);
    QVERIFY(imageA.ok());
    QCOMPARE(decode(*imageA), a);
    QVERIFY(decode(*imageA) != b);

    GrayBitmap damaged = *imageA;
    const QrGeometry g = measure(damaged);
    damaged.fillRect(g.left, g.top, (g.codeBottom - g.top) / 2, (g.codeBottom - g.top) / 2, 255);
    QVERIFY(decode(damaged).isNull());
}

void TestQrImage::writesAtomicallyWithMode0644()
{
    const QString path = m_dir.filePath(QStringLiteral("order-17.png"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older image");
    }
#ifdef Q_OS_UNIX
    const mode_t oldMask = ::umask(077); // mode 0644 whatever the daemon's umask
#endif
    const QString payload = dynamicPayload(QStringLiteral("anjani_gojek"), 75000);
    const auto written = writeQrisPng(payload, QStringLiteral("Anjani"), 75000, path);
#ifdef Q_OS_UNIX
    ::umask(oldMask);
#endif
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));
    QCOMPARE(QFileInfo(path).permissions(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
                                                | QFile::ReadGroup | QFile::ReadOther);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const DecodedPng png = readPng(file.readAll());
    QVERIFY2(png.problem.isEmpty(), qPrintable(png.problem));
    QCOMPARE(decode(png.bitmap), payload);
}

void TestQrImage::writeFailureLeavesNothing()
{
    const QString path = m_dir.filePath(QStringLiteral("missing-dir/qris.png"));
    const auto written = writeQrisPng(dynamicPayload(QStringLiteral("semilir_dana"), 5000), QString(), 5000, path);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, QStringLiteral("qris.write_failed"));
    QVERIFY2(written.error().message.contains(path), qPrintable(written.error().message));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));
}

void TestQrImage::rejects_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty payload") << QString() << 5000LL << "qris.image_invalid";
    QTest::newRow("NUL in payload") << QStringLiteral("0002") + QChar(u'\0') + QStringLiteral("01") << 5000LL
                                    << "qris.image_invalid";
    QTest::newRow("negative amount") << QStringLiteral("000201") << -1LL << "qris.image_invalid";
    QTest::newRow("too long for a QR code") << QString(4000, QLatin1Char('x')) << 5000LL << "qris.image_too_large";
}

void TestQrImage::rejects()
{
    QFETCH(QString, payload);
    QFETCH(qint64, amount);
    QFETCH(QString, code);
    const auto bitmap = renderQrisBitmap(payload, QStringLiteral("Toko"), amount);
    QVERIFY(!bitmap.ok());
    QCOMPARE(bitmap.error().code, code);
    const QString path = m_dir.filePath(QStringLiteral("rejected.png"));
    const auto written = writeQrisPng(payload, QStringLiteral("Toko"), amount, path);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, code);
    QVERIFY(!QFile::exists(path));
}

void TestQrImage::fontCoversShopText()
{
    const QString required = QStringLiteral(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,:-'/&()+");
    for (const QChar c : required)
        QVERIFY2(BitmapFont::hasGlyph(c.unicode()), qPrintable(QString(c)));
    QCOMPARE(BitmapFont::printable(QStringLiteral("Kopi Café Ñoño ☕")), QStringLiteral("Kopi Cafe Nono ?"));
    // Distinct shapes: no two required characters share a glyph (a copy-paste slip would).
    for (qsizetype i = 0; i < required.size(); ++i) {
        for (qsizetype j = i + 1; j < required.size(); ++j) {
            QVERIFY2(BitmapFont::glyph(required[i].unicode()) != BitmapFont::glyph(required[j].unicode()),
                     qPrintable(QString(required[i]) + QLatin1Char('/') + required[j]));
        }
    }
    QCOMPARE(BitmapFont::textWidth(0, 3), 0);
    QCOMPARE(BitmapFont::textWidth(9, 2), (9 * 6 - 1) * 2);
}

QTEST_GUILESS_MAIN(TestQrImage)
#include "tst_qrimage.moc"
