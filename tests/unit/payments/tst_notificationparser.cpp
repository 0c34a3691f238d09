#include "payments/notificationparser.h"

#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace kedai;
using namespace kedai::payments;

// About the notification texts below: we have NO captured notifications from the real apps.
// The texts are modelled on the formats these apps are known to use (wording seen in their
// store listings, help pages and users' screenshots: "Kamu menerima Rp50.023 dari …",
// "Dana masuk", "Uang masuk", "IDR 50,023.00", "Rp 50.023,00", balance lines after the
// amount), written by hand. They show what the parser understands; they do not prove that an
// app prints exactly this today. Replace or extend them with captured payloads when a shop
// forwards real ones.

namespace {

qint64 shown(const std::optional<common::Rupiah> &v)
{
    return v.value_or(-1);
}

PaymentNotification notification(const QString &package, const QString &title, const QString &text)
{
    PaymentNotification n;
    n.packageName = package;
    n.title = title;
    n.text = text;
    return n;
}

const QStringList kAllApps; // empty: every known app counts

} // namespace

class TestNotificationParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extractAmount_data();
    void extractAmount();
    void classify_data();
    void classify();
    void classifyNotification_data();
    void classifyNotification();
    void sentAmountCounts();
    void knownApps();
    void parsesObject();
    void parsesArray();
    void parsesAmountsAndTimes_data();
    void parsesAmountsAndTimes();
    void rejects_data();
    void rejects();
    void limits();
};

void TestNotificationParser::extractAmount_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("amount"); // -1: none

    QTest::newRow("Rp space dots") << ""
                                   << "Rp 50.023" << 50023LL;
    QTest::newRow("Rp no space decimals") << ""
                                          << "Rp50.023,00" << 50023LL;
    QTest::newRow("Rp. with dot") << ""
                                  << "Rp. 50.023" << 50023LL;
    QTest::newRow("IDR commas") << ""
                                << "IDR 50,023" << 50023LL;
    QTest::newRow("IDR commas decimals") << ""
                                         << "IDR 50,023.00" << 50023LL;
    QTest::newRow("millions") << ""
                              << "Rp 1.250.000" << 1250000LL;
    QTest::newRow("millions decimals") << ""
                                       << "Rp 1.250.000,00" << 1250000LL;
    QTest::newRow("IDR millions") << ""
                                  << "IDR 1,250,000.00" << 1250000LL;
    QTest::newRow("sebesar Rp") << ""
                                << "Pembayaran QRIS sebesar Rp 10.000 diterima" << 10000LL;
    QTest::newRow("sebesar without Rp") << ""
                                        << "Pembayaran QRIS sebesar 15.000 telah diterima" << 15000LL;
    QTest::newRow("nominal colon") << "Transaksi QRIS Berhasil"
                                   << "Nominal: 75.500" << 75500LL;
    QTest::newRow("dash suffix") << ""
                                 << "Dana masuk Rp 50.000,- dari BUDI" << 50000LL;
    QTest::newRow("upper RP") << ""
                              << "TERIMA RP 7.500 DARI QRIS" << 7500LL;
    QTest::newRow("plain small") << ""
                                 << "Kamu menerima Rp 500" << 500LL;
    QTest::newRow("amount in title") << "Rp20.000 masuk"
                                     << "dari ANDI WIJAYA" << 20000LL;
    QTest::newRow("received then balance") << "Dana Masuk"
                                           << "Kamu menerima Rp 50.023 dari BUDI. Saldo Rp 1.234.567" << 50023LL;
    QTest::newRow("balance then received") << ""
                                           << "Saldo Rp 1.234.567. Uang masuk Rp 50.023 dari BUDI" << 50023LL;
    QTest::newRow("balance grows") << ""
                                   << "Saldo kamu bertambah Rp 25.000" << 25000LL;
    QTest::newRow("fee after") << ""
                               << "Pembayaran QRIS Rp 100.000 diterima, biaya MDR Rp 300" << 100000LL;
    QTest::newRow("only balance") << "Info Saldo"
                                  << "Saldo kamu saat ini Rp 1.234.567" << -1LL;
    QTest::newRow("discount only") << ""
                                   << "Diskon Rp 10.000 untuk pembayaran QRIS" << -1LL;
    QTest::newRow("cashback up to") << ""
                                    << "Cashback hingga Rp 20.000" << -1LL;
    QTest::newRow("negative before Rp") << ""
                                        << "Mutasi -Rp 50.000 QRIS TOKO ABC" << -1LL;
    QTest::newRow("negative after Rp") << ""
                                       << "Mutasi Rp -50.000 QRIS TOKO ABC" << -1LL;
    QTest::newRow("dash separator is not a sign") << ""
                                                  << "Kopi Susu - Rp 20.000 diterima" << 20000LL;
    QTest::newRow("fraction of a rupiah") << ""
                                          << "Rp 50.023,50" << -1LL;
    QTest::newRow("zero") << ""
                          << "Rp 0" << -1LL;
    QTest::newRow("broken grouping") << ""
                                     << "Rp 50.0234" << -1LL;
    QTest::newRow("no currency") << ""
                                 << "Kode 123456, pukul 12.30" << -1LL;
    QTest::newRow("Rp inside a word") << ""
                                      << "KARP 5.000" << -1LL;
    QTest::newRow("empty") << ""
                           << "" << -1LL;
}

void TestNotificationParser::extractAmount()
{
    QFETCH(QString, title);
    QFETCH(QString, text);
    QFETCH(qint64, amount);
    QCOMPARE(shown(payments::extractAmount(title, text)), amount);
}

void TestNotificationParser::classify_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("incoming");
    QTest::addColumn<QString>("appId"); // "" when no app matches
    QTest::addColumn<qint64>("amount"); // extractAmount(), -1 for none

    // Money received: the shop should see these.
    QTest::newRow("GoPay Merchant")
        << "com.gojek.gopaymerchant"
        << "Pembayaran diterima"
        << "Kamu menerima pembayaran Rp50.023 dari GoPay. Cek riwayat transaksi di aplikasi." << true
        << "gopay_merchant" << 50023LL;
    QTest::newRow("GoPay Merchant QRIS") << "com.gojek.gopaymerchant"
                                         << "QRIS"
                                         << "Pembayaran Rp 25.500 berhasil diterima" << true << "gopay_merchant"
                                         << 25500LL;
    QTest::newRow("DANA Bisnis") << "id.dana.business"
                                 << "Dana Masuk"
                                 << "Kamu menerima Rp50.023 dari pembayaran QRIS." << true << "dana_bisnis" << 50023LL;
    QTest::newRow("DANA Bisnis with balance")
        << "id.dana.business"
        << "Pembayaran QRIS Diterima"
        << "Kamu menerima Rp50.023 dari BUDI. Saldo DANA Bisnis kamu sekarang Rp1.234.567" << true << "dana_bisnis"
        << 50023LL;
    QTest::newRow("OVO") << "ovo.id"
                         << "Transaksi Berhasil"
                         << "Kamu menerima Rp 50.023 dari BUDI SANTOSO" << true << "ovo" << 50023LL;
    QTest::newRow("OVO English") << "ovo.id"
                                 << "Payment received"
                                 << "You received IDR 50,023.00 via QRIS" << true << "ovo" << 50023LL;
    QTest::newRow("ShopeePay Merchant") << "com.shopeepay.merchant.id"
                                        << "Pembayaran Berhasil"
                                        << "Pembayaran QRIS sebesar Rp50.023 telah diterima." << true
                                        << "shopeepay_merchant" << 50023LL;
    QTest::newRow("ShopeePay Partner") << "com.shopee.partner"
                                       << "Pembayaran diterima"
                                       << "Rp50.023 dari pelanggan via ShopeePay QRIS" << true << "shopee_partner"
                                       << 50023LL;
    QTest::newRow("Livin Merchant") << "id.co.bankmandiri.livinmerchant"
                                    << "Transaksi QRIS Berhasil"
                                    << "Nominal Rp 50.023,00 dari DANA - BUDI. Ref 240321123456" << true
                                    << "livin_merchant" << 50023LL;
    QTest::newRow("BCA mobile") << "com.bca"
                                << "m-BCA"
                                << "Transfer masuk IDR 50,023.00 dari BUDI SANTOSO" << true << "bca_mobile" << 50023LL;
    QTest::newRow("myBCA") << "com.bca.mybca.omni.android"
                           << "Uang Masuk"
                           << "Rp50.023,00 telah masuk ke rekening 123xxx7890" << true << "mybca" << 50023LL;
    QTest::newRow("BRImo") << "id.co.bri.brimo"
                           << "Transaksi Berhasil"
                           << "Dana masuk sebesar Rp50.023,00 dari QRIS ke rekening Anda" << true << "brimo" << 50023LL;
    QTest::newRow("Bank Jago") << "com.jago.digitalBanking"
                               << "Uang masuk"
                               << "Rp50.023 dari BUDI SANTOSO masuk ke Kantong Utama" << true << "jago" << 50023LL;
    QTest::newRow("generic QRIS app") << "com.example.kasirku"
                                      << "Pembayaran QRIS diterima"
                                      << "Rp 50.023 dari GoPay - BUDI" << true << "qris_generic" << 50023LL;
    QTest::newRow("generic QRIS, balance after")
        << "id.co.bankbsi.superapp"
        << "Notifikasi QRIS"
        << "Pembayaran QRIS Rp 75.000 berhasil masuk. Saldo Rp 2.500.000" << true << "qris_generic" << 75000LL;

    // Not money received.
    QTest::newRow("promo discount")
        << "id.dana.business"
        << "Diskon Rp 10.000!"
        << "Pakai DANA buat bayar QRIS dan dapatkan diskon Rp 10.000. Berlaku hingga 30 Nov." << false << "dana_bisnis"
        << -1LL;
    QTest::newRow("promo cashback") << "com.gojek.gopaymerchant"
                                    << "Cashback s.d. Rp 20.000"
                                    << "Yuk terima pembayaran QRIS lebih banyak bulan ini!" << false << "gopay_merchant"
                                    << -1LL;
    QTest::newRow("promo BRImo") << "id.co.bri.brimo"
                                 << "Spesial Hari Ini"
                                 << "Transaksi QRIS pakai BRImo, hemat hingga Rp 25.000!" << false << "brimo" << -1LL;
    QTest::newRow("transfer out") << "com.bca"
                                  << "m-BCA"
                                  << "Transfer Rp 500.000 ke ANDI WIJAYA berhasil" << false << "bca_mobile" << 500000LL;
    QTest::newRow("payment to a shop") << "ovo.id"
                                       << "Pembayaran ke Warung Sinar berhasil"
                                       << "Kamu membayar Rp 25.000. Saldo OVO Cash Rp 120.000" << false << "ovo"
                                       << 25000LL;
    QTest::newRow("money out Jago") << "com.jago.digitalBanking"
                                    << "Uang keluar"
                                    << "Rp50.000 ke BUDI SANTOSO" << false << "jago" << 50000LL;
    // "saldo" right before the amount reads as a balance, so no amount either.
    QTest::newRow("top up") << "id.dana.business"
                            << "Top Up Berhasil"
                            << "Top up saldo Rp 100.000 berhasil" << false << "dana_bisnis" << -1LL;
    QTest::newRow("top up, amount first") << "id.dana.business"
                                          << "Top Up Berhasil"
                                          << "Top up Rp 100.000 ke DANA berhasil" << false << "dana_bisnis" << 100000LL;
    QTest::newRow("cash withdrawal") << "id.co.bri.brimo"
                                     << "Transaksi Berhasil"
                                     << "Tarik tunai Rp 200.000 berhasil" << false << "brimo" << 200000LL;
    QTest::newRow("debit sign") << "com.bca.mybca.omni.android"
                                << "Transaksi berhasil"
                                << "-Rp 50.023 QRIS TOKO ABC" << false << "mybca" << -1LL;
    QTest::newRow("paying by QRIS") << "id.dana"
                                    << "Pembayaran QRIS berhasil"
                                    << "Kamu berhasil bayar Rp 20.000 ke KOPI KENANGAN" << false << "qris_generic"
                                    << 20000LL;
    QTest::newRow("paid at a shop") << "com.shopee.id"
                                    << "Pembayaran berhasil"
                                    << "Kamu telah membayar Rp35.000 di Toko Maju via QRIS" << false << "qris_generic"
                                    << 35000LL;
    QTest::newRow("WhatsApp claim") << "com.whatsapp"
                                    << "Budi"
                                    << "Kak, pembayaran QRIS Rp 50.023 sudah berhasil diterima ya" << false << ""
                                    << 50023LL;
    QTest::newRow("SMS claim") << "com.google.android.apps.messaging"
                               << "BCA"
                               << "Dana masuk QRIS Rp 50.023 dari BUDI" << false << "" << 50023LL;
    QTest::newRow("unknown app without QRIS")
        << "com.tokopedia.tkpd"
        << "Pesanan diterima"
        << "Pembayaran Rp 50.023 untuk INV/2024/123 diterima" << false << "" << 50023LL;
    QTest::newRow("no amount") << "com.gojek.gopaymerchant"
                               << "Pembayaran diterima"
                               << "Cek detail transaksi di aplikasi" << false << "gopay_merchant" << -1LL;
    QTest::newRow("balance only") << "id.dana.business"
                                  << "Info Saldo"
                                  << "Saldo kamu Rp 1.234.567" << false << "dana_bisnis" << -1LL;
    QTest::newRow("OTP") << "com.bca"
                         << "m-BCA"
                         << "Kode OTP 123456 untuk transaksi Rp 50.000. JANGAN berikan kode ini kepada siapa pun"
                         << false << "bca_mobile" << 50000LL;
}

void TestNotificationParser::classify()
{
    QFETCH(QString, package);
    QFETCH(QString, title);
    QFETCH(QString, text);
    QFETCH(bool, incoming);
    QFETCH(QString, appId);
    QFETCH(qint64, amount);
    const PaymentNotification n = notification(package, title, text);
    QCOMPARE(isIncomingPayment(n), incoming);
    const std::optional<KnownApp> app = matchPaymentApp(n);
    QCOMPARE(app ? app->id : QString(), appId);
    QCOMPARE(shown(payments::extractAmount(title, text)), amount);
}

void TestNotificationParser::classifyNotification_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("sentAmount"); // the forwarder's "amount", -1 for none
    QTest::addColumn<QStringList>("enabledApps");
    QTest::addColumn<QString>("status"); // notificationStatusName()
    QTest::addColumn<QString>("appId");
    QTest::addColumn<qint64>("amount"); // -1 for none

    const QString unmatched = QStringLiteral("unmatched"), unparsed = QStringLiteral("unparsed"),
                  ignored = QStringLiteral("ignored");

    // Money received, from each app and in each amount format: unmatched until matching.
    QTest::newRow("GoPay Merchant, Rp 50.023") << "com.gojek.gopaymerchant"
                                               << "Pembayaran diterima"
                                               << "Kamu menerima pembayaran QRIS Rp 50.023 dari BUDI" << -1LL
                                               << kAllApps << unmatched << "gopay_merchant" << 50023LL;
    QTest::newRow("DANA Bisnis, Rp50.023,00") << "id.dana.business"
                                              << "Dana Masuk"
                                              << "Kamu menerima Rp50.023,00 dari pembayaran QRIS." << -1LL << kAllApps
                                              << unmatched << "dana_bisnis" << 50023LL;
    QTest::newRow("OVO, IDR 50,023") << "ovo.id"
                                     << "Pembayaran QRIS diterima"
                                     << "Kamu menerima IDR 50,023 dari BUDI SANTOSO" << -1LL << kAllApps << unmatched
                                     << "ovo" << 50023LL;
    QTest::newRow("ShopeePay Merchant") << "com.shopeepay.merchant.id"
                                        << "Pembayaran Berhasil"
                                        << "Pembayaran QRIS Rp 50.023 dari pelanggan telah diterima" << -1LL << kAllApps
                                        << unmatched << "shopeepay_merchant" << 50023LL;
    QTest::newRow("ShopeePay Partner") << "com.shopee.partner"
                                       << "Pembayaran diterima"
                                       << "Kamu menerima pembayaran Rp50.023 via ShopeePay QRIS" << -1LL << kAllApps
                                       << unmatched << "shopee_partner" << 50023LL;
    QTest::newRow("Livin' Merchant") << "id.co.bankmandiri.livinmerchant"
                                     << "Transaksi QRIS Berhasil"
                                     << "Pembayaran QRIS sebesar Rp 50.023,00 telah diterima" << -1LL << kAllApps
                                     << unmatched << "livin_merchant" << 50023LL;
    QTest::newRow("BCA mobile, IDR 50,023.00")
        << "com.bca"
        << "m-BCA"
        << "Dana masuk IDR 50,023.00 dari BUDI SANTOSO" << -1LL << kAllApps << unmatched << "bca_mobile" << 50023LL;
    QTest::newRow("myBCA") << "com.bca.mybca.omni.android"
                           << "Uang Masuk"
                           << "Rp 50.023 masuk ke rekening 123xxx7890 dari QRIS" << -1LL << kAllApps << unmatched
                           << "mybca" << 50023LL;
    QTest::newRow("BRImo") << "id.co.bri.brimo"
                           << "Transaksi QRIS"
                           << "Dana masuk Rp50.023,00 ke rekening Anda" << -1LL << kAllApps << unmatched << "brimo"
                           << 50023LL;
    QTest::newRow("Bank Jago") << "com.jago.digitalBanking"
                               << "Uang masuk"
                               << "Kamu menerima Rp50.023 dari BUDI ke Kantong Utama" << -1LL << kAllApps << unmatched
                               << "jago" << 50023LL;
    QTest::newRow("generic QRIS text") << "com.example.kasirku"
                                       << "QRIS"
                                       << "Pembayaran QRIS Rp 50.023 diterima" << -1LL << kAllApps << unmatched
                                       << "qris_generic" << 50023LL;
    QTest::newRow("amount sent by the forwarder")
        << "com.gojek.gopaymerchant"
        << "Pembayaran diterima"
        << "Cek detail transaksi di aplikasi" << 50023LL << kAllApps << unmatched << "gopay_merchant" << 50023LL;
    QTest::newRow("app switched on") << "ovo.id"
                                     << "Transaksi Berhasil"
                                     << "Kamu menerima Rp 50.023 dari BUDI" << -1LL
                                     << QStringList{QStringLiteral("dana_bisnis"), QStringLiteral("ovo")} << unmatched
                                     << "ovo" << 50023LL;
    QTest::newRow("generic switched on") << "com.example.kasirku"
                                         << "QRIS"
                                         << "Pembayaran QRIS Rp 50.023 diterima" << -1LL
                                         << QStringList{QStringLiteral("qris_generic")} << unmatched << "qris_generic"
                                         << 50023LL;

    // From a payment app, but no amount can be read: the owner looks at it.
    QTest::newRow("no amount") << "com.gojek.gopaymerchant"
                               << "Pembayaran diterima"
                               << "Cek detail transaksi di aplikasi" << -1LL << kAllApps << unparsed << "gopay_merchant"
                               << -1LL;
    QTest::newRow("garbage from a payment app")
        << "id.dana.business"
        << "DANA Bisnis"
        << "xq#@! zzkv 0x1f ~~~" << -1LL << kAllApps << unparsed << "dana_bisnis" << -1LL;
    QTest::newRow("fraction of a rupiah")
        << "ovo.id"
        << "Pembayaran diterima"
        << "Kamu menerima Rp 50.023,50" << -1LL << kAllApps << unparsed << "ovo" << -1LL;
    QTest::newRow("zero sent") << "com.gojek.gopaymerchant"
                               << "Pembayaran diterima"
                               << "Cek detail transaksi di aplikasi" << 0LL << kAllApps << unparsed << "gopay_merchant"
                               << -1LL;
    QTest::newRow("unknown app speaks of QRIS")
        << "com.example.kasirku"
        << "Pembayaran QRIS diterima"
        << "Buka aplikasi untuk detailnya" << -1LL << kAllApps << unparsed << "qris_generic" << -1LL;

    // Not money received by the shop.
    QTest::newRow("WhatsApp claim") << "com.whatsapp"
                                    << "Budi"
                                    << "Pembayaran QRIS Rp 50.023 berhasil" << -1LL << kAllApps << ignored << ""
                                    << 50023LL;
    QTest::newRow("WhatsApp Business, amount sent")
        << "com.whatsapp.w4b"
        << "Budi"
        << "Pembayaran QRIS Rp 50.023 berhasil diterima" << 50023LL << kAllApps << ignored << "" << 50023LL;
    QTest::newRow("Telegram claim") << "org.telegram.messenger"
                                    << "Budi"
                                    << "Dana masuk Rp 50.023 dari QRIS" << -1LL << kAllApps << ignored << "" << 50023LL;
    QTest::newRow("SMS claim") << "com.google.android.apps.messaging"
                               << "BCA"
                               << "Dana masuk QRIS Rp 50.023 dari BUDI" << -1LL << kAllApps << ignored << "" << 50023LL;
    QTest::newRow("transfer out") << "com.bca"
                                  << "m-BCA"
                                  << "Transfer Rp 500.000 ke ANDI WIJAYA berhasil" << -1LL << kAllApps << ignored
                                  << "bca_mobile" << 500000LL;
    QTest::newRow("paying a shop") << "ovo.id"
                                   << "Pembayaran berhasil"
                                   << "Kamu membayar Rp 25.000 ke Warung Sinar" << -1LL << kAllApps << ignored << "ovo"
                                   << 25000LL;
    QTest::newRow("paying by QRIS from a wallet")
        << "id.dana"
        << "Pembayaran QRIS berhasil"
        << "Kamu berhasil bayar Rp 20.000 ke KOPI KENANGAN" << -1LL << kAllApps << ignored << "qris_generic" << 20000LL;
    QTest::newRow("cash withdrawal") << "id.co.bri.brimo"
                                     << "Transaksi Berhasil"
                                     << "Tarik tunai Rp 200.000 berhasil" << -1LL << kAllApps << ignored << "brimo"
                                     << 200000LL;
    QTest::newRow("promo with an amount")
        << "com.gojek.gopaymerchant"
        << "Promo QRIS"
        << "Terima pembayaran QRIS Rp 100.000 pertama, dapatkan cashback! Yuk aktifkan sekarang" << -1LL << kAllApps
        << ignored << "gopay_merchant" << 100000LL;
    QTest::newRow("promo, discount amount only")
        << "id.dana.business"
        << "Diskon Rp 10.000!"
        << "Pakai DANA buat bayar QRIS dan dapatkan diskon Rp 10.000. Berlaku hingga 30 Nov." << -1LL << kAllApps
        << ignored << "dana_bisnis" << -1LL;
    QTest::newRow("top up of own balance")
        << "id.dana.business"
        << "Top Up Berhasil"
        << "Top up saldo Rp 100.000 berhasil" << -1LL << kAllApps << ignored << "dana_bisnis" << -1LL;
    QTest::newRow("debit with minus sign")
        << "com.bca.mybca.omni.android"
        << "Transaksi berhasil"
        << "-Rp 50.023 QRIS TOKO ABC" << -1LL << kAllApps << ignored << "mybca" << -1LL;
    QTest::newRow("app switched off") << "com.gojek.gopaymerchant"
                                      << "Pembayaran diterima"
                                      << "Kamu menerima pembayaran QRIS Rp 50.023" << -1LL
                                      << QStringList{QStringLiteral("dana_bisnis"), QStringLiteral("ovo")} << ignored
                                      << "gopay_merchant" << 50023LL;
    QTest::newRow("app switched off, amount sent")
        << "ovo.id"
        << "Transaksi Berhasil"
        << "Kamu menerima pembayaran" << 50023LL << QStringList{QStringLiteral("gopay_merchant")} << ignored << "ovo"
        << 50023LL;
    QTest::newRow("generic switched off")
        << "com.example.kasirku"
        << "QRIS"
        << "Pembayaran QRIS Rp 50.023 diterima" << -1LL << QStringList{QStringLiteral("gopay_merchant")} << ignored
        << "qris_generic" << 50023LL;
    QTest::newRow("unrelated app with an amount")
        << "com.tokopedia.tkpd"
        << "Pesanan diterima"
        << "Pembayaran Rp 50.023 untuk INV/2024/123 diterima" << -1LL << kAllApps << ignored << "" << 50023LL;
    QTest::newRow("unrelated app") << "com.spotify.music"
                                   << "Sedang diputar"
                                   << "Lagu favoritmu" << -1LL << kAllApps << ignored << "" << -1LL;
}

void TestNotificationParser::classifyNotification()
{
    QFETCH(QString, package);
    QFETCH(QString, title);
    QFETCH(QString, text);
    QFETCH(qint64, sentAmount);
    QFETCH(QStringList, enabledApps);
    QFETCH(QString, status);
    QFETCH(QString, appId);
    QFETCH(qint64, amount);
    PaymentNotification n = notification(package, title, text);
    if (sentAmount >= 0)
        n.amount = sentAmount;
    const NotificationClass c = payments::classifyNotification(n, enabledApps);
    QCOMPARE(domain::notificationStatusName(c.status), status);
    QCOMPARE(c.appId, appId);
    QCOMPARE(shown(c.amount), amount);
}

void TestNotificationParser::sentAmountCounts()
{
    // A forwarder that sends the amount itself: no amount in the text is needed.
    PaymentNotification n = notification(QStringLiteral("com.gojek.gopaymerchant"),
                                         QStringLiteral("Pembayaran diterima"),
                                         QStringLiteral("Cek detail di aplikasi"));
    QVERIFY(!isIncomingPayment(n));
    n.amount = 50023;
    QVERIFY(isIncomingPayment(n));
    n.amount = 0;
    QVERIFY(!isIncomingPayment(n));
}

void TestNotificationParser::knownApps()
{
    const QList<KnownApp> apps = knownPaymentApps();
    const QStringList required = {
        QStringLiteral("com.gojek.gopaymerchant"),
        QStringLiteral("id.dana.business"),
        QStringLiteral("ovo.id"),
        QStringLiteral("com.shopeepay.merchant.id"),
        QStringLiteral("com.shopee.partner"),
        QStringLiteral("id.co.bankmandiri.livinmerchant"),
        QStringLiteral("com.bca"),
        QStringLiteral("com.bca.mybca.omni.android"),
        QStringLiteral("id.co.bri.brimo"),
        QStringLiteral("com.jago.digitalBanking"),
    };
    QSet<QString> ids;
    QStringList packages;
    for (const KnownApp &app : apps) {
        QVERIFY(!app.id.isEmpty() && !app.label.isEmpty());
        ids.insert(app.id);
        packages << app.packageName;
    }
    QCOMPARE(ids.size(), apps.size());
    for (const QString &package : required) {
        QVERIFY2(packages.contains(package), qPrintable(package));
        QCOMPARE(findKnownApp(package)->packageName, package);
    }
    QCOMPARE(apps.constLast().id, kGenericQrisAppId.toString());
    QVERIFY(apps.constLast().packageName.isEmpty());
    QCOMPARE(findKnownApp(u"ovo.id")->id, QStringLiteral("ovo"));
    QVERIFY(!findKnownApp(u""));
    QVERIFY(!findKnownApp(u"com.whatsapp"));
    QVERIFY(isMessagingApp(u"com.whatsapp"));
    QVERIFY(!isMessagingApp(u"ovo.id"));
}

void TestNotificationParser::parsesObject()
{
    const auto parsed = parseNotificationJson(R"({"packageName": "id.dana.business", "appName": "DANA Bisnis",
        "title": "Dana Masuk", "text": "Kamu menerima Rp50.023 dari BUDI", "postedAt": 1763712930123,
        "amount": 50023, "id": 77, "extra": {"ignored": true}})");
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->size(), 1);
    const PaymentNotification &n = parsed->first();
    QCOMPARE(n.packageName, QStringLiteral("id.dana.business"));
    QCOMPARE(n.appName, QStringLiteral("DANA Bisnis"));
    QCOMPARE(n.title, QStringLiteral("Dana Masuk"));
    QCOMPARE(n.text, QStringLiteral("Kamu menerima Rp50.023 dari BUDI"));
    QVERIFY(n.postedAt);
    QCOMPARE(n.postedAt->toMSecsSinceEpoch(), 1763712930123LL);
    QCOMPARE(shown(n.amount), 50023LL);
    QVERIFY(isIncomingPayment(n));
}

void TestNotificationParser::parsesArray()
{
    const auto parsed = parseNotificationJson(R"([
        {"packageName": "ovo.id", "title": "Transaksi Berhasil", "text": "Kamu menerima Rp 10.000 dari A"},
        {"packageName": "com.bca", "text": "Transfer Rp 5.000 ke B berhasil", "title": null, "amount": null},
        {"packageName": "id.co.bri.brimo", "title": "Dana masuk Rp 7.000", "text": ""}
    ])");
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->size(), 3);
    QCOMPARE(parsed->at(0).packageName, QStringLiteral("ovo.id"));
    QCOMPARE(parsed->at(1).title, QString());
    QVERIFY(!parsed->at(1).amount);
    QVERIFY(!parsed->at(1).postedAt);
    QCOMPARE(parsed->at(2).title, QStringLiteral("Dana masuk Rp 7.000"));
    QVERIFY(isIncomingPayment(parsed->at(0)));
    QVERIFY(!isIncomingPayment(parsed->at(1)));
    QVERIFY(isIncomingPayment(parsed->at(2)));

    const auto empty = parseNotificationJson("[]");
    QVERIFY(empty.ok());
    QVERIFY(empty->isEmpty());
}

void TestNotificationParser::parsesAmountsAndTimes_data()
{
    QTest::addColumn<QByteArray>("amountJson");
    QTest::addColumn<qint64>("amount"); // -1: absent
    QTest::addColumn<QByteArray>("postedAtJson");
    QTest::addColumn<QDateTime>("postedAt"); // invalid: absent

    const QDateTime wib(QDate(2026, 11, 21), QTime(10, 15, 30, 250), QTimeZone(7 * 3600));
    QTest::newRow("number, millis") << QByteArray("50023") << 50023LL << QByteArray("1763694930250")
                                    << QDateTime::fromMSecsSinceEpoch(1763694930250LL, Qt::UTC);
    QTest::newRow("whole float") << QByteArray("50023.0") << 50023LL << QByteArray("null") << QDateTime();
    QTest::newRow("plain string, ISO offset")
        << QByteArray(R"("50023")") << 50023LL << QByteArray(R"("2026-11-21T10:15:30.250+07:00")") << wib;
    QTest::newRow("grouped string, ISO Z")
        << QByteArray(R"("50.023")") << 50023LL << QByteArray(R"("2026-11-21T03:15:30Z")")
        << QDateTime(QDate(2026, 11, 21), QTime(3, 15, 30), Qt::UTC);
    QTest::newRow("Rp string") << QByteArray(R"("Rp 50.023,00")") << 50023LL << QByteArray(R"("")") << QDateTime();
    QTest::newRow("decimal string") << QByteArray(R"("50023.00")") << 50023LL << QByteArray("null") << QDateTime();
    QTest::newRow("IDR string") << QByteArray(R"("IDR 1,250,000.00")") << 1250000LL << QByteArray("null")
                                << QDateTime();
    QTest::newRow("zero") << QByteArray("0") << 0LL << QByteArray("null") << QDateTime();
    QTest::newRow("empty string") << QByteArray(R"("")") << -1LL << QByteArray("null") << QDateTime();
    QTest::newRow("null") << QByteArray("null") << -1LL << QByteArray("null") << QDateTime();
}

void TestNotificationParser::parsesAmountsAndTimes()
{
    QFETCH(QByteArray, amountJson);
    QFETCH(qint64, amount);
    QFETCH(QByteArray, postedAtJson);
    QFETCH(QDateTime, postedAt);
    const QByteArray body = R"({"packageName": "ovo.id", "text": "Kamu menerima Rp 1", "amount": )" + amountJson
                            + R"(, "postedAt": )" + postedAtJson + "}";
    const auto parsed = parseNotificationJson(body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(shown(parsed->first().amount), amount);
    QCOMPARE(parsed->first().postedAt.has_value(), postedAt.isValid());
    if (postedAt.isValid())
        QCOMPARE(parsed->first().postedAt->toMSecsSinceEpoch(), postedAt.toMSecsSinceEpoch());
}

void TestNotificationParser::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty body") << QByteArray("  ") << "notification.bad_json"
                                << "empty";
    QTest::newRow("not JSON") << QByteArray("{packageName: ovo.id}") << "notification.bad_json"
                              << "not valid JSON";
    QTest::newRow("truncated JSON") << QByteArray(R"({"packageName": "ovo.id")") << "notification.bad_json"
                                    << "at offset";
    QTest::newRow("number") << QByteArray("42") << "notification.bad_shape"
                            << "object or an array";
    QTest::newRow("string") << QByteArray(R"("Rp 50.000 masuk")") << "notification.bad_shape"
                            << "object or an array";
    QTest::newRow("array of strings") << QByteArray(R"([{"packageName": "ovo.id", "text": "x"}, "y"])")
                                      << "notification.bad_shape"
                                      << "notification[1] must be an object, got a string";
    QTest::newRow("nested array") << QByteArray(R"([[{"packageName": "ovo.id", "text": "x"}]])")
                                  << "notification.bad_shape"
                                  << "notification[0] must be an object, got an array";
    QTest::newRow("title number") << QByteArray(R"({"packageName": "ovo.id", "title": 5, "text": "x"})")
                                  << "notification.bad_field"
                                  << "notification.title must be a string, got a number";
    QTest::newRow("text object") << QByteArray(R"({"packageName": "ovo.id", "text": {"a": 1}})")
                                 << "notification.bad_field"
                                 << "notification.text must be a string, got an object";
    QTest::newRow("package array") << QByteArray(R"({"packageName": ["ovo.id"], "text": "x"})")
                                   << "notification.bad_field"
                                   << "notification.packageName must be a string, got an array";
    QTest::newRow("appName boolean") << QByteArray(R"({"packageName": "ovo.id", "appName": true, "text": "x"})")
                                     << "notification.bad_field"
                                     << "appName must be a string, got a boolean";
    QTest::newRow("no package") << QByteArray(R"({"title": "Dana masuk", "text": "Rp 5.000"})")
                                << "notification.missing_field"
                                << "packageName is missing or empty";
    QTest::newRow("no title or text") << QByteArray(R"({"packageName": "ovo.id", "title": " ", "text": ""})")
                                      << "notification.missing_field"
                                      << "neither a title nor a text";
    QTest::newRow("negative amount") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": -5000})")
                                     << "notification.bad_amount"
                                     << "notification.amount must not be negative";
    QTest::newRow("fractional amount") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": 50023.5})")
                                       << "notification.bad_amount"
                                       << "whole rupiah";
    QTest::newRow("huge amount") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": 1e15})")
                                 << "notification.bad_amount"
                                 << "too large";
    QTest::newRow("negative amount string")
        << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": "-5000"})") << "notification.bad_amount"
        << "must not be negative";
    QTest::newRow("fraction string") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": "50.023,50"})")
                                     << "notification.bad_amount"
                                     << "whole rupiah";
    QTest::newRow("word amount") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": "lima ribu"})")
                                 << "notification.bad_amount"
                                 << "is not an amount";
    QTest::newRow("boolean amount") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "amount": true})")
                                    << "notification.bad_amount"
                                    << "got a boolean";
    QTest::newRow("seconds") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "postedAt": 1763712930})")
                             << "notification.bad_time"
                             << "looks like seconds";
    QTest::newRow("fractional millis") << QByteArray(
        R"({"packageName": "ovo.id", "text": "x", "postedAt": 1763712930123.5})")
                                       << "notification.bad_time"
                                       << "whole epoch milliseconds";
    QTest::newRow("negative millis") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "postedAt": -1})")
                                     << "notification.bad_time"
                                     << "whole epoch milliseconds";
    QTest::newRow("words as time") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "postedAt": "kemarin"})")
                                   << "notification.bad_time"
                                   << "not an ISO-8601 date-time";
    QTest::newRow("object as time") << QByteArray(R"({"packageName": "ovo.id", "text": "x", "postedAt": {}})")
                                    << "notification.bad_time"
                                    << "got an object";
    QTest::newRow("error in second entry")
        << QByteArray(R"([{"packageName": "ovo.id", "text": "x"}, {"packageName": "ovo.id", "text": 1}])")
        << "notification.bad_field"
        << "notification[1].text";
}

void TestNotificationParser::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    const auto parsed = parseNotificationJson(body);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, code);
    QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
}

void TestNotificationParser::limits()
{
    const QByteArray entry = R"({"packageName": "ovo.id", "text": "Kamu menerima Rp 1.000"})";
    const auto bodyOf = [&](int count) -> QByteArray {
        QByteArrayList entries;
        for (int i = 0; i < count; ++i)
            entries << entry;
        return "[" + entries.join(',') + "]";
    };
    const auto hundred = parseNotificationJson(bodyOf(100));
    QVERIFY(hundred.ok());
    QCOMPARE(hundred->size(), 100);

    const auto tooMany = parseNotificationJson(bodyOf(101));
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, QStringLiteral("notification.too_many"));
    QVERIFY2(tooMany.error().message.contains(QStringLiteral("101 entries; at most 100")),
             qPrintable(tooMany.error().message));

    const QByteArray huge = R"({"packageName": "ovo.id", "text": ")" + QByteArray(2 * 1024 * 1024, 'a') + "\"}";
    const auto tooLarge = parseNotificationJson(huge);
    QVERIFY(!tooLarge.ok());
    QCOMPARE(tooLarge.error().code, QStringLiteral("notification.too_large"));
}

QTEST_GUILESS_MAIN(TestNotificationParser)
#include "tst_notificationparser.moc"
