#include "domain/interactive.h"
#include "domain/ledger.h"
#include "domain/order.h"
#include "domain/product.h"
#include "domain/stockline.h"
#include "domain/tier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kedai;
using namespace kedai::domain;

Q_DECLARE_METATYPE(kedai::domain::Tier)
Q_DECLARE_METATYPE(kedai::domain::OrderStatus)

using Labelled = QList<QPair<QString, QString>>;

class TestDomain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseTier_data();
    void parseTier();
    void tierNamesRoundTrip();
    void orderStateMachine_data();
    void orderStateMachine();
    void orderEnumsRoundTrip();
    void ledgerDeltaRule_data();
    void ledgerDeltaRule();
    void ledgerKindsRoundTrip();
    void stockLineLabelled_data();
    void stockLineLabelled();
    void stockLineSplitPasted_data();
    void stockLineSplitPasted();
    void productCode_data();
    void productCode();
    void productPriceForTier();
    void interactiveRoundTrip_data();
    void interactiveRoundTrip();
    void interactiveFromJsonRejects_data();
    void interactiveFromJsonRejects();
    void interactiveFallbackNumbersAcrossSections();
    void interactiveFallbackOfButtons();
    void commandOfChoice_data();
    void commandOfChoice();
};

void TestDomain::parseTier_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<Tier>("tier");
    QTest::newRow("bronze") << QStringLiteral("bronze") << true << Tier::Bronze;
    QTest::newRow("Silver mixed case") << QStringLiteral("Silver") << true << Tier::Silver;
    QTest::newRow("GOLD with spaces") << QStringLiteral("  GOLD ") << true << Tier::Gold;
    QTest::newRow("perunggu") << QStringLiteral("perunggu") << true << Tier::Bronze;
    QTest::newRow("perak") << QStringLiteral("perak") << true << Tier::Silver;
    QTest::newRow("emas") << QStringLiteral("Emas") << true << Tier::Gold;
    QTest::newRow("platinum") << QStringLiteral("platinum") << false << Tier::Bronze;
    QTest::newRow("empty") << QString() << false << Tier::Bronze;
    QTest::newRow("prefix") << QStringLiteral("gol") << false << Tier::Bronze;
}

void TestDomain::parseTier()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(Tier, tier);
    const auto parsed = domain::parseTier(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, tier);
}

void TestDomain::tierNamesRoundTrip()
{
    for (Tier t : {Tier::Bronze, Tier::Silver, Tier::Gold})
        QCOMPARE(domain::parseTier(tierName(t)), std::optional<Tier>(t));
    QCOMPARE(tierName(Tier::Gold), QStringLiteral("gold"));
}

void TestDomain::orderStateMachine_data()
{
    QTest::addColumn<OrderStatus>("from");
    QTest::addColumn<OrderStatus>("to");
    QTest::addColumn<bool>("allowed");
    using S = OrderStatus;
    const QList<S> all{S::Pending, S::Paid, S::Delivered, S::Expired, S::Cancelled, S::Refunded};
    // The whole matrix: everything not listed here must be refused.
    const QList<QPair<S, S>> allowed{{S::Pending, S::Paid},      {S::Pending, S::Delivered}, {S::Pending, S::Expired},
                                     {S::Pending, S::Cancelled}, {S::Paid, S::Delivered},    {S::Paid, S::Refunded},
                                     {S::Delivered, S::Refunded}};
    for (S from : all) {
        for (S to : all) {
            const QByteArray name = (orderStatusName(from) + QStringLiteral(" -> ") + orderStatusName(to)).toUtf8();
            QTest::newRow(name.constData()) << from << to << allowed.contains({from, to});
        }
    }
}

void TestDomain::orderStateMachine()
{
    QFETCH(OrderStatus, from);
    QFETCH(OrderStatus, to);
    QFETCH(bool, allowed);
    QCOMPARE(canTransition(from, to), allowed);
}

void TestDomain::orderEnumsRoundTrip()
{
    using S = OrderStatus;
    for (S s : {S::Pending, S::Paid, S::Delivered, S::Expired, S::Cancelled, S::Refunded})
        QCOMPARE(parseOrderStatus(orderStatusName(s)), std::optional<S>(s));
    QVERIFY(!parseOrderStatus(QStringLiteral("shipped")));
    QVERIFY(!parseOrderStatus(QStringLiteral("PAID"))); // stored names are exact
    using M = PaymentMethod;
    for (M m : {M::Saldo, M::Qris, M::Midtrans, M::Ppob})
        QCOMPARE(parsePaymentMethod(paymentMethodName(m)), std::optional<M>(m));
    QVERIFY(!parsePaymentMethod(QStringLiteral("cash")));
}

void TestDomain::ledgerDeltaRule_data()
{
    QTest::addColumn<qint64>("balance");
    QTest::addColumn<qint64>("delta");
    QTest::addColumn<QString>("error");
    const qint64 max = common::kMaxRupiah;
    QTest::newRow("credit") << 0LL << 50'000LL << QString();
    QTest::newRow("debit within saldo") << 50'000LL << -20'000LL << QString();
    QTest::newRow("debit to exactly zero") << 50'000LL << -50'000LL << QString();
    QTest::newRow("zero") << 50'000LL << 0LL << QStringLiteral("ledger.zero");
    QTest::newRow("debit below zero") << 50'000LL << -50'001LL << QStringLiteral("ledger.insufficient");
    QTest::newRow("debit from empty") << 0LL << -1LL << QStringLiteral("ledger.insufficient");
    QTest::newRow("credit to max") << max - 1 << 1LL << QString();
    QTest::newRow("credit above max") << max << 1LL << QStringLiteral("ledger.too_large");
    QTest::newRow("delta above max") << 0LL << max + 1 << QStringLiteral("ledger.too_large");
    QTest::newRow("delta below -max") << max << -max - 1 << QStringLiteral("ledger.too_large");
    QTest::newRow("delta of int64 max") << 0LL << std::numeric_limits<qint64>::max()
                                        << QStringLiteral("ledger.too_large");
    QTest::newRow("delta of int64 min") << max << std::numeric_limits<qint64>::min()
                                        << QStringLiteral("ledger.too_large");
}

void TestDomain::ledgerDeltaRule()
{
    QFETCH(qint64, balance);
    QFETCH(qint64, delta);
    QFETCH(QString, error);
    QCOMPARE(validateLedgerDelta(balance, delta), error);
}

void TestDomain::ledgerKindsRoundTrip()
{
    using K = LedgerKind;
    for (K k : {K::Topup, K::Deposit, K::Bonus, K::Purchase, K::Refund, K::Adjustment})
        QCOMPARE(parseLedgerKind(ledgerKindName(k)), std::optional<K>(k));
    QVERIFY(!parseLedgerKind(QStringLiteral("gift")));
}

void TestDomain::stockLineLabelled_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<Labelled>("expected");
    const auto l = [](const char *label, const char *value) {
        return QPair<QString, QString>(QString::fromLatin1(label), QString::fromLatin1(value));
    };
    QTest::newRow("voucher code") << QStringLiteral(" ABCD-1234 ") << Labelled{l("Kode", "ABCD-1234")};
    QTest::newRow("email password") << QStringLiteral("a@b.com|pass123")
                                    << Labelled{l("Email", "a@b.com"), l("Password", "pass123")};
    QTest::newRow("full account") << QStringLiteral("a@b.com|pw|Profil 2|1234|JBSWY3DP")
                                  << Labelled{l("Email", "a@b.com"), l("Password", "pw"), l("Profil", "Profil 2"),
                                              l("PIN", "1234"), l("2FA", "JBSWY3DP")};
    QTest::newRow("dash skips a field") << QStringLiteral("a@b.com|pw|-|1234")
                                        << Labelled{l("Email", "a@b.com"), l("Password", "pw"), l("PIN", "1234")};
    QTest::newRow("empty field skipped") << QStringLiteral("a@b.com| |x")
                                         << Labelled{l("Email", "a@b.com"), l("Profil", "x")};
    QTest::newRow("extra fields") << QStringLiteral("a|b|c|d|e|f|g")
                                  << Labelled{l("Email", "a"), l("Password", "b"), l("Profil", "c"), l("PIN", "d"),
                                              l("2FA", "e"),   l("Info 1", "f"),   l("Info 2", "g")};
    QTest::newRow("spaces trimmed") << QStringLiteral(" a@b.com | pw ")
                                    << Labelled{l("Email", "a@b.com"), l("Password", "pw")};
}

void TestDomain::stockLineLabelled()
{
    QFETCH(QString, line);
    QFETCH(Labelled, expected);
    QCOMPARE(StockLine::labelled(line), expected);
}

void TestDomain::stockLineSplitPasted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("simple") << QStringLiteral("a|1\nb|2") << QStringList{QStringLiteral("a|1"), QStringLiteral("b|2")};
    QTest::newRow("windows line ends") << QStringLiteral("a|1\r\nb|2\r\n")
                                       << QStringList{QStringLiteral("a|1"), QStringLiteral("b|2")};
    QTest::newRow("blank and comment lines") << QStringLiteral("# Netflix batch 3\n\n  a|1  \n   \n#b|2\nc|3")
                                             << QStringList{QStringLiteral("a|1"), QStringLiteral("c|3")};
    QTest::newRow("duplicates kept") << QStringLiteral("a\na") << QStringList{QStringLiteral("a"), QStringLiteral("a")};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("hash inside kept") << QStringLiteral("code#1") << QStringList{QStringLiteral("code#1")};
}

void TestDomain::stockLineSplitPasted()
{
    QFETCH(QString, text);
    QFETCH(QStringList, lines);
    QCOMPARE(StockLine::splitPasted(text), lines);
}

void TestDomain::productCode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<bool>("valid");
    QTest::newRow("upper") << QStringLiteral("NF1") << QStringLiteral("NF1") << true;
    QTest::newRow("lower trimmed") << QStringLiteral("  nf1 ") << QStringLiteral("NF1") << true;
    QTest::newRow("dash underscore") << QStringLiteral("ml-86_x") << QStringLiteral("ML-86_X") << true;
    QTest::newRow("twenty chars") << QStringLiteral("a").repeated(20) << QStringLiteral("A").repeated(20) << true;
    QTest::newRow("twenty one chars") << QStringLiteral("a").repeated(21) << QStringLiteral("A").repeated(21) << false;
    QTest::newRow("empty") << QString() << QString() << false;
    QTest::newRow("inner space") << QStringLiteral("NF 1") << QStringLiteral("NF 1") << false;
    QTest::newRow("dot") << QStringLiteral("nf.1") << QStringLiteral("NF.1") << false;
    QTest::newRow("quote") << QStringLiteral("nf'1") << QStringLiteral("NF'1") << false;
    QTest::newRow("non latin") << QStringLiteral("ñf1") << QStringLiteral("ÑF1") << false;
}

void TestDomain::productCode()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QFETCH(bool, valid);
    QCOMPARE(normalizeProductCode(input), normalized);
    QCOMPARE(isValidProductCode(normalizeProductCode(input)), valid);
}

void TestDomain::productPriceForTier()
{
    Product p;
    p.setPrice(Tier::Bronze, 30'000);
    p.setPrice(Tier::Silver, 28'000);
    p.setPrice(Tier::Gold, 25'000);
    QCOMPARE(p.priceFor(Tier::Bronze), 30'000);
    QCOMPARE(p.priceFor(Tier::Silver), 28'000);
    QCOMPARE(p.priceFor(Tier::Gold), 25'000);
    QCOMPARE(parseProductKind(productKindName(ProductKind::Counted)), ProductKind::Counted);
    QCOMPARE(parseProductKind(QStringLiteral("unknown")), ProductKind::Digital);
}

namespace {

Interactive sampleList()
{
    Interactive m;
    m.kind = Interactive::Kind::List;
    m.header = QStringLiteral("Toko Kita");
    m.body = QStringLiteral("Pilih produk:");
    m.footer = QStringLiteral("Harga sudah termasuk pajak");
    m.button = QStringLiteral("Lihat produk");
    m.sections = {{QStringLiteral("Streaming"),
                   {{QStringLiteral("cmd:cari NF1"), QStringLiteral("Netflix 1 Bulan"), QStringLiteral("Rp 35.000")},
                    {QStringLiteral("cmd:cari SP1"), QStringLiteral("Spotify"), QStringLiteral("Rp 20.000")}}},
                  {QStringLiteral("Voucher"),
                   {{QStringLiteral("cmd:cari GP1"), QStringLiteral("Google Play \"50\" & <b>"), QString()}}}};
    return m;
}

Interactive sampleButtons()
{
    Interactive m;
    m.kind = Interactive::Kind::Buttons;
    m.body = QStringLiteral("Netflix 1 Bulan\nRp 35.000");
    m.buttons = {{QStringLiteral("cmd:buy NF1 1"), QStringLiteral("Beli pakai saldo"), {}},
                 {QStringLiteral("cmd:buynow NF1 1"), QStringLiteral("Bayar QRIS"), {}},
                 {QStringLiteral("cmd:menu"), QStringLiteral("Menu"), {}}};
    return m;
}

void compareChoices(const QList<InteractiveChoice> &actual, const QList<InteractiveChoice> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual.at(i).id, expected.at(i).id);
        QCOMPARE(actual.at(i).title, expected.at(i).title);
        QCOMPARE(actual.at(i).description, expected.at(i).description);
    }
}

} // namespace

void TestDomain::interactiveRoundTrip_data()
{
    QTest::addColumn<bool>("list");
    QTest::newRow("list") << true;
    QTest::newRow("buttons") << false;
}

void TestDomain::interactiveRoundTrip()
{
    QFETCH(bool, list);
    const Interactive original = list ? sampleList() : sampleButtons();
    const QString json = original.toJson();
    const auto parsed = Interactive::fromJson(json);
    QVERIFY2(parsed, qPrintable(json));
    QCOMPARE(parsed->kind, original.kind);
    QCOMPARE(parsed->header, original.header);
    QCOMPARE(parsed->body, original.body);
    QCOMPARE(parsed->footer, original.footer);
    QCOMPARE(parsed->sections.size(), original.sections.size());
    for (qsizetype i = 0; i < parsed->sections.size(); ++i) {
        QCOMPARE(parsed->sections.at(i).title, original.sections.at(i).title);
        compareChoices(parsed->sections.at(i).rows, original.sections.at(i).rows);
    }
    compareChoices(parsed->buttons, original.buttons);
    compareChoices(parsed->choices(), original.choices());
    QCOMPARE(parsed->fallbackText(QStringLiteral("Balas angka.")),
             original.fallbackText(QStringLiteral("Balas angka.")));
    if (list) {
        QCOMPARE(parsed->button, original.button);
        QCOMPARE(parsed->choices().size(), 3);
    } else {
        // The list-only fields stay out of a buttons payload.
        QVERIFY(!json.contains(QStringLiteral("\"sections\"")));
        QVERIFY(parsed->sections.isEmpty());
        QCOMPARE(parsed->choices().size(), 3);
    }
    // Stable: the stored payload of a re-read message is the same text.
    QCOMPARE(parsed->toJson(), json);
}

void TestDomain::interactiveFromJsonRejects_data()
{
    QTest::addColumn<QString>("json");

    const auto doc = [](const QJsonObject &o) {
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    };
    const QJsonArray oneButton{QJsonObject{{"id", "cmd:menu"}, {"title", "Menu"}}};
    const QJsonArray oneSection{QJsonObject{{"title", "S"}, {"rows", oneButton}}};

    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral("   ");
    QTest::newRow("not JSON") << QStringLiteral("Pilih 1 atau 2");
    QTest::newRow("truncated") << sampleButtons().toJson().chopped(5);
    QTest::newRow("array") << QStringLiteral("[]");
    QTest::newRow("array of a payload") << QLatin1Char('[') + sampleButtons().toJson() + QLatin1Char(']');
    QTest::newRow("null") << QStringLiteral("null");
    QTest::newRow("string") << QStringLiteral("\"buttons\"");
    QTest::newRow("empty object") << QStringLiteral("{}");
    QTest::newRow("no kind") << doc({{"body", "b"}, {"buttons", oneButton}});
    QTest::newRow("unknown kind") << doc({{"kind", "carousel"}, {"body", "b"}, {"buttons", oneButton}});
    QTest::newRow("kind in capitals") << doc({{"kind", "BUTTONS"}, {"body", "b"}, {"buttons", oneButton}});
    QTest::newRow("kind is a number") << doc({{"kind", 1}, {"body", "b"}, {"buttons", oneButton}});
    QTest::newRow("no body") << doc({{"kind", "buttons"}, {"buttons", oneButton}});
    QTest::newRow("empty body") << doc({{"kind", "buttons"}, {"body", ""}, {"buttons", oneButton}});
    QTest::newRow("body is a number") << doc({{"kind", "buttons"}, {"body", 5}, {"buttons", oneButton}});
    QTest::newRow("buttons without buttons") << doc({{"kind", "buttons"}, {"body", "b"}});
    QTest::newRow("buttons empty") << doc({{"kind", "buttons"}, {"body", "b"}, {"buttons", QJsonArray()}});
    QTest::newRow("buttons is an object") << doc({{"kind", "buttons"}, {"body", "b"}, {"buttons", oneButton.first()}});
    // The choices of the other kind do not count.
    QTest::newRow("buttons with only sections") << doc({{"kind", "buttons"}, {"body", "b"}, {"sections", oneSection}});
    QTest::newRow("list with only buttons") << doc({{"kind", "list"}, {"body", "b"}, {"buttons", oneButton}});
    QTest::newRow("list without rows") << doc(
        {{"kind", "list"}, {"body", "b"}, {"sections", QJsonArray{QJsonObject{{"title", "S"}}}}});
    QTest::newRow("list sections not an array")
        << doc({{"kind", "list"}, {"body", "b"}, {"sections", QJsonObject{{"rows", oneButton}}}});
}

void TestDomain::interactiveFromJsonRejects()
{
    QFETCH(QString, json);
    QVERIFY(!Interactive::fromJson(json));
}

void TestDomain::interactiveFallbackNumbersAcrossSections()
{
    // The numbers run on over the sections: the customer answers "3" for the third row,
    // whichever section it is in, and choices()[2] is that row.
    const Interactive m = sampleList();
    const QString hint = QStringLiteral("Balas dengan angka pilihan Anda.");
    const QString expected = QStringLiteral("*Toko Kita*\n"
                                            "Pilih produk:\n"
                                            "\n"
                                            "1. Netflix 1 Bulan — Rp 35.000\n"
                                            "2. Spotify — Rp 20.000\n"
                                            "3. Google Play \"50\" & <b>\n"
                                            "\n"
                                            "_Harga sudah termasuk pajak_\n"
                                            "\n"
                                            "Balas dengan angka pilihan Anda.");
    QCOMPARE(m.fallbackText(hint), expected);
    QCOMPARE(m.choices().at(2).id, QStringLiteral("cmd:cari GP1"));
    QCOMPARE(m.choices().at(0).id, QStringLiteral("cmd:cari NF1"));

    // Without a hint the text ends with the footer; without choices there is nothing to number.
    QVERIFY(m.fallbackText(QString()).endsWith(QStringLiteral("_Harga sudah termasuk pajak_")));
    Interactive empty = m;
    empty.sections.clear();
    QCOMPARE(empty.fallbackText(hint), QStringLiteral("*Toko Kita*\nPilih produk:\n\n_Harga sudah termasuk pajak_"));
}

void TestDomain::interactiveFallbackOfButtons()
{
    const QString text = sampleButtons().fallbackText(QStringLiteral("Balas angka."));
    QCOMPARE(text, QStringLiteral("Netflix 1 Bulan\nRp 35.000\n\n1. Beli pakai saldo\n2. Bayar QRIS\n3. Menu\n\n"
                                  "Balas angka."));
    // A buttons message keeps its buttons even if sections were set by mistake.
    Interactive both = sampleButtons();
    both.sections = sampleList().sections;
    QCOMPARE(both.choices().size(), 3);
    QCOMPARE(both.choices().at(1).id, QStringLiteral("cmd:buynow NF1 1"));
}

void TestDomain::commandOfChoice_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("command");

    QTest::newRow("buy") << "cmd:buy NF1 1"
                         << "buy NF1 1";
    QTest::newRow("search") << "cmd:cari Streaming Video"
                            << "cari Streaming Video";
    QTest::newRow("menu") << "cmd:menu"
                          << "menu";
    QTest::newRow("blanks trimmed") << "cmd:  saldo  "
                                    << "saldo";
    QTest::newRow("prefix only") << "cmd:"
                                 << "";
    QTest::newRow("not a command") << "callback_data"
                                   << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("prefix in capitals") << "CMD:menu"
                                        << "";
    QTest::newRow("prefix not at the start") << "x cmd:menu"
                                             << "";
    QTest::newRow("no colon") << "cmd menu"
                              << "";
}

void TestDomain::commandOfChoice()
{
    QFETCH(QString, id);
    QFETCH(QString, command);
    QCOMPARE(domain::commandOfChoice(id), command);
}

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
