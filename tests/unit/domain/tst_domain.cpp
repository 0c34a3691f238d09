#include "domain/ledger.h"
#include "domain/order.h"
#include "domain/product.h"
#include "domain/stockline.h"
#include "domain/tier.h"

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

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
