// The bot's interactive messages on a real SQLite store: the catalog as a list, a single search
// hit as reply buttons with a numbered fallback, a bare number answering the latest question,
// picked choices arriving as Interactive messages, media, and the human-takeover pause.
#include "bot/bot.h"
#include "cache/memorycache.h"
#include "store/conversationrepository.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace kedai;
using domain::Interactive;
using domain::MessageType;

Q_DECLARE_METATYPE(kedai::domain::MessageType)

namespace {

const QString kCustomer = QStringLiteral("628111222333");
const QString kOther = QStringLiteral("628444555666");
const QString kChannel = QStringLiteral("simulator");

struct Handled
{
    bot::HandleOutcome outcome;
    QList<domain::OutboundMessage> out; ///< what it queued, in order
    qint64 inboxId = 0;

    QString text() const { return out.isEmpty() ? QString() : out.first().text; }
    std::optional<Interactive> interactive() const
    {
        return out.isEmpty() ? std::nullopt : Interactive::fromJson(out.first().payload);
    }
};

QStringList ids(const QList<domain::InteractiveChoice> &choices)
{
    QStringList out;
    for (const auto &c : choices)
        out << c.id;
    return out;
}

} // namespace

class TestBotInteractive : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<common::ManualClock> m_clock;
    std::shared_ptr<bot::BotDeps> m_deps;
    std::shared_ptr<store::ConversationRepository> m_conversations;
    qint64 m_customerId = 0;
    int m_seq = 0;

    /// A product with `stock` lines of stock.
    void addProduct(const QString &code, const QString &name, const QString &category, int stock,
                    common::Rupiah price = 10'000)
    {
        domain::Product p;
        p.code = code;
        p.name = name;
        p.category = category;
        p.priceBronze = p.priceSilver = p.priceGold = price;
        auto created = m_deps->catalog->create(p, QStringLiteral("test"));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        if (stock == 0)
            return;
        QStringList lines;
        for (int i = 0; i < stock; ++i)
            lines << QStringLiteral("%1-LINE-%2").arg(code).arg(i);
        QVERIFY(m_deps->catalog->addStock(created->id, lines, QStringLiteral("test")));
    }

    /// Handles one message from `from` and returns what it queued.
    Handled say(const QString &text, MessageType type = MessageType::Text, const QString &from = kCustomer,
                std::shared_ptr<bot::BotDeps> deps = {})
    {
        Handled h;
        bot::Bot b(deps ? deps : m_deps);
        domain::InboundMessage m;
        m.channel = kChannel;
        m.externalId = QStringLiteral("t-%1").arg(++m_seq);
        m.from = from;
        m.type = type;
        m.text = text;
        m.receivedAt = m_clock->now();
        auto id = m_deps->messages->insertInbound(m);
        if (!id || !id->has_value()) {
            h.outcome.systemError = true;
            return h;
        }
        m.id = h.inboxId = **id;
        h.outcome = b.handle(m);
        h.out = drain();
        return h;
    }

    /// Everything queued and not yet taken, marked sent (as the sender would).
    QList<domain::OutboundMessage> drain()
    {
        auto due = m_deps->messages->claimDue(100, m_clock->now().addDays(1));
        if (!due)
            return {};
        for (const auto &o : due.value())
            (void)m_deps->messages->markSent(o.id, QStringLiteral("x-%1").arg(o.id), m_clock->now());
        return due.value();
    }

    QString render(const QString &key, const QVariantMap &values = {}) const
    {
        QVariantMap v = values;
        v.insert(QStringLiteral("shop"), m_deps->config.shopName);
        return m_deps->templates.render(key, v);
    }

    common::Rupiah saldo() { return m_deps->customers->byId(m_customerId).value()->saldo; }

    qint64 orderCount()
    {
        auto n = m_deps->orders->forCustomer(m_customerId, 100);
        return n ? n->size() : -1;
    }

private Q_SLOTS:
    // A fresh shop for every test: the catalog decides what kind of message "stok" gets.
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto db = store::Database::open(QStringLiteral("sqlite://") + m_dir->filePath(QStringLiteral("bot.db")));
        QVERIFY(db);
        m_clock = std::make_shared<common::ManualClock>();
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
        m_deps->locks = std::make_shared<cache::MemoryLockManager>(m_clock);
        m_deps->clock = m_clock;
        m_deps->templates = bot::Templates::load(QStringLiteral("id")).value();
        m_conversations = std::make_shared<store::ConversationRepository>(db.value());

        auto c = m_deps->customers->ensure(kChannel, kCustomer, kCustomer, QStringLiteral("Tes"));
        QVERIFY(c);
        m_customerId = c->id;
        QVERIFY(m_deps->customers->postLedger(m_customerId, 100'000, domain::LedgerKind::Topup, QStringLiteral("test"),
                                              {}, QStringLiteral("modal")));
        m_seq = 0;
    }

    void cleanup()
    {
        m_conversations.reset();
        m_deps.reset();
        m_dir.reset();
    }

    void catalogIsAListOfProducts()
    {
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 3, 35'000);
        addProduct(QStringLiteral("SP1"), QStringLiteral("Spotify Premium"), QStringLiteral("Streaming"), 0, 20'000);
        addProduct(QStringLiteral("GP1"), QStringLiteral("Google Play 50rb"), QStringLiteral("Voucher"), 2, 50'000);

        const Handled h = say(QStringLiteral("stok"));
        QCOMPARE(h.outcome.replies, 1);
        QCOMPARE(h.out.size(), 1);
        const domain::OutboundMessage &o = h.out.first();
        QCOMPARE(o.type, MessageType::Interactive);
        // The classic catalog text stays for channels without lists.
        bot::Bot b(m_deps);
        QCOMPARE(o.text, b.catalogText(domain::Tier::Bronze).value());
        for (const char *code : {"NF1", "SP1", "GP1"})
            QVERIFY2(o.text.contains(QLatin1String(code)), qPrintable(o.text));

        const auto list = Interactive::fromJson(o.payload);
        QVERIFY2(list, qPrintable(o.payload));
        QCOMPARE(list->kind, Interactive::Kind::List);
        QCOMPARE(list->button, render(QStringLiteral("catalog.list.button")));
        QCOMPARE(list->body, render(QStringLiteral("catalog.list.body")));
        // One section per category, in the catalog text's order.
        QCOMPARE(list->sections.size(), 2);
        QCOMPARE(list->sections.at(0).title, QStringLiteral("Streaming"));
        QCOMPARE(list->sections.at(1).title, QStringLiteral("Voucher"));
        const auto rows = list->choices();
        QVERIFY(rows.size() <= 10);
        const QStringList rowIds = ids(rows);
        QCOMPARE(QSet<QString>(rowIds.cbegin(), rowIds.cend()),
                 (QSet<QString>{"cmd:cari NF1", "cmd:cari SP1", "cmd:cari GP1"}));
        for (const auto &row : rows) {
            QVERIFY(!row.title.isEmpty());
            QVERIFY2(row.title.size() <= 24, qPrintable(row.title));
            QVERIFY2(row.description.size() <= 72, qPrintable(row.description));
        }
        const auto netflix = std::find_if(rows.cbegin(), rows.cend(),
                                          [](const auto &r) { return r.id == QLatin1String("cmd:cari NF1"); });
        QCOMPARE(netflix->title, QStringLiteral("Netflix Sebulan"));
        QVERIFY2(netflix->description.contains(QStringLiteral("35.000")), qPrintable(netflix->description));
        QVERIFY2(netflix->description.contains(QStringLiteral("stok 3")), qPrintable(netflix->description));
    }

    void tenProductsAreStillAList()
    {
        for (int i = 0; i < 10; ++i)
            addProduct(QStringLiteral("P%1").arg(i), QStringLiteral("Produk %1").arg(i),
                       QStringLiteral("Kat%1").arg(i % 3), 1);
        const auto list = say(QStringLiteral("stok")).interactive();
        QVERIFY(list);
        QCOMPARE(list->kind, Interactive::Kind::List);
        QCOMPARE(list->choices().size(), 10);
        for (const auto &row : list->choices())
            QVERIFY2(row.id.startsWith(QStringLiteral("cmd:cari P")), qPrintable(row.id));
    }

    void manyProductsListTheCategories()
    {
        const QStringList categories = {QStringLiteral("Game"), QStringLiteral("Streaming Video"),
                                        QStringLiteral("Voucher")};
        for (int i = 0; i < 12; ++i)
            addProduct(QStringLiteral("X%1").arg(i), QStringLiteral("Barang %1").arg(i), categories.at(i % 3), 1);

        const Handled h = say(QStringLiteral("stok"));
        QCOMPARE(h.out.size(), 1);
        QCOMPARE(h.out.first().type, MessageType::Interactive);
        QVERIFY(h.text().contains(QStringLiteral("X11"))); // the full text keeps every product
        const auto list = h.interactive();
        QVERIFY(list);
        QCOMPARE(list->kind, Interactive::Kind::List);
        QCOMPARE(list->body, render(QStringLiteral("catalog.list.categories")));
        QCOMPARE(ids(list->choices()), (QStringList{"cmd:cari Game", "cmd:cari Streaming Video", "cmd:cari Voucher"}));
        QCOMPARE(list->choices().at(1).title, QStringLiteral("Streaming Video"));
        QCOMPARE(list->choices().at(1).description, QStringLiteral("4 produk"));

        // The text lists the products, not the categories: a bare number is not taken as a
        // category the customer never saw numbered.
        QVERIFY(!list->numbered);
        const QString two = say(QStringLiteral("2")).text();
        QVERIFY2(!two.contains(QStringLiteral("\"Streaming Video\"")), qPrintable(two));
        QVERIFY(say(QStringLiteral("stok")).interactive());
        // Picking the second row (it arrives as its command) opens that category only.
        const QString found = say(domain::commandOfChoice(list->choices().at(1).id), MessageType::Interactive).text();
        for (int i = 0; i < 12; ++i) {
            const QString code = QStringLiteral("X%1").arg(i);
            const QRegularExpression listed(QStringLiteral("\\b") + code + QStringLiteral("\\b"));
            QVERIFY2(found.contains(listed) == (i % 3 == 1), qPrintable(code + QStringLiteral(": ") + found));
        }
    }

    void uncategorisedProductsCanBeOpened()
    {
        // Products without a category are shown under "Lainnya"; that row must open them.
        for (int i = 0; i < 11; ++i)
            addProduct(QStringLiteral("U%1").arg(i), QStringLiteral("Barang %1").arg(i),
                       i < 8 ? QStringLiteral("Voucher") : QString(), 1);
        const auto list = say(QStringLiteral("stok")).interactive();
        QVERIFY(list);
        QCOMPARE(list->choices().size(), 2);
        QCOMPARE(list->choices().at(0).title, QStringLiteral("Lainnya"));
        QCOMPARE(list->choices().at(0).description, QStringLiteral("3 produk"));

        const QString found = say(domain::commandOfChoice(list->choices().at(0).id), MessageType::Interactive).text();
        // The catalog names uncategorised products "Lainnya": that row must find them.
        QVERIFY2(found.contains(QStringLiteral("U8")) && found.contains(QStringLiteral("U10")), qPrintable(found));
    }

    void manyCategoriesAreTextOnly()
    {
        for (int i = 0; i < 11; ++i)
            addProduct(QStringLiteral("C%1").arg(i), QStringLiteral("Barang %1").arg(QChar(u'A' + i)),
                       QStringLiteral("Kategori %1").arg(QChar(u'A' + i)), 1);
        const Handled h = say(QStringLiteral("stok"));
        QCOMPARE(h.out.size(), 1);
        QCOMPARE(h.out.first().type, MessageType::Text);
        QVERIFY(h.out.first().payload.isEmpty());
        bot::Bot b(m_deps);
        QCOMPARE(h.text(), b.catalogText(domain::Tier::Bronze).value());
        // No question was asked, so a number is not an answer.
        QVERIFY2(say(QStringLiteral("1")).text().contains(QStringLiteral("tidak dikenal")), "a number became a choice");
    }

    void singleProductSearchOffersButtons()
    {
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 2, 35'000);
        addProduct(QStringLiteral("SP1"), QStringLiteral("Spotify Premium"), QStringLiteral("Streaming"), 2);

        const Handled h = say(QStringLiteral("cari NF1"));
        QCOMPARE(h.out.size(), 1);
        QCOMPARE(h.out.first().type, MessageType::Interactive);
        const auto buttons = h.interactive();
        QVERIFY2(buttons, qPrintable(h.out.first().payload));
        QCOMPARE(buttons->kind, Interactive::Kind::Buttons);
        QCOMPARE(ids(buttons->choices()), (QStringList{"cmd:buy NF1 1", "cmd:buynow NF1 1", "cmd:menu"}));
        for (const auto &b : buttons->buttons)
            QVERIFY2(!b.title.isEmpty() && b.title.size() <= 20, qPrintable(b.title));
        QVERIFY(buttons->body.contains(QStringLiteral("NF1")));
        QVERIFY(buttons->body.contains(QStringLiteral("35.000")));
        // The text is the numbered fallback: what a channel without buttons shows.
        const QString hint = render(QStringLiteral("choice.hint"));
        QCOMPARE(h.text(), buttons->fallbackText(hint));
        QVERIFY2(h.text().contains(QStringLiteral("\n1. ") + render(QStringLiteral("button.buy_saldo"))),
                 qPrintable(h.text()));
        QVERIFY(h.text().contains(QStringLiteral("\n2. ") + render(QStringLiteral("button.buy_qris"))));
        QVERIFY(h.text().contains(QStringLiteral("\n3. ") + render(QStringLiteral("button.menu"))));
        QVERIFY(h.text().endsWith(hint));
    }

    void searchWithoutSingleInStockHitIsText_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("out of stock") << "cari SP1";
        QTest::newRow("several hits") << "cari streaming";
        QTest::newRow("bare keyword, several hits") << "premium";
    }

    void searchWithoutSingleInStockHitIsText()
    {
        QFETCH(QString, command);
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Premium"), QStringLiteral("Streaming"), 2);
        addProduct(QStringLiteral("SP1"), QStringLiteral("Spotify Premium"), QStringLiteral("Streaming"), 0);
        const Handled h = say(command);
        QCOMPARE(h.out.size(), 1);
        QCOMPARE(h.out.first().type, MessageType::Text);
        QVERIFY(h.out.first().payload.isEmpty());
        QVERIFY(h.text().contains(QStringLiteral("SP1")));
    }

    void numberAnswersTheButtons_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("expect"); // "buy", "buynow", "menu" or "none"

        QTest::newRow("1: buy with saldo") << "1"
                                           << "buy";
        QTest::newRow("2: pay with QRIS") << "2"
                                          << "buynow";
        QTest::newRow("3: menu") << "3"
                                 << "menu";
        QTest::newRow("2 with blanks and a dot") << " 2. "
                                                 << "buynow";
        QTest::newRow("9: out of range") << "9"
                                         << "none";
        QTest::newRow("0: out of range") << "0"
                                         << "none";
        QTest::newRow("4: one past the end") << "4"
                                             << "none";
        QTest::newRow("123: too long") << "123"
                                       << "none";
        QTest::newRow("-1") << "-1"
                            << "none";
    }

    void numberAnswersTheButtons()
    {
        QFETCH(QString, answer);
        QFETCH(QString, expect);
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 2, 35'000);
        QVERIFY(say(QStringLiteral("cari NF1")).interactive());
        const common::Rupiah before = saldo();

        const Handled h = say(answer);
        QCOMPARE(h.out.size(), 1);
        if (expect == QLatin1String("buy")) {
            QVERIFY2(h.text().contains(QStringLiteral("berhasil")), qPrintable(h.text()));
            QVERIFY2(h.text().contains(QStringLiteral("NF1-LINE-")), qPrintable(h.text()));
            QCOMPARE(saldo(), before - 35'000);
            QCOMPARE(orderCount(), 1);
        } else if (expect == QLatin1String("buynow")) {
            // QRIS is off in this shop: the buynow command answered, nothing was bought.
            QCOMPARE(h.text(), render(QStringLiteral("qris.off")));
            QCOMPARE(saldo(), before);
        } else if (expect == QLatin1String("menu")) {
            QVERIFY2(h.text().contains(QStringLiteral("selamat datang")), qPrintable(h.text()));
        } else {
            // Not a choice: handled as any other text (an unknown command), nothing bought.
            QVERIFY2(h.text().contains(QStringLiteral("tidak dikenal")), qPrintable(h.text()));
            QCOMPARE(saldo(), before);
            QCOMPARE(orderCount(), 0);
        }
    }

    void catalogRowAnswerOpensTheProduct()
    {
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 2);
        addProduct(QStringLiteral("GP1"), QStringLiteral("Google Play 50rb"), QStringLiteral("Voucher"), 2);
        const Handled catalog = say(QStringLiteral("stok"));
        const auto list = catalog.interactive();
        QVERIFY(list);
        QCOMPARE(list->choices().at(1).id, QStringLiteral("cmd:cari GP1"));
        // The text shows the same numbers as the list, so a customer without the list can answer.
        QVERIFY(list->numbered);
        QVERIFY2(catalog.text().contains(QStringLiteral("1. *NF1*"))
                     && catalog.text().contains(QStringLiteral("2. *GP1*")),
                 qPrintable(catalog.text()));
        // "2" is "cari GP1": one product in stock, so its buttons; then "1" buys it.
        const auto buttons = say(QStringLiteral("2")).interactive();
        QVERIFY(buttons);
        QCOMPARE(buttons->choices().first().id, QStringLiteral("cmd:buy GP1 1"));
        QVERIFY(say(QStringLiteral("1")).text().contains(QStringLiteral("GP1-LINE-")));
        QCOMPARE(orderCount(), 1);
    }

    void numberWithoutRecentQuestionIsPlainText()
    {
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 5);
        const common::Rupiah before = saldo();
        const auto unknown = [](const Handled &h) { return h.text().contains(QStringLiteral("tidak dikenal")); };

        // No question ever asked.
        QVERIFY(unknown(say(QStringLiteral("1"))));

        // A plain reply after the buttons: the latest message is no longer a question.
        QVERIFY(say(QStringLiteral("cari NF1")).interactive());
        QVERIFY(say(QStringLiteral("saldo")).text().contains(QStringLiteral("Saldo Anda")));
        QVERIFY(unknown(say(QStringLiteral("1"))));

        // Another customer's question is not this customer's.
        QVERIFY(say(QStringLiteral("cari NF1"), MessageType::Text, kOther).interactive());
        QVERIFY(unknown(say(QStringLiteral("1"))));

        // An answer within 30 minutes counts; after that the question has expired.
        QVERIFY(say(QStringLiteral("cari NF1")).interactive());
        m_clock->advanceMs(29 * 60'000);
        QVERIFY(say(QStringLiteral("3")).text().contains(QStringLiteral("selamat datang")));
        QVERIFY(say(QStringLiteral("cari NF1")).interactive());
        m_clock->advanceMs(31 * 60'000);
        QVERIFY(unknown(say(QStringLiteral("1"))));
        QCOMPARE(saldo(), before);
        QCOMPARE(orderCount(), 0);
    }

    void interactiveMessageIsHandledAsText()
    {
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 2, 35'000);
        // A picked choice arrives (from the webhook) as the command it stands for.
        Handled h = say(QStringLiteral("saldo"), MessageType::Interactive);
        QCOMPARE(h.out.size(), 1);
        QCOMPARE(h.text(),
                 render(QStringLiteral("saldo"), {{QStringLiteral("saldo"), common::formatRupiah(100'000)},
                                                  {QStringLiteral("tier"), domain::tierName(domain::Tier::Bronze)}}));
        h = say(QStringLiteral("buy NF1 1"), MessageType::Interactive);
        QVERIFY2(h.text().contains(QStringLiteral("berhasil")), qPrintable(h.text()));
        QCOMPARE(saldo(), 65'000);
    }

    void mediaGetsTheUnsupportedReply_data()
    {
        QTest::addColumn<MessageType>("type");
        QTest::addColumn<QString>("text");

        QTest::newRow("image") << MessageType::Image << QString();
        QTest::newRow("image with a command as caption") << MessageType::Image << "saldo";
        QTest::newRow("audio") << MessageType::Audio << QString();
        QTest::newRow("unsupported") << MessageType::Unsupported << QString();
        QTest::newRow("unsupported with a number") << MessageType::Unsupported << "1";
    }

    void mediaGetsTheUnsupportedReply()
    {
        QFETCH(MessageType, type);
        QFETCH(QString, text);
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 2);
        QVERIFY(say(QStringLiteral("cari NF1")).interactive()); // a question is open
        const common::Rupiah before = saldo();
        const Handled h = say(text, type);
        QCOMPARE(h.outcome.replies, 1);
        QCOMPARE(h.out.size(), 1);
        QCOMPARE(h.text(), render(QStringLiteral("media.unsupported")));
        QCOMPARE(saldo(), before);
    }

    void pausedCustomerGetsNoReply()
    {
        addProduct(QStringLiteral("NF1"), QStringLiteral("Netflix Sebulan"), QStringLiteral("Streaming"), 2);
        QVERIFY(say(QStringLiteral("cari NF1")).interactive());
        auto staff = m_conversations->staffReply(m_customerId, QStringLiteral("Halo, saya bantu ya"),
                                                 QStringLiteral("Ani"), 60, m_clock->now());
        QVERIFY2(staff, qPrintable(staff ? QString() : staff.error().message));
        QVERIFY(staff->botPausedUntil.isValid());
        QCOMPARE(drain().size(), 1); // the staff reply itself
        const common::Rupiah before = saldo();

        QList<qint64> paused;
        for (const auto &[text, type] :
             QList<QPair<QString, MessageType>>{{QStringLiteral("menu"), MessageType::Text},
                                                {QStringLiteral("buy NF1 1"), MessageType::Text},
                                                {QStringLiteral("1"), MessageType::Text},
                                                {QString(), MessageType::Image},
                                                {QStringLiteral("saldo"), MessageType::Interactive}}) {
            const Handled h = say(text, type);
            QVERIFY2(h.out.isEmpty(), qPrintable(text + QStringLiteral(" -> ") + h.text()));
            QCOMPARE(h.outcome.replies, 0);
            // Not an error: the engine marks the inbox row "done" (kept for the Conversations panel).
            QVERIFY(!h.outcome.systemError);
            QVERIFY(m_deps->messages->markInboundProcessed(h.inboxId, QStringLiteral("done")));
            paused << h.inboxId;
        }
        QCOMPARE(saldo(), before);
        QCOMPARE(orderCount(), 0);
        auto pending = m_deps->messages->unprocessedInbound();
        QVERIFY(pending);
        for (const auto &m : pending.value())
            QVERIFY2(!paused.contains(m.id), "a message to the paused bot was left unprocessed");

        // Another customer is not affected.
        QCOMPARE(say(QStringLiteral("menu"), MessageType::Text, kOther).out.size(), 1);
        // The pause ends by itself.
        m_clock->advanceMs(61 * 60'000);
        QVERIFY(say(QStringLiteral("menu")).text().contains(QStringLiteral("selamat datang")));
    }

    void resumedCustomerIsAnsweredAgain()
    {
        QVERIFY(m_conversations->staffReply(m_customerId, QStringLiteral("Halo"), QStringLiteral("Ani"), 60,
                                            m_clock->now()));
        drain();
        QVERIFY(say(QStringLiteral("menu")).out.isEmpty());
        QVERIFY(m_conversations->resumeBot(m_customerId, QStringLiteral("staff:Ani")));
        QCOMPARE(say(QStringLiteral("menu")).out.size(), 1);
    }

    void ownerIsNotPaused()
    {
        auto owner = std::make_shared<bot::BotDeps>(*m_deps);
        owner->config.ownerNumbers = {kCustomer};
        QVERIFY(m_conversations->staffReply(m_customerId, QStringLiteral("Halo"), QStringLiteral("Ani"), 60,
                                            m_clock->now()));
        drain();
        const Handled h = say(QStringLiteral("menu"), MessageType::Text, kCustomer, owner);
        QCOMPARE(h.outcome.replies, 1);
        QVERIFY2(h.text().contains(render(QStringLiteral("menu.owner")).trimmed().left(20)), qPrintable(h.text()));
        // The same person as a plain customer is still paused.
        QVERIFY(say(QStringLiteral("menu")).out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBotInteractive)
#include "tst_botinteractive.moc"
