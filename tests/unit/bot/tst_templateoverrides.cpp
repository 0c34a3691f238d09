// The shop's own wording of a reply (Settings → Reply templates): which texts are accepted, how
// the preview renders, and that the bot answers with the override (through the settings cache)
// and with the default again once it is removed.
#include "bot/bot.h"
#include "cache/memorycache.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kedai;
using bot::Templates;

class TestTemplateOverrides : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void checkOverride_data()
    {
        QTest::addColumn<QString>("original");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error"); // empty: accepted
        const QString saldo = QStringLiteral("Saldo: {saldo}\nTier: {tier}");
        QTest::newRow("same placeholders") << saldo << QStringLiteral("Sisa {saldo} ({tier})") << QString();
        QTest::newRow("reordered and repeated")
            << saldo << QStringLiteral("{tier}: {saldo}, sekali lagi {saldo}") << QString();
        QTest::newRow("unknown") << saldo << QStringLiteral("{saldo} {tier} {nama}")
                                 << QStringLiteral("templates.unknown_placeholder");
        QTest::newRow("missing") << saldo << QStringLiteral("Saldo: {saldo}")
                                 << QStringLiteral("templates.missing_placeholder");
        QTest::newRow("empty") << saldo << QStringLiteral("  \n ") << QStringLiteral("templates.empty");
        QTest::newRow("no placeholders") << QStringLiteral("Halo!") << QStringLiteral("Hai!") << QString();
        QTest::newRow("shop is always known") << saldo << QStringLiteral("{shop}: {saldo} {tier}") << QString();
        QTest::newRow("braces that are not placeholders")
            << QStringLiteral("Halo!") << QStringLiteral("Harga {mulai dari} 10rb") << QString();
    }

    void checkOverride()
    {
        QFETCH(QString, original);
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto r = Templates::checkOverride(original, text);
        if (error.isEmpty()) {
            QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        } else {
            QVERIFY(!r);
            QCOMPARE(r.error().code, error);
        }
    }

    void unknownPlaceholderMessageNamesIt()
    {
        const auto r = Templates::checkOverride(QStringLiteral("{saldo}"), QStringLiteral("{saldo} {nama}"));
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QLatin1String("{nama}")));
        QVERIFY(r.error().message.contains(QLatin1String("{saldo}")));
        QCOMPARE(r.error().details.value(QStringLiteral("names")).toStringList(),
                 QStringList{QStringLiteral("{nama}")});
    }

    void previewUsesSampleValues()
    {
        const QStringList names = Templates::placeholders(QStringLiteral("{name} beli {product} di {shop} {zzz}"));
        QCOMPARE(names, (QStringList{QStringLiteral("name"), QStringLiteral("product"), QStringLiteral("shop"),
                                     QStringLiteral("zzz")}));
        const QString out = Templates::renderText(QStringLiteral("{name} beli {product} di {shop} {zzz}"),
                                                  Templates::sampleValues(names, QStringLiteral("Toko Kita")));
        QVERIFY2(!out.contains(QLatin1Char('{')), qPrintable(out));
        QVERIFY(out.contains(QLatin1String("Toko Kita")));
        QVERIFY(out.contains(QLatin1String("<zzz>")));
    }

    void everyDefaultPassesItsOwnCheck()
    {
        for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")}) {
            auto t = Templates::load(language);
            QVERIFY(t);
            QVERIFY(t->keys().size() > 20);
            QVERIFY(!t->keys().contains(QStringLiteral("_comment")));
            for (const QString &key : t->keys())
                QVERIFY2(Templates::checkOverride(t->text(key), t->text(key)), qPrintable(key));
        }
    }

    void botUsesTheOverride()
    {
        QVERIFY(m_dir.isValid());
        auto db = store::Database::open(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("bot.db")));
        QVERIFY(db);
        auto clock = std::make_shared<common::ManualClock>();
        auto deps = std::make_shared<bot::BotDeps>();
        deps->db = db.value();
        deps->catalog = std::make_shared<store::CatalogRepository>(db.value());
        deps->catalogCache = std::make_shared<bot::CatalogCache>(deps->catalog, nullptr);
        deps->customers = std::make_shared<store::CustomerRepository>(db.value());
        deps->customerCache = std::make_shared<bot::CustomerCache>(deps->customers, nullptr);
        deps->orders = std::make_shared<store::OrderRepository>(db.value());
        deps->purchases = std::make_shared<store::PurchaseService>(db.value());
        deps->messages = std::make_shared<store::MessageRepository>(db.value());
        deps->limiter = std::make_shared<cache::MemoryRateLimiter>(clock);
        deps->locks = std::make_shared<cache::MemoryLockManager>(clock);
        deps->clock = clock;
        deps->templates = Templates::load(QStringLiteral("id")).value();
        auto settings = std::make_shared<bot::SettingsCache>(std::make_shared<store::SettingsRepository>(db.value()),
                                                             std::make_shared<cache::MemoryCache>(clock));
        deps->settings = settings;
        int seq = 0;
        // One bot, as on a running instance: it remembers the overrides it read for a few seconds.
        bot::Bot b(deps);
        auto say = [&](const QString &text) {
            domain::InboundMessage m;
            m.channel = QStringLiteral("simulator");
            m.externalId = QStringLiteral("o-%1").arg(++seq);
            m.from = QStringLiteral("628111222444");
            m.text = text;
            m.receivedAt = clock->now();
            auto id = deps->messages->insertInbound(m);
            if (!id || !id->has_value())
                return QString();
            m.id = **id;
            b.handle(m);
            QStringList texts;
            const auto due = deps->messages->claimDue(100, clock->now().addDays(1));
            for (const auto &o : due.value()) {
                texts << o.text;
                (void)deps->messages->markSent(o.id, QStringLiteral("x"), clock->now());
            }
            return texts.join(QLatin1Char('\n'));
        };
        QVERIFY(say(QStringLiteral("saldo")).contains(QLatin1String("Saldo Anda")));
        QVERIFY(settings->setValue(Templates::overrideKey(QStringLiteral("id"), QStringLiteral("saldo")),
                                   QStringLiteral("Dompet kamu: {saldo} [{tier}]"), QStringLiteral("test")));
        // Read a moment ago: still the default until the engine says a template changed.
        QVERIFY(say(QStringLiteral("saldo")).contains(QLatin1String("Saldo Anda")));
        b.forgetTemplateOverrides();
        const QString own = say(QStringLiteral("saldo"));
        QVERIFY2(own.startsWith(QLatin1String("Dompet kamu: Rp")), qPrintable(own));
        QVERIFY(own.contains(QLatin1String("[bronze]"), Qt::CaseInsensitive));
        // English overrides do not touch Indonesian replies, and removing the override restores the default.
        QVERIFY(settings->setValue(Templates::overrideKey(QStringLiteral("id"), QStringLiteral("saldo")), QString(),
                                   QStringLiteral("test")));
        b.forgetTemplateOverrides();
        QVERIFY(say(QStringLiteral("saldo")).contains(QLatin1String("Saldo Anda")));
    }
};

QTEST_GUILESS_MAIN(TestTemplateOverrides)
#include "tst_templateoverrides.moc"
