// QRIS end to end: a real kedaid driven the way customers (simulator API) and the shop's phone
// (POST /webhook/payment-notification) drive it. The QR images are fetched over HTTP, decoded
// with ZXing and checked against the EMV rules (PROTOCOLS.md section 5).
//
// Every test function runs once per backend row: SQLite in a temporary data folder, and
// PostgreSQL + Redis when TEST_DATABASE_URL and TEST_REDIS_URL are set (make test sets them);
// there every kedaid gets a schema and a Redis database of its own, removed afterwards. ctest
// runs the binary twice, one backend each (KEDAI_TEST_BACKENDS), so the two runs go in parallel.
#include "cache/redisconfig.h"
#include "cache/redisconnection.h"
#include "payments/dynamicqris.h"
#include "payments/emv.h"
#include "support/qrisinvoice.h"
#include "support/simclient.h"
#include "support/testservices.h"
#include "unit/payments/qrisfixture.h"
#include "unit/store/storetestutil.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace kedai;
using test::captured;
using test::compact;
using test::decodeImage;
using test::describe;
using test::firstResult;
using test::gopay;
using test::grouped;
using test::Invoice;
using test::notification;
using test::readInvoice;
using test::templateText;
using test::text;

namespace {

const QString kToken = QStringLiteral("qris-e2e-admin-token-0123456789");
const QByteArray kListenerKey = QByteArrayLiteral("qris-e2e-Listener-Key-7f3a9c41");
const QString kOwner = QStringLiteral("628999000777");
const QString kWebhook = QStringLiteral("/webhook/payment-notification");
const QString kExpiryCustomer = QStringLiteral("628120000070");

/// How a kedaid is configured.
enum class Setup {
    Qris,    ///< valid QRIS_STATIC and QRIS_LISTENER_KEY, 30-minute expiry
    Expiry,  ///< the same with QRIS_EXPIRY_MIN=1
    Bare,    ///< neither QRIS_STATIC nor QRIS_LISTENER_KEY
    Invalid, ///< a QRIS_STATIC with one character changed
};

const char *setupName(Setup s)
{
    switch (s) {
    case Setup::Qris: return "qris";
    case Setup::Expiry: return "expiry";
    case Setup::Bare: return "bare";
    case Setup::Invalid: return "invalid";
    }
    return "?";
}

/// The shop's static QRIS: the first static sample of the fixture.
QString staticQris()
{
    for (const auto &s : test::loadQrisSamples()) {
        if (s.isStatic)
            return s.qris;
    }
    return {};
}

/// The static QRIS with one letter of the merchant name changed: its CRC no longer matches.
QString tamperedQris()
{
    QString s = staticQris();
    const auto parsed = payments::parseEmv(s);
    const qsizetype at = parsed ? s.indexOf(
                             QStringLiteral("59%1").arg(parsed->merchantName().size(), 2, 10, QLatin1Char('0'))
                             + parsed->merchantName())
                                : -1;
    if (at < 0)
        return {};
    QChar &c = s[at + 4];
    c = c == QLatin1Char('X') ? QLatin1Char('Y') : QLatin1Char('X');
    return s;
}

} // namespace

class TestQrisE2e : public QObject
{
    Q_OBJECT

    struct Shop
    {
        QTemporaryDir dir;
        test::KedaidProcess process;
        QString schema; ///< PostgreSQL: dropped at the end
        QString redisUrl;
        QString name;
    };

    std::map<QString, std::unique_ptr<Shop>> m_shops; ///< by "backend/setup"
    int m_redisDbBase = 1 + int(QRandomGenerator::global()->bounded(10));
    int m_redisDbs = 0;
    bool m_anyFailed = false;

    /// The expiry run starts in initTestCase, so its minute of waiting overlaps the other tests.
    struct ExpiryRun
    {
        QElapsedTimer sinceBuynow;
        int stockBefore = -1;
        int stockReserved = -1;
        QJsonArray firstReplies;
    };
    std::map<QString, ExpiryRun> m_expiry; ///< by backend

    static QString backendReady(const QString &backend)
    {
        if (backend != QLatin1String("postgres"))
            return {};
        if (qEnvironmentVariableIsEmpty("TEST_DATABASE_URL") || qEnvironmentVariableIsEmpty("TEST_REDIS_URL"))
            return QStringLiteral("TEST_DATABASE_URL or TEST_REDIS_URL is not set: the PostgreSQL + Redis row is "
                                  "skipped (make test sets them)");
        return {};
    }

    QHash<QString, QString> env(Shop &shop, const QString &backend, Setup setup)
    {
        QHash<QString, QString> e{{QStringLiteral("KEDAI_DATA_DIR"), shop.dir.path()},
                                  {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")},
                                  {QStringLiteral("KEDAI_ADMIN_TOKEN"), kToken},
                                  {QStringLiteral("OWNER_NUMBERS"), kOwner},
                                  {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("1000/60s")},
                                  {QStringLiteral("QRIS_STATIC"), QString()},
                                  {QStringLiteral("QRIS_LISTENER_KEY"), QString()},
                                  {QStringLiteral("QRIS_EXPIRY_MIN"), QString()},
                                  {QStringLiteral("DATABASE_URL"), QString()},
                                  {QStringLiteral("REDIS_URL"), QString()}};
        if (setup == Setup::Qris || setup == Setup::Expiry)
            e.insert(QStringLiteral("QRIS_STATIC"), staticQris());
        if (setup == Setup::Invalid)
            e.insert(QStringLiteral("QRIS_STATIC"), tamperedQris());
        if (setup != Setup::Bare)
            e.insert(QStringLiteral("QRIS_LISTENER_KEY"), QString::fromLatin1(kListenerKey));
        if (setup == Setup::Expiry)
            e.insert(QStringLiteral("QRIS_EXPIRY_MIN"), QStringLiteral("1"));
        if (backend == QLatin1String("postgres")) {
            shop.schema = QStringLiteral("kedai_e2e_") + QString::number(QRandomGenerator::global()->generate64(), 36);
            const QString base = qEnvironmentVariable("TEST_DATABASE_URL");
            e.insert(QStringLiteral("DATABASE_URL"),
                     base + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
                         + QStringLiteral("schema=") + shop.schema);
            // A Redis database per kedaid: their cache keys hold ids of their own schema.
            QUrl redis(qEnvironmentVariable("TEST_REDIS_URL"));
            redis.setPath(QStringLiteral("/%1").arg(1 + (m_redisDbBase + m_redisDbs++) % 15));
            shop.redisUrl = redis.toString();
            e.insert(QStringLiteral("REDIS_URL"), shop.redisUrl);
        }
        return e;
    }

    static bool flushRedis(const QString &url)
    {
        auto config = cache::RedisConfig::fromUrl(url);
        if (!config)
            return false;
        cache::RedisConnection redis(config.value());
        auto reply = redis.command({QByteArrayLiteral("FLUSHDB")});
        return reply.ok();
    }

    /// The running kedaid of this backend and setup (started on first use), or nullptr.
    Shop *shop(const QString &backend, Setup setup)
    {
        const QString key = backend + QLatin1Char('/') + QLatin1String(setupName(setup));
        if (auto it = m_shops.find(key); it != m_shops.end())
            return it->second.get();
        auto s = std::make_unique<Shop>();
        s->name = key;
        const QHash<QString, QString> e = env(*s, backend, setup);
        if (!s->redisUrl.isEmpty() && !flushRedis(s->redisUrl)) {
            qWarning("cannot empty the Redis database %s", qPrintable(s->redisUrl));
            return nullptr;
        }
        if (!s->process.start(QStringLiteral(KEDAID_PATH), e)) {
            qWarning("kedaid %s did not start:\n%s", qPrintable(key), s->process.output().right(4000).constData());
            return nullptr;
        }
        return m_shops.emplace(key, std::move(s)).first->second.get();
    }

    /// The shop for the current backend row (nullptr when it did not start; the log says why).
    Shop *current(Setup setup = Setup::Qris)
    {
        QFETCH_GLOBAL(QString, backend);
        return shop(backend, setup);
    }

    static test::SimClient client(Shop *s) { return test::SimClient(s->process.url(), kToken); }

    /// Sends `message` from `from` and waits for `count` replies.
    static QJsonArray exchange(test::SimClient &c, const QString &from, const QString &message, int count = 1)
    {
        const qint64 after = c.lastId(from);
        const auto r = c.send(from, message);
        if (r.status != 202) {
            qWarning("simulator refused %s: %s", qPrintable(message), qPrintable(describe(r)));
            return {};
        }
        return c.waitFor(from, after, count, 15000);
    }

    static QString ask(test::SimClient &c, const QString &from, const QString &message)
    {
        return text(exchange(c, from, message).at(0));
    }

    static test::HttpReply notify(test::SimClient &c, const QByteArray &body, const QByteArray &apiKey = kListenerKey)
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!apiKey.isNull())
            headers.append({QByteArrayLiteral("X-Api-Key"), apiKey});
        return c.request("POST", kWebhook, body, headers, false);
    }

    /// {stok, terjual} of `code` in the catalog `who` is shown; {-1, -1} when missing.
    static QPair<int, int> stockOf(test::SimClient &c, const QString &who, const QString &code)
    {
        const QString catalog = ask(c, who, QStringLiteral("stok"));
        const auto m = QRegularExpression(QStringLiteral("\\*%1\\*[^\\n]*\\n[^\\n]*stok (\\d+)[^\\n]*terjual (\\d+)")
                                              .arg(QRegularExpression::escape(code)))
                           .match(catalog);
        return m.hasMatch() ? qMakePair(m.captured(1).toInt(), m.captured(2).toInt()) : qMakePair(-1, -1);
    }

    /// The reply to a buynow or deposit: one image with a complete caption, whose QR code is the
    /// dynamic QRIS for exactly the payable amount.
    static void verifyInvoice(test::SimClient &c, const QJsonArray &replies, Invoice *out)
    {
        QCOMPARE(replies.size(), 1);
        const QJsonObject message = replies.first().toObject();
        QVERIFY2(message.value(QStringLiteral("type")).toString() == QLatin1String("image"), qPrintable(text(message)));
        const Invoice inv = readInvoice(message);
        QVERIFY2(!inv.ref.isEmpty(), qPrintable(inv.caption));
        QVERIFY2(inv.amount > 0 && inv.code >= 1 && inv.code <= 99, qPrintable(inv.caption));
        QCOMPARE(inv.payable, inv.amount + inv.code);
        QVERIFY2(inv.expires.isValid() && inv.minutes > 0, qPrintable(inv.caption));
        // The caption shows the expiry to the minute (cut off): at most a minute before the real one.
        const QDateTime sent = QDateTime::fromString(message.value(QStringLiteral("created_at")).toString(),
                                                     Qt::ISODateWithMs);
        QVERIFY(sent.isValid());
        const qint64 expiresIn = sent.secsTo(inv.expires);
        QVERIFY2(expiresIn >= inv.minutes * 60 - 65 && expiresIn <= inv.minutes * 60 + 5,
                 qPrintable(QStringLiteral("expires %1 s after it was sent: %2").arg(expiresIn).arg(inv.caption)));

        QString problem;
        const QString payload = decodeImage(c, inv.mediaUrl, &problem);
        QVERIFY2(!payload.isEmpty(), qPrintable(problem));
        const auto parsed = payments::parseEmv(payload); // also checks the CRC
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message + QStringLiteral(": ") + payload));
        QCOMPARE(parsed->value(u"01").value_or(QString()), QStringLiteral("12"));
        QCOMPARE(parsed->value(u"54").value_or(QString()), QString::number(inv.payable));
        QCOMPARE(payload.right(4), payments::crc16CcittFalse(payload.left(payload.size() - 4).toLatin1()));
        const auto expected = payments::makeDynamicQris(staticQris(), inv.payable);
        QVERIFY(expected);
        QCOMPARE(payload, expected.value());
        *out = inv;
    }

    /// Customer `who` asks for an order by QRIS; its invoice is checked.
    static void buynow(test::SimClient &c, const QString &who, const QString &command, Invoice *out)
    {
        verifyInvoice(c, exchange(c, who, command), out);
    }

    /// Nothing more reaches `who` after message `after` but the reply to a saldo request: the
    /// outbox is sent in order, so a stray message queued before it would have arrived first.
    static void verifyNothingMoreThanSaldo(test::SimClient &c, const QString &who, qint64 after, QString *saldo)
    {
        const QJsonArray replies = exchange(c, who, QStringLiteral("saldo"));
        QCOMPARE(replies.size(), 1);
        QVERIFY2(text(replies.first()).contains(QStringLiteral("Saldo Anda")), qPrintable(text(replies.first())));
        const QJsonArray all = c.messages(who, after);
        QStringList texts;
        for (const auto &m : all)
            texts << text(m).left(80);
        QVERIFY2(all.size() == 1, qPrintable(texts.join(QStringLiteral(" | "))));
        if (saldo)
            *saldo = captured(text(replies.first()), QStringLiteral("Saldo Anda: \\*(Rp [\\d.]+)\\*"));
    }

private Q_SLOTS:
    void initTestCase_data() { store::test::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY2(!staticQris().isEmpty(), "no static QRIS in tests/fixtures/qris/qris_samples_parsed.json (started "
                                          "by hand? set KEDAI_SOURCE_DIR to the source folder, as ctest does)");
        QVERIFY(!tamperedQris().isEmpty());
        QVERIFY(tamperedQris() != staticQris());
        QVERIFY(!templateText(QStringLiteral("qris.off")).isEmpty());
        // The expiry test waits a minute for the sweeper: start its clock now, for every backend
        // this run covers, so the minute passes while the other tests run.
        const QStringList wanted = qEnvironmentVariable("KEDAI_TEST_BACKENDS", QStringLiteral("sqlite,postgres"))
                                       .split(QLatin1Char(','));
        for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
            if (!wanted.contains(backend) || !backendReady(backend).isEmpty())
                continue;
            Shop *s = shop(backend, Setup::Expiry);
            QVERIFY2(s, qPrintable(backend + QStringLiteral(": the kedaid with QRIS_EXPIRY_MIN=1 did not start")));
            test::SimClient c = client(s);
            ExpiryRun &run = m_expiry[backend];
            run.stockBefore = stockOf(c, kExpiryCustomer, QStringLiteral("NF3")).first;
            run.sinceBuynow.start();
            run.firstReplies = exchange(c, kExpiryCustomer, QStringLiteral("buynow NF3 1"));
            run.stockReserved = stockOf(c, kExpiryCustomer, QStringLiteral("NF3")).first;
        }
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (const QString why = backendReady(backend); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void cleanup() { m_anyFailed = m_anyFailed || QTest::currentTestFailed(); }

    void cleanupTestCase()
    {
        // Everything is stopped and removed before anything is verified.
        QStringList problems;
        for (auto &[name, s] : m_shops) {
            if (m_anyFailed || qEnvironmentVariableIsSet("QRIS_E2E_VERBOSE"))
                qInfo("kedaid %s:\n%s", qPrintable(name), s->process.output().right(6000).constData());
            if (const int code = s->process.stop(); code != 0)
                problems << QStringLiteral("%1 stopped with %2").arg(name).arg(code);
            // The key is a password: it must not be in the log, whatever happened.
            QFile file(QDir(s->dir.path()).filePath(QStringLiteral("logs/kedai.log")));
            const QByteArray fileLog = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            if (s->process.output().contains(kListenerKey) || fileLog.contains(kListenerKey))
                problems << name + QStringLiteral(" logged the listener key");
            if (!s->schema.isEmpty()
                && !store::test::postgresAdmin(QStringLiteral("DROP SCHEMA IF EXISTS ") + s->schema
                                               + QStringLiteral(" CASCADE")))
                problems << QStringLiteral("schema %1 not dropped").arg(s->schema);
            if (!s->redisUrl.isEmpty())
                flushRedis(s->redisUrl);
        }
        m_shops.clear();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    }

    // 1. buynow: the image, its caption and its QR code.
    void buynowSendsTheDynamicQrisOfThePayable()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        QFETCH_GLOBAL(QString, backend);
        const QJsonObject health = c.request("GET", QStringLiteral("/healthz"), {}, {}, false).json();
        QCOMPARE(health.value(QStringLiteral("qris")).toString(), QStringLiteral("ok"));
        if (backend == QLatin1String("postgres")) { // the row really runs on PostgreSQL and Redis
            QCOMPARE(health.value(QStringLiteral("database_backend")).toString(), QStringLiteral("postgresql"));
            QCOMPARE(health.value(QStringLiteral("redis")).toString(), QStringLiteral("ok"));
        }

        const QString alice = QStringLiteral("628120000011"), bob = QStringLiteral("628120000012");
        Invoice a, b;
        buynow(c, alice, QStringLiteral("buynow NF1 2"), &a);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(a.amount, 70000LL); // 2 × Rp 35.000 (bronze)
        QVERIFY2(a.caption.contains(QStringLiteral("Netflix Premium 1 Bulan")), qPrintable(a.caption));
        QVERIFY2(a.caption.contains(QStringLiteral("Jumlah: 2")), qPrintable(a.caption));
        QCOMPARE(a.minutes, 30);
        buynow(c, bob, QStringLiteral("buynow NF1 1"), &b);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(b.amount, 35000LL);
        QVERIFY(a.ref != b.ref);
        QVERIFY(QUrl(a.mediaUrl).fileName() != QUrl(b.mediaUrl).fileName());
        // Different payables, so the money tells who paid (and equal totals still differ).
        Invoice b2;
        const QString carol = QStringLiteral("628120000013");
        buynow(c, carol, QStringLiteral("buynow NF1 1"), &b2);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(b2.amount, b.amount);
        QVERIFY(b2.payable != b.payable);
        QVERIFY(a.payable != b.payable);

        // The image is not public.
        QCOMPARE(c.request("GET", QUrl(a.mediaUrl).path(), {}, {}, false).status, 401);
        for (const QString &who : {alice, bob, carol})
            QVERIFY(ask(c, who, QStringLiteral("batal")).contains(QStringLiteral("dibatalkan")));
    }

    // 2. The shop's phone reports the money: the order is delivered once and counted as sold.
    void matchingNotificationDeliversOnce()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QString dina = QStringLiteral("628120000021");
        const QPair<int, int> before = stockOf(c, dina, QStringLiteral("SPO1"));
        QVERIFY(before.first >= 2);
        Invoice inv;
        buynow(c, dina, QStringLiteral("buynow SPO1 2"), &inv);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stockOf(c, dina, QStringLiteral("SPO1")), qMakePair(before.first - 2, before.second));
        const qint64 afterInvoice = c.lastId(dina);

        const QByteArray body = compact(gopay(inv.payable));
        const test::HttpReply paid = notify(c, body);
        QVERIFY2(paid.status == 200, qPrintable(describe(paid)));
        QCOMPARE(paid.json().value(QStringLiteral("received")).toInt(), 1);
        QCOMPARE(firstResult(paid).value(QStringLiteral("status")).toString(), QStringLiteral("matched"));
        QCOMPARE(firstResult(paid).value(QStringLiteral("ref")).toString(), inv.ref);
        QCOMPARE(firstResult(paid).value(QStringLiteral("duplicate")).toBool(), false);

        const QJsonArray delivered = c.waitFor(dina, afterInvoice, 1, 15000);
        QCOMPARE(delivered.size(), 1);
        const QString delivery = text(delivered.first());
        QVERIFY2(delivery.contains(QStringLiteral("Pembayaran Rp %1 diterima").arg(grouped(inv.payable))),
                 qPrintable(delivery));
        QVERIFY2(delivery.contains(inv.ref), qPrintable(delivery));
        QVERIFY2(delivery.contains(QStringLiteral("Item 1")) && delivery.contains(QStringLiteral("Item 2")),
                 qPrintable(delivery));
        QCOMPARE(delivery.count(QStringLiteral("@kedai.test")), qsizetype(2)); // two Spotify accounts
        QVERIFY2(delivery.contains(QStringLiteral("demo.spo1.")), qPrintable(delivery));

        // The phone forwards it again (a retry): recognised, nothing delivered twice.
        const test::HttpReply again = notify(c, body);
        QVERIFY2(again.status == 200, qPrintable(describe(again)));
        QCOMPARE(firstResult(again).value(QStringLiteral("duplicate")).toBool(), true);
        QCOMPARE(firstResult(again).value(QStringLiteral("id")), firstResult(paid).value(QStringLiteral("id")));
        QString saldo;
        verifyNothingMoreThanSaldo(c, dina, delivered.last().toObject().value(QStringLiteral("id")).toInteger(),
                                   &saldo);
        QCOMPARE(saldo, QStringLiteral("Rp 0")); // paid by QRIS, not from saldo
        QCOMPARE(stockOf(c, dina, QStringLiteral("SPO1")), qMakePair(before.first - 2, before.second + 2));
    }

    // 3. The listener key.
    void wrongKeyIsRefusedAndStoresNothing()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QString eko = QStringLiteral("628120000031");
        Invoice inv;
        buynow(c, eko, QStringLiteral("buynow VIU1 1"), &inv);
        if (QTest::currentTestFailed())
            return;
        const qint64 afterInvoice = c.lastId(eko);
        const QByteArray body = compact(gopay(inv.payable));
        const QList<QByteArray> wrongKeys = {QByteArrayLiteral("wrong"), kListenerKey.toLower(),
                                             kListenerKey + QByteArrayLiteral("x"), kListenerKey.chopped(1),
                                             QByteArrayLiteral("Bearer ") + kListenerKey};
        for (const QByteArray &key : wrongKeys) {
            const test::HttpReply r = notify(c, body, key);
            QVERIFY2(r.status == 401, qPrintable(QString::fromLatin1(key) + QStringLiteral(": ") + describe(r)));
            QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));
        }
        const test::HttpReply missing = notify(c, body, QByteArray());
        QVERIFY2(missing.status == 401, qPrintable(describe(missing)));
        // The admin token is not the listener key.
        QCOMPARE(c.request("POST", kWebhook, body, {{QByteArrayLiteral("X-Api-Key"), kToken.toUtf8()}}).status, 401);

        // Nothing was stored or applied: the same notification with the right key is new.
        const test::HttpReply right = notify(c, body);
        QVERIFY2(right.status == 200, qPrintable(describe(right)));
        QCOMPARE(firstResult(right).value(QStringLiteral("duplicate")).toBool(), false);
        QCOMPARE(firstResult(right).value(QStringLiteral("status")).toString(), QStringLiteral("matched"));
        QCOMPARE(firstResult(right).value(QStringLiteral("ref")).toString(), inv.ref);
        const QJsonArray delivered = c.waitFor(eko, afterInvoice, 1, 15000);
        QCOMPARE(delivered.size(), 1);
        QVERIFY2(text(delivered.first()).contains(QStringLiteral("diterima")), qPrintable(text(delivered.first())));
    }

    void withoutAConfiguredKeyEverythingIsRefused()
    {
        Shop *s = current(Setup::Bare);
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QByteArray body = compact(gopay(35001));
        for (const QByteArray &key :
             {QByteArray(), QByteArrayLiteral(""), QByteArrayLiteral("anything"), kListenerKey}) {
            const test::HttpReply r = notify(c, body, key);
            QVERIFY2(r.status == 401, qPrintable(describe(r)));
            QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("listener_not_configured"));
        }
    }

    void badBodiesAreRefusedAndApplyNothing()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QString fani = QStringLiteral("628120000032");
        Invoice inv;
        buynow(c, fani, QStringLiteral("buynow VIU1 1"), &inv);
        if (QTest::currentTestFailed())
            return;
        const QByteArray good = compact(gopay(inv.payable));

        const test::HttpReply truncated = notify(c, good.chopped(1));
        QVERIFY2(truncated.status == 400, qPrintable(describe(truncated)));
        QCOMPARE(truncated.json().value(QStringLiteral("error")).toString(), QStringLiteral("bad_notification"));
        QVERIFY2(truncated.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("JSON")),
                 qPrintable(describe(truncated)));
        // A good entry next to a bad one: the whole body is refused, nothing is applied.
        const QByteArray mixed = "[" + good + R"(, {"packageName": "ovo.id", "text": 5}])";
        const test::HttpReply bad = notify(c, mixed);
        QVERIFY2(bad.status == 400, qPrintable(describe(bad)));
        QVERIFY2(bad.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("notification[1]")),
                 qPrintable(describe(bad)));
        // Over the 1 MiB limit, even with a matching notification inside.
        QJsonObject padding = gopay(inv.payable);
        padding.insert(QStringLiteral("text"), QString(1024 * 1024, QLatin1Char('a')));
        const QByteArray huge = "[" + good + "," + compact(padding) + "]";
        const test::HttpReply tooLarge = notify(c, huge);
        QVERIFY2(tooLarge.status == 413, qPrintable(describe(tooLarge)));
        QCOMPARE(tooLarge.json().value(QStringLiteral("error")).toString(), QStringLiteral("body_too_large"));

        // The order still waits: the good notification alone is new and pays it now.
        const test::HttpReply right = notify(c, good);
        QVERIFY2(right.status == 200, qPrintable(describe(right)));
        QCOMPARE(firstResult(right).value(QStringLiteral("duplicate")).toBool(), false);
        QCOMPARE(firstResult(right).value(QStringLiteral("ref")).toString(), inv.ref);
    }

    // 4. Notifications that pay nothing.
    void unknownAmountWaitsUnmatched()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const test::HttpReply r = notify(c, compact(gopay(1234567)));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(firstResult(r).value(QStringLiteral("status")).toString(), QStringLiteral("unmatched"));
        QVERIFY(!firstResult(r).contains(QStringLiteral("ref")));
        QCOMPARE(firstResult(r).value(QStringLiteral("duplicate")).toBool(), false);
    }

    void unreadableTextIsUnparsed()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const test::HttpReply r = notify(
            c, compact(notification(QStringLiteral("id.dana.business"), QStringLiteral("DANA Bisnis"),
                                    QStringLiteral("DANA Bisnis"), QStringLiteral("xq#@! zzkv 0x1f ~~~"))));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(firstResult(r).value(QStringLiteral("status")).toString(), QStringLiteral("unparsed"));
        QVERIFY(!firstResult(r).contains(QStringLiteral("ref")));
    }

    void whatsappClaimPaysNothing()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QString gita = QStringLiteral("628120000041");
        Invoice inv;
        buynow(c, gita, QStringLiteral("buynow FF100 1"), &inv);
        if (QTest::currentTestFailed())
            return;
        const qint64 afterInvoice = c.lastId(gita);
        // Anyone can make WhatsApp show this text, with exactly the amount the order waits for.
        const QJsonObject claim = notification(
            QStringLiteral("com.whatsapp"), QStringLiteral("WhatsApp"), QStringLiteral("Gita"),
            QStringLiteral("Pembayaran QRIS Rp %1 berhasil").arg(grouped(inv.payable)));
        const test::HttpReply r = notify(c, compact(claim));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(firstResult(r).value(QStringLiteral("status")).toString(), QStringLiteral("ignored"));
        QVERIFY(!firstResult(r).contains(QStringLiteral("ref")));
        // Not paid: no delivery, and the real payment afterwards still finds the order waiting.
        verifyNothingMoreThanSaldo(c, gita, afterInvoice, nullptr);
        if (QTest::currentTestFailed())
            return;
        const test::HttpReply real = notify(c, compact(gopay(inv.payable)));
        QCOMPARE(firstResult(real).value(QStringLiteral("status")).toString(), QStringLiteral("matched"));
        QCOMPARE(firstResult(real).value(QStringLiteral("ref")).toString(), inv.ref);
    }

    // 5. batal, deposit, konfirmasi.
    void batalReleasesTheReservedStock()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        QVERIFY2(ask(c, kOwner, QStringLiteral("addproduk E2EB|Batal Voucher|Tes|Sekali pakai|20000|20000|20000"))
                     .contains(QStringLiteral("E2EB")),
                 "addproduk failed");
        QVERIFY(ask(c, kOwner, QStringLiteral("addstok E2EB\nE2EB-ITEM-1\nE2EB-ITEM-2"))
                    .contains(QStringLiteral("2 item")));
        const QString hana = QStringLiteral("628120000051"), ivan = QStringLiteral("628120000052");
        Invoice held;
        buynow(c, hana, QStringLiteral("buynow E2EB 2"), &held);
        if (QTest::currentTestFailed())
            return;
        const QString soldOut = ask(c, ivan, QStringLiteral("buynow E2EB 1"));
        QVERIFY2(soldOut.contains(QStringLiteral("sedang habis")), qPrintable(soldOut));
        QCOMPARE(stockOf(c, ivan, QStringLiteral("E2EB")).first, 0);

        const QString cancelled = ask(c, hana, QStringLiteral("batal"));
        QVERIFY2(cancelled.contains(held.ref) && cancelled.contains(QStringLiteral("dibatalkan")),
                 qPrintable(cancelled));
        QCOMPARE(stockOf(c, ivan, QStringLiteral("E2EB")).first, 2);
        QCOMPARE(ask(c, hana, QStringLiteral("batal")), templateText(QStringLiteral("batal.nothing")));

        Invoice now;
        buynow(c, ivan, QStringLiteral("buynow E2EB 1"), &now);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(now.amount, 20000LL);
        QVERIFY(ask(c, ivan, QStringLiteral("batal")).contains(QStringLiteral("dibatalkan")));
    }

    void depositCreditsSaldo()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QString joko = QStringLiteral("628120000053");
        Invoice inv;
        verifyInvoice(c, exchange(c, joko, QStringLiteral("deposit 50000")), &inv);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(inv.amount, 50000LL);
        QVERIFY2(inv.caption.startsWith(QStringLiteral("🧾 *Deposit ")), qPrintable(inv.caption));
        const qint64 afterInvoice = c.lastId(joko);

        const test::HttpReply r = notify(
            c, compact(notification(QStringLiteral("id.dana.business"), QStringLiteral("DANA Bisnis"),
                                    QStringLiteral("Dana Masuk"),
                                    QStringLiteral("Kamu menerima Rp%1 dari pembayaran QRIS. Saldo DANA Bisnis "
                                                   "kamu sekarang Rp1.234.567")
                                        .arg(grouped(inv.payable)))));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(firstResult(r).value(QStringLiteral("status")).toString(), QStringLiteral("matched"));
        QCOMPARE(firstResult(r).value(QStringLiteral("ref")).toString(), inv.ref);
        const QJsonArray told = c.waitFor(joko, afterInvoice, 1, 15000);
        QCOMPARE(told.size(), 1);
        QVERIFY2(text(told.first()).contains(QStringLiteral("Deposit berhasil"))
                     && text(told.first()).contains(QStringLiteral("*Rp %1*").arg(grouped(inv.payable))),
                 qPrintable(text(told.first())));
        QString saldo;
        verifyNothingMoreThanSaldo(c, joko, told.last().toObject().value(QStringLiteral("id")).toInteger(), &saldo);
        QCOMPARE(saldo, QStringLiteral("Rp ") + grouped(inv.payable)); // the kode unik is credited too
    }

    void ownerKonfirmasiDeliversOnce()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const QString kiki = QStringLiteral("628120000054");
        Invoice inv;
        buynow(c, kiki, QStringLiteral("buynow YT1 1"), &inv);
        if (QTest::currentTestFailed())
            return;
        const qint64 afterInvoice = c.lastId(kiki);

        const QString ok = ask(c, kOwner, QStringLiteral("konfirmasi %1 sudah cek mutasi").arg(inv.ref));
        QVERIFY2(ok.contains(inv.ref) && ok.contains(QStringLiteral("dikonfirmasi lunas")), qPrintable(ok));
        const QJsonArray delivered = c.waitFor(kiki, afterInvoice, 1, 15000);
        QCOMPARE(delivered.size(), 1);
        QVERIFY2(text(delivered.first()).contains(inv.ref)
                     && text(delivered.first()).contains(QStringLiteral("Item 1")),
                 qPrintable(text(delivered.first())));

        const QString again = ask(c, kOwner, QStringLiteral("konfirmasi %1 sekali lagi").arg(inv.ref.toLower()));
        QVERIFY2(again.contains(inv.ref) && again.contains(QStringLiteral("sudah tidak menunggu")), qPrintable(again));
        // The money arriving after the manual confirmation pays nothing a second time.
        const test::HttpReply late = notify(c, compact(gopay(inv.payable)));
        QVERIFY2(late.status == 200, qPrintable(describe(late)));
        QCOMPARE(firstResult(late).value(QStringLiteral("status")).toString(), QStringLiteral("unmatched"));
        QVERIFY(!firstResult(late).contains(QStringLiteral("ref")));
        verifyNothingMoreThanSaldo(c, kiki, delivered.last().toObject().value(QStringLiteral("id")).toInteger(),
                                   nullptr);
    }

    // 6. QRIS off.
    void withoutStaticQrisBuynowSaysQrisIsOff()
    {
        Shop *s = current(Setup::Bare);
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        QCOMPARE(c.request("GET", QStringLiteral("/healthz"), {}, {}, false).json().value(QStringLiteral("qris")),
                 QJsonValue(QStringLiteral("off")));
        const QString off = templateText(QStringLiteral("qris.off"));
        const QString lina = QStringLiteral("628120000061");
        QCOMPARE(ask(c, lina, QStringLiteral("buynow NF1 1")), off);
        QCOMPARE(ask(c, lina, QStringLiteral("deposit 50000")), off);
        QVERIFY(ask(c, lina, QStringLiteral("buy NF1 1")).contains(QStringLiteral("Saldo Anda tidak cukup")));
    }

    void malformedStaticQrisTurnsQrisOffWithAReason()
    {
        Shop *s = current(Setup::Invalid);
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const test::HttpReply health = c.request("GET", QStringLiteral("/healthz"), {}, {}, false);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QStringLiteral("qris")).toString(), QStringLiteral("invalid"));
        const QByteArray log = s->process.output();
        QVERIFY2(log.contains("QRIS is off") && log.contains("CRC"), log.right(3000).constData());
        const QString mira = QStringLiteral("628120000062");
        QCOMPARE(ask(c, mira, QStringLiteral("buynow NF1 1")), templateText(QStringLiteral("qris.off")));
        QVERIFY(ask(c, mira, QStringLiteral("saldo")).contains(QStringLiteral("Saldo Anda"))); // the shop runs on
    }

    // 7. Expiry, end to end (the clock started in initTestCase).
    void expiryReleasesAndLatePaymentIsCredited()
    {
        QFETCH_GLOBAL(QString, backend);
        Shop *s = current(Setup::Expiry);
        QVERIFY2(s, "kedaid did not start");
        QVERIFY(m_expiry.count(backend) == 1);
        ExpiryRun &run = m_expiry[backend];
        test::SimClient c = client(s);
        Invoice inv;
        verifyInvoice(c, run.firstReplies, &inv);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(inv.minutes, 1);
        QVERIFY(run.stockBefore > 0);
        QCOMPARE(run.stockReserved, run.stockBefore - 1);
        const qint64 afterInvoice = run.firstReplies.first().toObject().value(QStringLiteral("id")).toInteger();

        // The sweeper runs every 5 s: the expiry is due 60 s after the buynow.
        QJsonArray told;
        QString expired;
        while (run.sinceBuynow.elapsed() < 90000 && expired.isEmpty()) {
            told = c.messages(kExpiryCustomer, afterInvoice);
            for (const auto &m : told) {
                if (text(m).contains(QStringLiteral("sudah habis")))
                    expired = text(m);
            }
            if (expired.isEmpty())
                QTest::qWait(250);
        }
        const qint64 tookMs = run.sinceBuynow.elapsed();
        qInfo("%s: the customer was told of the expiry %lld ms after buynow", qPrintable(backend), tookMs);
        QVERIFY2(!expired.isEmpty(), "no expiry message within 90 s of buynow (QRIS_EXPIRY_MIN=1)");
        QVERIFY2(expired.contains(inv.ref), qPrintable(expired));
        QVERIFY2(tookMs >= 59000, qPrintable(QStringLiteral("expired after only %1 ms").arg(tookMs)));
        QVERIFY2(tookMs <= 75000, qPrintable(QStringLiteral("expired only after %1 ms").arg(tookMs)));
        QCOMPARE(stockOf(c, kExpiryCustomer, QStringLiteral("NF3")).first, run.stockBefore);

        // The customer pays anyway, after the expiry: the money goes to their saldo.
        const qint64 beforeLate = c.lastId(kExpiryCustomer);
        const test::HttpReply r = notify(c, compact(gopay(inv.payable, QDateTime::currentDateTimeUtc())));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(firstResult(r).value(QStringLiteral("status")).toString(), QStringLiteral("credited"));
        QCOMPARE(firstResult(r).value(QStringLiteral("ref")).toString(), inv.ref);
        const QJsonArray credited = c.waitFor(kExpiryCustomer, beforeLate, 1, 15000);
        QCOMPARE(credited.size(), 1);
        QVERIFY2(text(credited.first()).contains(inv.ref)
                     && text(credited.first()).contains(QStringLiteral("setelah batas waktunya")),
                 qPrintable(text(credited.first())));
        QString saldo;
        verifyNothingMoreThanSaldo(c, kExpiryCustomer,
                                   credited.last().toObject().value(QStringLiteral("id")).toInteger(), &saldo);
        QCOMPARE(saldo, QStringLiteral("Rp ") + grouped(inv.payable));
        QCOMPARE(stockOf(c, kExpiryCustomer, QStringLiteral("NF3")).first, run.stockBefore); // nothing sold
    }
};

QTEST_GUILESS_MAIN(TestQrisE2e)
#include "tst_qris_e2e.moc"
