#include "payments/dynamicqris.h"
#include "payments/emv.h"
#include "payments/qrimageqt.h"
#include "qrisfixture.h"
#include "zxingdecode.h"

#include <QCoreApplication>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace kedai;
using namespace kedai::payments;

// The QImage side: libpng (through QImage) must read the PNG the library writes without QtGui,
// and renderQrisImage() must work under a plain QCoreApplication, as in the daemon.
class TestQrImageQt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void libpngReadsTheWrittenFile_data();
    void libpngReadsTheWrittenFile();
    void renderQrisImage();
    void renderQrisImageReportsErrors();

private:
    QTemporaryDir m_dir;
};

void TestQrImageQt::initTestCase()
{
    QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
    QVERIFY(m_dir.isValid());
}

void TestQrImageQt::libpngReadsTheWrittenFile_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<qint64>("amount");
    QTest::newRow("DANA 50.023") << "warung_sayur_dana" << 50023LL;
    QTest::newRow("GoPay 1.250.000") << "anjani_gojek" << 1250000LL;
    QTest::newRow("BNI 15.000") << "apotek_almaira_bni" << 15000LL;
}

void TestQrImageQt::libpngReadsTheWrittenFile()
{
    QFETCH(QString, sample);
    QFETCH(qint64, amount);
    const test::QrisSample s = test::qrisSample(sample);
    const auto payload = makeDynamicQris(s.qris, amount);
    QVERIFY(payload.ok());
    const QString path = m_dir.filePath(sample + QStringLiteral(".png"));
    const auto written = writeQrisPng(*payload, parseEmv(s.qris)->merchantName(), amount, path);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));

    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QVERIFY(image.width() >= 600 && image.width() <= 800);
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    QCOMPARE(test::decodeQr(gray.constBits(), gray.width(), gray.height(), int(gray.bytesPerLine())), *payload);
    // Pure black on pure white: nothing blurred or anti-aliased.
    QCOMPARE(gray.pixelColor(0, 0), QColor(Qt::white));
    int black = 0;
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *line = gray.constScanLine(y);
        for (int x = 0; x < gray.width(); ++x) {
            QVERIFY(line[x] == 0 || line[x] == 255);
            black += line[x] == 0;
        }
    }
    QVERIFY(black > 1000);
}

void TestQrImageQt::renderQrisImage()
{
    const auto payload = makeDynamicQris(test::qrisSample(QStringLiteral("gureum_shop_doku")).qris, 50023);
    QVERIFY(payload.ok());
    const auto image = payments::renderQrisImage(*payload, QStringLiteral("GUREUM SHOP"), 50023);
    QVERIFY2(image.ok(), qPrintable(image.ok() ? QString() : image.error().message));
    QCOMPARE(image->format(), QImage::Format_Grayscale8);
    const auto bitmap = renderQrisBitmap(*payload, QStringLiteral("GUREUM SHOP"), 50023);
    QVERIFY(bitmap.ok());
    QCOMPARE(image->size(), QSize(bitmap->width, bitmap->height));
    for (int y = 0; y < bitmap->height; ++y)
        QVERIFY(std::equal(bitmap->row(y), bitmap->row(y) + bitmap->width, image->constScanLine(y)));
    QCOMPARE(test::decodeQr(image->constBits(), image->width(), image->height(), int(image->bytesPerLine())), *payload);
}

void TestQrImageQt::renderQrisImageReportsErrors()
{
    const auto image = payments::renderQrisImage(QString(), QStringLiteral("Toko"), 5000);
    QVERIFY(!image.ok());
    QCOMPARE(image.error().code, QStringLiteral("qris.image_invalid"));
}

QTEST_GUILESS_MAIN(TestQrImageQt)
#include "tst_qrimageqt.moc"
