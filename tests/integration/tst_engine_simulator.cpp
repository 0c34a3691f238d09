// The engine end to end through the simulator HTTP API: real HTTP on loopback, real SQLite,
// real shard threads and sender thread.
#include "engine/engine.h"
#include "store/customerrepository.h"
#include "store/database.h"
#include "store/messagerepository.h"
#include "support/simclient.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace kedai;

namespace {
const QString kOwner = QStringLiteral("628999000001");
const QString kBronze = QStringLiteral("628111000001"); // demo customer, Rp 500.000, bronze
const QString kGold = QStringLiteral("628111000002");   // demo reseller, Rp 1.000.000, gold

std::unique_ptr<engine::Engine> startEngine(const QString &dir, const QString &rate = QStringLiteral("1000/60s"))
{
    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")},
                                        {QStringLiteral("OWNER_NUMBERS"), kOwner},
                                        {QStringLiteral("RATE_LIMIT_BUY"), rate}},
                                       {});
    if (!config)
        return nullptr;
    auto e = std::make_unique<engine::Engine>(config.value());
    if (!e->start())
        return nullptr;
    return e;
}
} // namespace

class TestEngineSimulator : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<test::SimClient> m_client;

    QString one(const QString &from, const QString &text)
    {
        const QStringList replies = m_client->ask(from, text);
        return replies.isEmpty() ? QString() : replies.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_engine = startEngine(m_dir.path());
        QVERIFY(m_engine);
        m_client = std::make_unique<test::SimClient>(m_engine->httpUrl(), m_engine->config().adminToken);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_engine.reset();
    }

    void catalogShowsTheCallersTierPrice()
    {
        const QString bronze = one(kBronze, QStringLiteral("stok"));
        QVERIFY2(bronze.contains(QStringLiteral("*NF1* Netflix Premium 1 Bulan\n   Rp 35.000")), qPrintable(bronze));
        QVERIFY(bronze.contains(QStringLiteral("bronze")));
        QVERIFY(bronze.contains(QStringLiteral("Streaming")) && bronze.contains(QStringLiteral("Game"))
                && bronze.contains(QStringLiteral("Voucher")));
        const QString gold = one(kGold, QStringLiteral(".STOCK"));
        QVERIFY2(gold.contains(QStringLiteral("*NF1* Netflix Premium 1 Bulan\n   Rp 30.000")), qPrintable(gold));
        for (const char *alias : {"produk", "list", "stock"})
            QVERIFY(one(kBronze, QString::fromLatin1(alias)).contains(QStringLiteral("NF1")));
    }

    void catalogReplyApiMatchesTheBotAndFollowsSales()
    {
        auto reply = [this](const QString &phone) {
            auto f = m_engine->catalogReply(phone);
            f.waitForFinished();
            return f.result();
        };
        const auto gold = reply(kGold);
        QVERIFY(gold);
        QCOMPARE(*gold, one(kGold, QStringLiteral("stok")));
        QVERIFY(gold->contains(QStringLiteral("Rp 30.000")));
        const auto unknown = reply(QStringLiteral("628000111222"));
        QVERIFY(unknown);
        QCOMPARE(*unknown, one(kBronze, QStringLiteral("stok")));

        // A sale changes the stock count in the next reply (the cache was invalidated).
        static const QRegularExpression vius(QStringLiteral("\\*VIU1\\*[^\\n]*\\n[^\\n]*stok (\\d+)"));
        const int before = vius.match(*unknown).captured(1).toInt();
        QVERIFY2(before > 0, qPrintable(*unknown));
        QVERIFY(one(kGold, QStringLiteral("buy VIU1 1")).contains(QStringLiteral("Pembelian berhasil")));
        const auto after = reply(QStringLiteral("628000111222"));
        QVERIFY(after);
        QCOMPARE(vius.match(*after).captured(1).toInt(), before - 1);
    }

    void buyDeliversDebitsAndAgreesWithSaldoAndRiwayat()
    {
        const QString before = one(kBronze, QStringLiteral("saldo"));
        QVERIFY2(before.contains(QStringLiteral("Rp 500.000")), qPrintable(before));

        const QString delivery = one(kBronze, QStringLiteral("buy nf1 1"));
        QVERIFY2(delivery.contains(QStringLiteral("Pembelian berhasil")), qPrintable(delivery));
        QVERIFY(delivery.contains(QStringLiteral("Netflix Premium 1 Bulan")));
        QVERIFY(delivery.contains(QStringLiteral("Email: demo.nf1.")));
        QVERIFY(delivery.contains(QStringLiteral("Password: ")));
        QVERIFY(delivery.contains(QStringLiteral("Profil: ")));
        QVERIFY(delivery.contains(QStringLiteral("PIN: ")));
        QVERIFY(delivery.contains(QStringLiteral("Garansi 30 hari"))); // terms
        QVERIFY(delivery.contains(QStringLiteral("WIB")));
        QVERIFY(delivery.contains(QStringLiteral("Sisa saldo: Rp 465.000")));
        const auto ref = QRegularExpression(QStringLiteral("Ref: \\*(KD\\w+)\\*")).match(delivery).captured(1);
        QVERIFY(!ref.isEmpty());

        QVERIFY(one(kBronze, QStringLiteral("saldo")).contains(QStringLiteral("Rp 465.000")));
        const QString history = one(kBronze, QStringLiteral("riwayat"));
        QVERIFY2(history.contains(ref), qPrintable(history));
        QVERIFY(history.contains(QStringLiteral("Rp 35.000")));
        QVERIFY(one(kBronze, QStringLiteral("cek ") + ref).contains(QStringLiteral("terkirim")));

        // Only the owner of the order can look at it or have it resent.
        QVERIFY(one(kGold, QStringLiteral("cek ") + ref).contains(QStringLiteral("tidak ditemukan")));
        QVERIFY(one(kGold, QStringLiteral("kirimulang ") + ref).contains(QStringLiteral("tidak ditemukan")));
        QVERIFY(!one(kGold, QStringLiteral("riwayat")).contains(ref));
        const QString resent = one(kBronze, QStringLiteral("kirimulang ") + ref.toLower());
        QVERIFY2(resent.contains(QStringLiteral("Kirim ulang")) && resent.contains(QStringLiteral("Email: demo.nf1.")),
                 qPrintable(resent));
    }

    void customerErrorsGetClearReplies_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("unknown product with hint") << kBronze << "buy NF2 1" << QStringList{"tidak ditemukan", "NF1"};
        QTest::newRow("zero qty") << kBronze << "buy NF1 0" << QStringList{"tidak valid", "1 sampai 100"};
        QTest::newRow("negative qty") << kBronze << "buy NF1 -3" << QStringList{"tidak valid"};
        QTest::newRow("fraction qty") << kBronze << "buy NF1 1.5" << QStringList{"tidak valid"};
        QTest::newRow("word qty") << kBronze << "buy NF1 dua" << QStringList{"tidak valid"};
        QTest::newRow("huge qty") << kBronze << "buy NF1 99999999999" << QStringList{"tidak valid"};
        QTest::newRow("no code") << kBronze << "buy" << QStringList{"Format"};
        QTest::newRow("too much stock") << kGold << "buy NF3 7" << QStringList{"tidak cukup", "Tersedia 6"};
        QTest::newRow("not enough saldo") << QStringLiteral("628123000777") << "buy GP50 1"
                                          << QStringList{"Saldo: Rp 0", "Total: Rp 52.000", "Kurang: Rp 52.000"};
        QTest::newRow("unknown command") << kBronze << "halo apa kabar" << QStringList{"tidak dikenal", "menu"};
        QTest::newRow("owner command by customer")
            << kBronze << "addsaldo 628111000001,1000000" << QStringList{"khusus untuk pemilik"};
        QTest::newRow("cek someone else") << kBronze << "cek KD000000XXXXXX" << QStringList{"tidak ditemukan"};
        QTest::newRow("bare keyword") << kBronze << "netflix" << QStringList{"NF1", "NF3", "Hasil pencarian"};
        QTest::newRow("cari") << kBronze << "cari diamond" << QStringList{"ML86", "FF100"};
        QTest::newRow("menu") << kBronze << ".Menu" << QStringList{"buy <kode>", "riwayat"};
    }

    void customerErrorsGetClearReplies()
    {
        QFETCH(QString, from);
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        const QString saldoBefore = one(from, QStringLiteral("saldo"));
        const QString reply = one(from, text);
        for (const QString &e : expected)
            QVERIFY2(reply.contains(e), qPrintable(QStringLiteral("missing \"%1\" in: %2").arg(e, reply)));
        QCOMPARE(one(from, QStringLiteral("saldo")), saldoBefore); // nothing changed
    }

    void duplicateMessageIdRunsOnce()
    {
        const QString from = kGold;
        const qint64 after = m_client->lastId(from);
        const QString id = QStringLiteral("wamid.dup-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const auto first = m_client->send(from, QStringLiteral("buy VIU1 1"), id);
        const auto second = m_client->send(from, QStringLiteral("buy VIU1 1"), id);
        QCOMPARE(first.status, 202);
        QCOMPARE(second.status, 202);
        QCOMPARE(first.json().value(QStringLiteral("duplicate")).toBool(), false);
        QCOMPARE(second.json().value(QStringLiteral("duplicate")).toBool(), true);
        QCOMPARE(m_client->waitFor(from, after, 1).size(), 1);
        QTest::qWait(300); // a second run would have replied by now
        const QJsonArray replies = m_client->messages(from, after);
        QCOMPARE(replies.size(), 1);
        QVERIFY(replies.first()
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("Viu Premium")));
    }

    void ownerCommands()
    {
        QVERIFY(one(kOwner, QStringLiteral("menu")).contains(QStringLiteral("addproduk")));
        QString r = one(kOwner, QStringLiteral(
                                    "addproduk CC1|Canva Pro 1 Bulan|Akun edu|Jangan ganti email|12000|11000|10000"));
        QVERIFY2(r.contains(QStringLiteral("CC1")) && r.contains(QStringLiteral("Rp 12.000")), qPrintable(r));
        QVERIFY(one(kOwner, QStringLiteral("addproduk CC1|Dup|x|y|1|1|1")).contains(QStringLiteral("Gagal")));
        QVERIFY(one(kOwner, QStringLiteral("addproduk CC2|Bad|x|y|abc|1|1")).contains(QStringLiteral("tidak valid")));
        QVERIFY(one(kOwner, QStringLiteral("addproduk CC2|too few")).contains(QStringLiteral("Format salah")));

        r = one(kOwner, QStringLiteral("addstok CC1\na@x.id|p1|Profil 1|1111\nb@x.id|p2\na@x.id|p1|Profil 1|1111\n"));
        QVERIFY2(r.contains(QStringLiteral("2 item")) && r.contains(QStringLiteral("1 duplikat")), qPrintable(r));
        r = one(kOwner, QStringLiteral("setharga CC1|gold|9000"));
        QVERIFY2(r.contains(QStringLiteral("Rp 9.000")), qPrintable(r));
        QVERIFY(one(kOwner, QStringLiteral("setharga CC1|platinum|9000")).contains(QStringLiteral("Tier")));
        QVERIFY(one(kOwner, QStringLiteral("setharga CC1|gold|-5")).contains(QStringLiteral("tidak valid")));
        QVERIFY(one(kOwner, QStringLiteral("setdesk CC1|Akun Canva edukasi")).contains(QStringLiteral("diperbarui")));

        const QString buyer = QStringLiteral("628555000111");
        QVERIFY(one(kOwner, QStringLiteral("addsaldo ") + buyer + QStringLiteral(",50000"))
                    .contains(QStringLiteral("Rp 50.000")));
        QVERIFY(one(kOwner, QStringLiteral("minsaldo ") + buyer + QStringLiteral(",10000"))
                    .contains(QStringLiteral("Rp 40.000")));
        QVERIFY(one(kOwner, QStringLiteral("minsaldo ") + buyer + QStringLiteral(",999999"))
                    .contains(QStringLiteral("tidak bisa")));
        QVERIFY(one(kOwner, QStringLiteral("addsaldo 0855-5000-111,-5")).contains(QStringLiteral("tidak valid")));
        QVERIFY(one(kOwner, QStringLiteral("ubahrole ") + buyer + QStringLiteral(",gold"))
                    .contains(QStringLiteral("gold")));
        QVERIFY(one(buyer, QStringLiteral("saldo")).contains(QStringLiteral("Rp 40.000")));
        r = one(buyer, QStringLiteral("buy CC1 1"));
        QVERIFY2(r.contains(QStringLiteral("Total: Rp 9.000")), qPrintable(r)); // the gold price just set

        r = one(kOwner, QStringLiteral("delstok CC1"));
        QVERIFY2(r.contains(QStringLiteral("1 item")), qPrintable(r)); // the sold one stays sold
        QVERIFY(one(kOwner, QStringLiteral("delproduk CC1")).contains(QStringLiteral("dihapus")));
        QVERIFY(!one(buyer, QStringLiteral("stok")).contains(QStringLiteral("CC1")));
        QVERIFY(one(buyer, QStringLiteral("buy CC1 1")).contains(QStringLiteral("tidak dijual")));
    }

    void fiftyCustomersRaceForTheLastTenItems()
    {
        // A product with exactly 10 items and 50 customers with plenty of saldo.
        QVERIFY(one(kOwner, QStringLiteral("addproduk RACE|Race Item|x|y|1000|1000|1000"))
                    .contains(QStringLiteral("RACE")));
        QStringList lines;
        for (int i = 0; i < 10; ++i)
            lines << QStringLiteral("race-item-%1|secret-%1").arg(i);
        QVERIFY(one(kOwner, QStringLiteral("addstok RACE\n") + lines.join(QLatin1Char('\n')))
                    .contains(QStringLiteral("10 item")));
        QStringList customers;
        for (int i = 0; i < 50; ++i) {
            customers << QStringLiteral("62877%1").arg(i, 6, 10, QLatin1Char('0'));
            QVERIFY(m_client->send(kOwner, QStringLiteral("addsaldo %1,100000").arg(customers.last())).status == 202);
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_client->messages(kOwner, m_client->lastId(kOwner) - 50).size(), 50, 10000);
        QHash<QString, qint64> after;
        for (const QString &c : customers) {
            QVERIFY(one(c, QStringLiteral("saldo")).contains(QStringLiteral("Rp 100.000")));
            after.insert(c, m_client->lastId(c));
        }

        // All 50 at once, each from its own thread and HTTP connection.
        QThreadPool pool;
        pool.setMaxThreadCount(50);
        const QString base = m_engine->httpUrl();
        const QString token = m_engine->config().adminToken;
        QList<QFuture<int>> posts;
        for (const QString &c : customers)
            posts << QtConcurrent::run(&pool, [base, token, c] {
                test::SimClient client(base, token);
                return client.send(c, QStringLiteral("buy RACE 1")).status;
            });
        for (auto &f : posts)
            QCOMPARE(f.result(), 202);

        QSet<QString> delivered;
        int deliveries = 0, soldOut = 0;
        for (const QString &c : customers) {
            const QJsonArray replies = m_client->waitFor(c, after.value(c), 1);
            QCOMPARE(replies.size(), 1); // exactly one reply to the one purchase
            const QString text = replies.first().toObject().value(QStringLiteral("text")).toString();
            if (text.contains(QStringLiteral("Pembelian berhasil"))) {
                ++deliveries;
                const auto m = QRegularExpression(QStringLiteral("Kode: (race-item-\\d)|Email: (race-item-\\d)"))
                                   .match(text);
                const QString item = m.captured(1) + m.captured(2);
                QVERIFY2(!item.isEmpty(), qPrintable(text));
                QVERIFY2(!delivered.contains(item), "an item was delivered twice");
                delivered.insert(item);
                QVERIFY(one(c, QStringLiteral("saldo")).contains(QStringLiteral("Rp 99.000")));
            } else {
                QVERIFY2(text.contains(QStringLiteral("habis")), qPrintable(text));
                ++soldOut;
                QVERIFY(one(c, QStringLiteral("saldo")).contains(QStringLiteral("Rp 100.000")));
            }
        }
        QCOMPARE(deliveries, 10);
        QCOMPARE(soldOut, 40);
        QCOMPARE(delivered.size(), 10);

        // Every customer's saldo equals the sum of their ledger entries.
        auto db = store::Database::open(m_engine->config().databaseUrl);
        QVERIFY(db);
        store::CustomerRepository customersRepo(db.value());
        auto mismatches = customersRepo.ledgerMismatches();
        QVERIFY(mismatches);
        QVERIFY(mismatches->isEmpty());
    }

    void rateLimitShowsSecondsToWait()
    {
        QTemporaryDir dir;
        auto e = startEngine(dir.path(), QStringLiteral("3/60s"));
        QVERIFY(e);
        test::SimClient client(e->httpUrl(), e->config().adminToken);
        for (int i = 0; i < 3; ++i) {
            const QStringList r = client.ask(kGold, QStringLiteral("buy FF100 1"));
            QVERIFY(!r.isEmpty() && r.first().contains(QStringLiteral("berhasil")));
        }
        const QStringList limited = client.ask(kGold, QStringLiteral("buy FF100 1"));
        QVERIFY(!limited.isEmpty());
        QVERIFY2(limited.first().contains(QStringLiteral("detik")), qPrintable(limited.first()));
        const auto seconds =
            QRegularExpression(QStringLiteral("(\\d+) detik")).match(limited.first()).captured(1).toInt();
        QVERIFY(seconds >= 55 && seconds <= 60);
        QVERIFY(client.ask(kGold, QStringLiteral("saldo")).first().contains(QStringLiteral("Rp 958.000")));
    }

    void inboxLeftByACrashIsHandledOnceAfterRestart()
    {
        QTemporaryDir dir;
        QString url;
        {
            auto e = startEngine(dir.path());
            QVERIFY(e);
            url = e->config().databaseUrl;
        }
        // A message committed to the inbox by a process that died before handling it.
        {
            auto db = store::Database::open(url);
            QVERIFY(db);
            store::MessageRepository inbox(db.value());
            domain::InboundMessage m;
            m.channel = QStringLiteral("simulator");
            m.externalId = QStringLiteral("crash-1");
            m.from = kBronze;
            m.text = QStringLiteral("buy NF1 1");
            m.receivedAt = QDateTime::currentDateTimeUtc();
            auto id = inbox.insertInbound(m);
            QVERIFY(id && id->has_value());
        }
        for (int run = 0; run < 2; ++run) {
            auto e = startEngine(dir.path());
            QVERIFY(e);
            test::SimClient client(e->httpUrl(), e->config().adminToken);
            const QJsonArray sent = client.waitFor(kBronze, 0, 1 + run);
            QCOMPARE(sent.size(), 1 + run); // the delivery (and, on the second run, the first saldo reply)
            QVERIFY(
                sent.first().toObject().value(QStringLiteral("text")).toString().contains(QStringLiteral("berhasil")));
            QVERIFY(client.ask(kBronze, QStringLiteral("saldo")).first().contains(QStringLiteral("Rp 465.000")));
            QTest::qWait(200);
            QCOMPARE(client.messages(kBronze, 0).size(), 2 + run); // one delivery, one saldo reply per run
        }
    }

    void metricsCountTheTraffic()
    {
        const auto r = m_client->request("GET", QStringLiteral("/metrics"), {}, {}, false);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("kedai_messages_in_total "));
        QVERIFY(r.body.contains("kedai_orders{status=\"delivered\"} "));
        QVERIFY(r.body.contains("kedai_reply_latency_seconds_count "));
        const auto health = m_client->request("GET", QStringLiteral("/healthz"), {}, {}, false);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestEngineSimulator)
#include "tst_engine_simulator.moc"
