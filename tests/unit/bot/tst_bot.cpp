// The bot on a real SQLite store, without threads or HTTP: the branches that the end-to-end
// tests cannot reach easily (a purchase in progress elsewhere, the rate-limit clock, blocked
// customers, media, English replies).
#include "bot/bot.h"
#include "cache/memorycache.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kedai;

class TestBot : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<common::ManualClock> m_clock;
    std::shared_ptr<cache::MemoryLockManager> m_locks;
    std::shared_ptr<bot::BotDeps> m_deps;
    qint64 m_customerId = 0;
    int m_seq = 0;

    std::shared_ptr<bot::BotDeps> deps(const QString &language)
    {
        auto d = std::make_shared<bot::BotDeps>(*m_deps);
        d->templates = bot::Templates::load(language).value();
        return d;
    }

    /// Handles one message and returns the replies it queued.
    QStringList say(const QString &text, domain::MessageType type = domain::MessageType::Text,
                    std::shared_ptr<bot::BotDeps> d = {})
    {
        bot::Bot b(d ? d : m_deps);
        domain::InboundMessage m;
        m.channel = QStringLiteral("simulator");
        m.externalId = QStringLiteral("t-%1").arg(++m_seq);
        m.from = QStringLiteral("628111222333");
        m.type = type;
        m.text = text;
        m.receivedAt = m_clock->now();
        auto id = m_deps->messages->insertInbound(m);
        if (!id || !id->has_value())
            return {QStringLiteral("inbox insert failed")};
        m.id = **id;
        b.handle(m);
        QStringList texts;
        auto due = m_deps->messages->claimDue(100, m_clock->now().addDays(1));
        for (const auto &o : due.value()) {
            texts << o.text;
            (void)m_deps->messages->markSent(o.id, QStringLiteral("x"), m_clock->now());
        }
        return texts;
    }

    common::Rupiah saldo() { return m_deps->customers->byId(m_customerId).value()->saldo; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = store::Database::open(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("bot.db")));
        QVERIFY(db);
        m_clock = std::make_shared<common::ManualClock>();
        m_locks = std::make_shared<cache::MemoryLockManager>(m_clock);
        m_deps = std::make_shared<bot::BotDeps>();
        m_deps->db = db.value();
        m_deps->catalog = std::make_shared<store::CatalogRepository>(db.value());
        m_deps->catalogCache = std::make_shared<bot::CatalogCache>(m_deps->catalog, nullptr);
        m_deps->customers = std::make_shared<store::CustomerRepository>(db.value());
        m_deps->customerCache = std::make_shared<bot::CustomerCache>(m_deps->customers, nullptr);
        m_deps->orders = std::make_shared<store::OrderRepository>(db.value());
        m_deps->purchases = std::make_shared<store::PurchaseService>(db.value());
        m_deps->messages = std::make_shared<store::MessageRepository>(db.value());
        m_deps->limiter = std::make_shared<cache::MemoryRateLimiter>(m_clock);
        m_deps->locks = m_locks;
        m_deps->clock = m_clock;
        m_deps->templates = bot::Templates::load(QStringLiteral("id")).value();

        domain::Product p;
        p.code = QStringLiteral("V1");
        p.name = QStringLiteral("Voucher Satu");
        p.category = QStringLiteral("Voucher");
        p.terms = QStringLiteral("Sekali pakai.");
        p.priceBronze = p.priceSilver = p.priceGold = 1000;
        auto created = m_deps->catalog->create(p, QStringLiteral("test"));
        QVERIFY(created);
        QStringList lines;
        for (int i = 0; i < 20; ++i)
            lines << QStringLiteral("CODE-%1").arg(i);
        QVERIFY(m_deps->catalog->addStock(created->id, lines, QStringLiteral("test")));
        auto c = m_deps->customers->ensure(QStringLiteral("simulator"), QStringLiteral("628111222333"),
                                           QStringLiteral("628111222333"), QStringLiteral("Tes"));
        QVERIFY(c);
        m_customerId = c->id;
        QVERIFY(m_deps->customers->postLedger(m_customerId, 100000, domain::LedgerKind::Topup, QStringLiteral("test"),
                                              {}, QStringLiteral("modal")));
    }

    void purchaseAlreadyInProgress()
    {
        const QString key = QStringLiteral("kedai:lock:buy:%1").arg(m_customerId);
        const auto token = m_locks->tryLock(key, 30'000);
        QVERIFY(token);
        const QStringList replies = say(QStringLiteral("buy V1 1"));
        QCOMPARE(replies.size(), 1);
        QVERIFY2(replies.first().contains(QStringLiteral("masih diproses")), qPrintable(replies.first()));
        QCOMPARE(saldo(), 100000);
        QVERIFY(m_locks->unlock(key, *token));
        QVERIFY(say(QStringLiteral("buy V1 1")).first().contains(QStringLiteral("berhasil")));
        QCOMPARE(saldo(), 99000);
        // The purchase released its own lock.
        QVERIFY(m_locks->tryLock(key, 1000));
        m_clock->advanceMs(120'000);
    }

    void rateLimitFollowsTheClock()
    {
        m_clock->advanceMs(120'000);
        for (int i = 0; i < 3; ++i)
            QVERIFY(say(QStringLiteral("buy V1 1")).first().contains(QStringLiteral("berhasil")));
        const common::Rupiah before = saldo();
        m_clock->advanceMs(30'000);
        const QString limited = say(QStringLiteral("buy V1 1")).first();
        QVERIFY2(limited.contains(QStringLiteral("30 detik")), qPrintable(limited));
        QCOMPARE(saldo(), before);
        m_clock->advanceMs(30'000);
        QVERIFY(say(QStringLiteral("buy V1 1")).first().contains(QStringLiteral("berhasil")));
    }

    void mediaIsAnsweredPolitely()
    {
        const QStringList r = say(QString(), domain::MessageType::Image);
        QCOMPARE(r.size(), 1);
        QVERIFY(r.first().contains(QStringLiteral("belum bisa membaca")));
    }

    void englishReplies()
    {
        m_clock->advanceMs(120'000);
        const QStringList r = say(QStringLiteral("buy V1 1"), domain::MessageType::Text, deps(QStringLiteral("en")));
        QVERIFY2(r.first().contains(QStringLiteral("Purchase successful")), qPrintable(r.first()));
        QVERIFY(r.first().contains(QStringLiteral("Kode: CODE-")));
        QVERIFY(say(QStringLiteral("saldo"), domain::MessageType::Text, deps(QStringLiteral("en")))
                    .first()
                    .contains(QStringLiteral("Your saldo")));
    }

    void ownerCommandsNeedAnOwnerNumber()
    {
        const common::Rupiah before = saldo();
        QVERIFY(say(QStringLiteral("addsaldo 628111222333,5000")).first().contains(QStringLiteral("pemilik")));
        QCOMPARE(saldo(), before);
        auto owner = deps(QStringLiteral("id"));
        owner->config.ownerNumbers = {QStringLiteral("628111222333")};
        QVERIFY(say(QStringLiteral("addsaldo 628111222333,5000"), domain::MessageType::Text, owner)
                    .first()
                    .contains(QStringLiteral("ditambah")));
        QCOMPARE(saldo(), before + 5000);
    }

    void blockedCustomerBuysNothing()
    {
        QVERIFY(m_deps->customers->setBlocked(m_customerId, true, QStringLiteral("test")));
        const common::Rupiah before = saldo();
        m_clock->advanceMs(120'000);
        const QStringList r = say(QStringLiteral("buy V1 1"));
        QCOMPARE(r.size(), 1);
        QVERIFY(r.first().contains(QStringLiteral("tidak dapat bertransaksi")));
        QCOMPARE(saldo(), before);
        QVERIFY(m_deps->customers->setBlocked(m_customerId, false, QStringLiteral("test")));
    }

    void blockedCustomerIsToldOnce()
    {
        const auto inbox = [this] {
            auto conn = m_deps->db->connection();
            QSqlQuery q(conn);
            return q.exec(QStringLiteral("SELECT COUNT(*) FROM inbox")) && q.next() ? q.value(0).toInt() : -1;
        };
        QVERIFY(m_deps->customers->setBlocked(m_customerId, true, QStringLiteral("test")));
        const int stored = inbox();
        QStringList replies;
        for (const char *text : {"menu", "buy V1 1", "halo?"})
            replies << say(QString::fromLatin1(text));
        QCOMPARE(replies.size(), 1);
        QVERIFY2(replies.first().contains(QStringLiteral("tidak dapat bertransaksi")), qPrintable(replies.first()));
        QCOMPARE(inbox(), stored + 3); // kept for staff (Conversations), only not answered

        // Unblocked and blocked again: told once more.
        QVERIFY(m_deps->customers->setBlocked(m_customerId, false, QStringLiteral("test")));
        QVERIFY(m_deps->customers->setBlocked(m_customerId, true, QStringLiteral("test")));
        replies.clear();
        for (const char *text : {"saldo", "stok", "p"})
            replies << say(QString::fromLatin1(text));
        QCOMPARE(replies.size(), 1);
        QVERIFY(m_deps->customers->setBlocked(m_customerId, false, QStringLiteral("test")));
        QVERIFY(!say(QStringLiteral("saldo")).isEmpty());
    }

    void catalogCacheRoundTripAndInvalidation()
    {
        auto products = m_deps->catalog->list(false);
        QVERIFY(products && !products->isEmpty());
        const auto decoded = bot::CatalogCache::decode(bot::CatalogCache::encode(products.value()));
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), products->size());
        const auto &a = products->first();
        const auto &b = decoded->first();
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.code, a.code);
        QCOMPARE(b.terms, a.terms);
        QCOMPARE(b.priceGold, a.priceGold);
        QCOMPARE(b.stockAvailable, a.stockAvailable);
        QCOMPARE(b.sold, a.sold);
        QVERIFY(!bot::CatalogCache::decode(bot::CatalogCache::encode(products.value()).left(10)));

        // Served from the cache until invalidated, then read again from the database.
        auto memory = std::make_shared<cache::MemoryCache>(m_clock);
        bot::CatalogCache cached(m_deps->catalog, memory);
        const qint64 before = cached.activeProducts()->first().stockAvailable;
        QVERIFY(m_deps->catalog->addStock(a.id, {QStringLiteral("CODE-EXTRA")}, QStringLiteral("test")));
        QCOMPARE(cached.activeProducts()->first().stockAvailable, before);
        QCOMPARE(memory->hits(), 1);
        memory->invalidatePrefix(bot::CatalogCache::prefix());
        QCOMPARE(cached.activeProducts()->first().stockAvailable, before + 1);
    }

    void customerCacheServesKnownCustomers()
    {
        auto memory = std::make_shared<cache::MemoryCache>(m_clock);
        bot::CustomerCache cached(m_deps->customers, memory);
        const QString channel = QStringLiteral("simulator");
        const QString number = QStringLiteral("628111222333");

        // A new customer is created but not cached: its registration is not committed yet.
        const QString newcomer = QStringLiteral("628777000111");
        bool wrote = false;
        auto created = cached.ensure(channel, newcomer, newcomer, QStringLiteral("Budi"), &wrote);
        QVERIFY(created);
        QVERIFY(wrote);
        QVERIFY(!memory->get(bot::CustomerCache::identityKey(channel, newcomer)));

        // A known one is read once, then served from the cache; the record carries no saldo.
        auto first = cached.ensure(channel, number, number, {}, &wrote);
        QVERIFY(first);
        QVERIFY(!wrote);
        QCOMPARE(first->id, m_customerId);
        QCOMPARE(first->saldo, 0);
        const qint64 hits = memory->hits();
        auto again = cached.ensure(channel, number, number, {}, &wrote);
        QVERIFY(again);
        QCOMPARE(again->id, m_customerId);
        QCOMPARE(memory->hits(), hits + 2); // identity and record

        // The saldo is cached apart, and read again once invalidated after a ledger entry.
        const common::Rupiah before = saldo();
        QCOMPARE(cached.saldo(m_customerId).value(), before);
        QVERIFY(m_deps->customers->postLedger(m_customerId, 700, domain::LedgerKind::Topup, QStringLiteral("test"), {},
                                              QStringLiteral("cache test")));
        QCOMPARE(cached.saldo(m_customerId).value(), before); // stale until invalidated
        memory->invalidate(bot::CustomerCache::balanceKey(m_customerId));
        QCOMPARE(cached.saldo(m_customerId).value(), before + 700);

        // A tier change shows once the record is invalidated.
        QVERIFY(m_deps->customers->setTier(m_customerId, domain::Tier::Gold, QStringLiteral("test")));
        memory->invalidate(bot::CustomerCache::recordKey(m_customerId));
        QCOMPARE(cached.ensure(channel, number, number, {})->tier, domain::Tier::Gold);
        QVERIFY(m_deps->customers->setTier(m_customerId, domain::Tier::Bronze, QStringLiteral("test")));

        // Damaged bytes are a miss, not a customer.
        QVERIFY(!bot::CustomerCache::decode(QByteArrayLiteral("\x01garbage")));
        QVERIFY(!bot::CustomerCache::decode(bot::CustomerCache::encode(*first).left(5)));
    }

    void settingsCacheFollowsWrites()
    {
        auto repo = std::make_shared<store::SettingsRepository>(m_deps->db);
        auto memory = std::make_shared<cache::MemoryCache>(m_clock);
        bot::SettingsCache settings(repo, memory);
        QCOMPARE(settings.value(QStringLiteral("qris.bonus"), QStringLiteral("none")).value(), QStringLiteral("none"));
        QVERIFY(settings.setValue(QStringLiteral("qris.bonus"), QStringLiteral("2000/50000"), QStringLiteral("test")));
        QCOMPARE(settings.value(QStringLiteral("qris.bonus")).value(), QStringLiteral("2000/50000"));
        // Served from the cache: a write behind its back (another instance before its
        // invalidation arrives) is not seen until the key is dropped.
        QVERIFY(repo->setValue(QStringLiteral("qris.bonus"), QStringLiteral("0"), QStringLiteral("test")));
        QCOMPARE(settings.value(QStringLiteral("qris.bonus")).value(), QStringLiteral("2000/50000"));
        memory->invalidate(bot::SettingsCache::cacheKey(QStringLiteral("qris.bonus")));
        QCOMPARE(settings.value(QStringLiteral("qris.bonus")).value(), QStringLiteral("0"));
        // An empty value is a value, not "never set".
        QVERIFY(settings.setValue(QStringLiteral("shop.note"), QString(), QStringLiteral("test")));
        QCOMPARE(settings.value(QStringLiteral("shop.note"), QStringLiteral("fallback")).value(), QString());
        QCOMPARE(settings.value(QStringLiteral("shop.note"), QStringLiteral("fallback")).value(), QString());
    }

    void ledgerStaysConsistent()
    {
        auto mismatches = m_deps->customers->ledgerMismatches();
        QVERIFY(mismatches);
        QVERIFY(mismatches->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBot)
#include "tst_bot.moc"
