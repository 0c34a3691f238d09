// ConversationRepository: the Conversations panel's list and threads, staff replies that pause
// the bot, and resuming it.

#include "store/conversationrepository.h"
#include "store/customerrepository.h"
#include "store/messagerepository.h"

#include "storetestutil.h"

#include <QTest>

using namespace kedai;
using namespace kedai::store;

class TestConversations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }
    void init() { KEDAI_OPEN_TEST_DB(m_store, m_db); }
    void cleanup()
    {
        m_db.reset();
        m_store.reset();
    }

    void messagesOfTwoIdentitiesInTimeOrder();
    void messagesNeverShowAnotherCustomer();
    void messagesPageBackwards();
    void listShowsLatestAndUnanswered();
    void listSearchesAndHidesMerged();
    void staffReplyQueuesToLatestIdentityAndPauses();
    void staffReplyWithoutPause();
    void staffReplyRefusals_data();
    void staffReplyRefusals();
    void staffReplyWithoutInboundUsesNewestIdentity();
    void resumeClearsThePause();

private:
    /// An inbound message at kStart + `minute` minutes.
    void inbound(const QString &channel, const QString &from, const QString &text, int minute);
    /// An outbound message (bot) written at kStart + `minute` minutes.
    qint64 outbound(const QString &channel, const QString &to, const QString &text, int minute);
    domain::Customer customer(const QString &channel, const QString &id, const QString &phone);

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    int m_seq = 0;
};

namespace {
const QDateTime kStart(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC);
}

void TestConversations::inbound(const QString &channel, const QString &from, const QString &text, int minute)
{
    domain::InboundMessage m;
    m.channel = channel;
    m.externalId = QStringLiteral("m%1").arg(++m_seq);
    m.from = from;
    m.text = text;
    m.receivedAt = kStart.addSecs(minute * 60);
    auto id = MessageRepository(m_db).insertInbound(m);
    QVERIFY(id && id->has_value());
}

qint64 TestConversations::outbound(const QString &channel, const QString &to, const QString &text, int minute)
{
    domain::OutboundMessage m;
    m.channel = channel;
    m.to = to;
    m.text = text;
    auto id = MessageRepository(m_db).enqueue(m);
    if (!id)
        return 0;
    test::exec(*m_db, "UPDATE outbox SET created_at = ? WHERE id = ?",
               {kStart.addSecs(minute * 60).toString(Qt::ISODateWithMs), *id});
    return *id;
}

domain::Customer TestConversations::customer(const QString &channel, const QString &id, const QString &phone)
{
    auto c = CustomerRepository(m_db).ensure(channel, id, phone, QString());
    return c ? *c : domain::Customer{};
}

void TestConversations::messagesOfTwoIdentitiesInTimeOrder()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    const auto again = customer("waha", "628111@c.us", "628111"); // same phone: same customer
    QCOMPARE(again.id, budi.id);
    inbound("whatsapp", "628111", "halo", 1);
    outbound("whatsapp", "628111", "Halo kak", 2);
    inbound("waha", "628111@c.us", "stok", 3);
    outbound("waha", "628111@c.us", "Stok: ...", 4);
    inbound("whatsapp", "628111", "makasih", 5);

    auto thread = ConversationRepository(m_db).messages(budi.id);
    KEDAI_VERIFY_OK(thread);
    QStringList texts;
    for (const auto &m : *thread)
        texts << QString::fromLatin1(m.outbound ? "> " : "< ") + m.channel + ": " + m.text;
    QCOMPARE(texts, QStringList({"< whatsapp: halo", "> whatsapp: Halo kak", "< waha: stok", "> waha: Stok: ...",
                                 "< whatsapp: makasih"}));
    QCOMPARE(thread->at(1).status, QStringLiteral("pending"));
    QCOMPARE(thread->at(1).sentBy, QString());
    QCOMPARE(thread->at(2).peer, QStringLiteral("628111@c.us"));
    QCOMPARE(thread->at(0).at, kStart.addSecs(60));
}

void TestConversations::messagesNeverShowAnotherCustomer()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    const auto siti = customer("whatsapp", "628222", "628222");
    inbound("whatsapp", "628111", "budi 1", 1);
    inbound("whatsapp", "628222", "siti 1", 2);
    outbound("whatsapp", "628222", "to siti", 3);
    // Same id on another channel is another identity, of nobody here.
    inbound("simulator", "628111", "stranger", 4);
    outbound("whatsapp", "628111", "to budi", 5);

    auto b = ConversationRepository(m_db).messages(budi.id);
    KEDAI_VERIFY_OK(b);
    QCOMPARE(b->size(), 2);
    for (const auto &m : *b)
        QVERIFY2(m.text.contains("budi"), qPrintable(m.text));
    auto s = ConversationRepository(m_db).messages(siti.id);
    KEDAI_VERIFY_OK(s);
    QCOMPARE(s->size(), 2);
    for (const auto &m : *s)
        QVERIFY2(m.text.contains("siti"), qPrintable(m.text));
    auto nobody = ConversationRepository(m_db).messages(999'999);
    KEDAI_VERIFY_OK(nobody);
    QVERIFY(nobody->isEmpty());
}

void TestConversations::messagesPageBackwards()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    for (int i = 0; i < 5; ++i)
        inbound("whatsapp", "628111", QStringLiteral("m%1").arg(i), i);
    ConversationRepository repo(m_db);
    auto last = repo.messages(budi.id, 2);
    KEDAI_VERIFY_OK(last);
    QCOMPARE(last->size(), 2);
    QCOMPARE(last->at(0).text, QStringLiteral("m3"));
    QCOMPARE(last->at(1).text, QStringLiteral("m4"));
    auto earlier = repo.messages(budi.id, 2, last->at(0).at);
    KEDAI_VERIFY_OK(earlier);
    QCOMPARE(earlier->size(), 2);
    QCOMPARE(earlier->at(0).text, QStringLiteral("m1"));
    QCOMPARE(earlier->at(1).text, QStringLiteral("m2"));
}

void TestConversations::listShowsLatestAndUnanswered()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    const auto siti = customer("whatsapp", "628222", "628222");
    customer("whatsapp", "628333", "628333"); // never wrote: not listed
    inbound("whatsapp", "628111", "halo", 1);
    outbound("whatsapp", "628111", "Halo kak, ada yang bisa dibantu?\nKetik menu", 2);
    inbound("whatsapp", "628222", "ada netflix?", 3);
    inbound("whatsapp", "628222", "kak??", 4);

    auto list = ConversationRepository(m_db).conversations();
    KEDAI_VERIFY_OK(list);
    QCOMPARE(list->size(), 2);
    const auto &first = list->at(0);
    QCOMPARE(first.customerId, siti.id);
    QCOMPARE(first.lastText, QStringLiteral("kak??"));
    QVERIFY(!first.lastOutbound);
    QCOMPARE(first.unanswered, 2);
    QCOMPARE(first.lastAt, kStart.addSecs(4 * 60));
    QCOMPARE(first.channels, QStringList{"whatsapp"});
    const auto &second = list->at(1);
    QCOMPARE(second.customerId, budi.id);
    QVERIFY(second.lastOutbound);
    QCOMPARE(second.unanswered, 0);
    QCOMPARE(second.lastText, QStringLiteral("Halo kak, ada yang bisa dibantu? Ketik menu"));
    QCOMPARE(second.lastInboundAt, kStart.addSecs(60));
    QCOMPARE(second.phone, QStringLiteral("628111"));

    auto limited = ConversationRepository(m_db).conversations({}, 1);
    KEDAI_VERIFY_OK(limited);
    QCOMPARE(limited->size(), 1);
    QCOMPARE(limited->at(0).customerId, siti.id);
}

void TestConversations::listSearchesAndHidesMerged()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    const auto siti = customer("whatsapp", "6282233445566", "6282233445566");
    const auto other = customer("waha", "abc@lid", QString());
    test::exec(*m_db, "UPDATE customers SET name = 'Budi Santoso' WHERE id = ?", {budi.id});
    inbound("whatsapp", "628111", "a", 1);
    inbound("whatsapp", "6282233445566", "b", 2);
    inbound("waha", "abc@lid", "c", 3);

    ConversationRepository repo(m_db);
    auto byName = repo.conversations("santoso");
    KEDAI_VERIFY_OK(byName);
    QCOMPARE(byName->size(), 1);
    QCOMPARE(byName->at(0).name, QStringLiteral("Budi Santoso"));
    auto byLocalPhone = repo.conversations("08223344");
    KEDAI_VERIFY_OK(byLocalPhone);
    QCOMPARE(byLocalPhone->size(), 1);
    QCOMPARE(byLocalPhone->at(0).customerId, siti.id);
    auto byIdentity = repo.conversations("abc@");
    KEDAI_VERIFY_OK(byIdentity);
    QCOMPARE(byIdentity->size(), 1);
    QCOMPARE(byIdentity->at(0).customerId, other.id);
    auto noMatch = repo.conversations("100%_");
    KEDAI_VERIFY_OK(noMatch);
    QVERIFY(noMatch->isEmpty());

    {
        const auto r = CustomerRepository(m_db).merge(other.id, budi.id, "staff:test");
        KEDAI_VERIFY_OK(r);
    }
    auto all = repo.conversations();
    KEDAI_VERIFY_OK(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(1).customerId, siti.id);
    QCOMPARE(all->at(0).customerId, budi.id); // the merged identity's message is budi's now
    QCOMPARE(all->at(0).lastText, QStringLiteral("c"));
    QStringList channels = all->at(0).channels;
    channels.sort();
    QCOMPARE(channels, QStringList({"waha", "whatsapp"}));
}

void TestConversations::staffReplyQueuesToLatestIdentityAndPauses()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    customer("waha", "628111@c.us", "628111");
    inbound("whatsapp", "628111", "first", 1);
    inbound("waha", "628111@c.us", "latest", 2);
    const qint64 auditBefore = test::count(*m_db, "audit_log");

    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto reply = ConversationRepository(m_db).staffReply(budi.id, "  Sebentar ya kak  ", "Ani", 30, now);
    KEDAI_VERIFY_OK(reply);
    QCOMPARE(reply->channel, QStringLiteral("waha"));
    QCOMPARE(reply->recipient, QStringLiteral("628111@c.us"));
    QCOMPARE(reply->botPausedUntil, now.addSecs(30 * 60));

    QCOMPARE(test::count(*m_db, "outbox",
                         "id = ? AND channel = 'waha' AND recipient = '628111@c.us' AND text = 'Sebentar ya kak' "
                         "AND sent_by = 'staff:Ani' AND inbox_id IS NULL AND status = 'pending'",
                         {reply->outboxId}),
             1);
    auto c = CustomerRepository(m_db).byId(budi.id);
    KEDAI_VERIFY_OK(c);
    QCOMPARE((*c)->botPausedUntil, now.addSecs(30 * 60));
    QVERIFY((*c)->botPausedAt(now.addSecs(29 * 60)));
    QVERIFY(!(*c)->botPausedAt(now.addSecs(31 * 60)));
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'conversation.staff_reply' AND actor = 'staff:Ani'"), 1);
    QCOMPARE(test::count(*m_db, "audit_log"), auditBefore + 1);
    // The text is not in the audit log.
    QCOMPARE(test::count(*m_db, "audit_log", "\"after\" LIKE '%Sebentar%'"), 0);

    auto thread = ConversationRepository(m_db).messages(budi.id);
    KEDAI_VERIFY_OK(thread);
    QCOMPARE(thread->last().sentBy, QStringLiteral("staff:Ani"));
    QVERIFY(thread->last().outbound);

    // A second reply keeps the later pause; "staff:" is not doubled.
    auto second = ConversationRepository(m_db).staffReply(budi.id, "ok", "staff:Ani", 5, now);
    KEDAI_VERIFY_OK(second);
    QCOMPARE(second->botPausedUntil, now.addSecs(30 * 60));
    QCOMPARE(test::count(*m_db, "outbox", "sent_by = 'staff:Ani'"), 2);
}

void TestConversations::staffReplyWithoutPause()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    inbound("whatsapp", "628111", "halo", 1);
    auto reply = ConversationRepository(m_db).staffReply(budi.id, "hi", "Ani", 0);
    KEDAI_VERIFY_OK(reply);
    QVERIFY(!reply->botPausedUntil.isValid());
    QCOMPARE(test::count(*m_db, "customers", "id = ? AND bot_paused_until IS NULL", {budi.id}), 1);
}

void TestConversations::staffReplyRefusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("which"); // 0 = budi, 1 = unknown, 2 = merged, 3 = no identity
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << "" << 0 << "conversation.empty";
    QTest::newRow("blank") << " \n\t " << 0 << "conversation.empty";
    QTest::newRow("too long") << QString(4096 * 4 + 1, QLatin1Char('x')) << 0 << "conversation.too_long";
    QTest::newRow("unknown customer") << "hi" << 1 << "customer.not_found";
    QTest::newRow("merged customer") << "hi" << 2 << "customer.merged";
    QTest::newRow("no identity") << "hi" << 3 << "conversation.no_identity";
}

void TestConversations::staffReplyRefusals()
{
    QFETCH(QString, text);
    QFETCH(int, which);
    QFETCH(QString, code);
    const auto budi = customer("whatsapp", "628111", "628111");
    const auto siti = customer("whatsapp", "628222", "628222");
    inbound("whatsapp", "628111", "halo", 1);
    {
        const auto r = CustomerRepository(m_db).merge(siti.id, budi.id, "staff:test");
        KEDAI_VERIFY_OK(r);
    }
    test::exec(*m_db, "INSERT INTO customers (phone, name, tier, saldo, blocked, created_at) "
                      "VALUES (NULL, 'lonely', 'bronze', 0, 0, '2026-01-01T00:00:00.000Z')");
    const qint64 lonely = test::scalar(*m_db, "SELECT id FROM customers WHERE name = 'lonely'");
    const qint64 ids[] = {budi.id, 999'999, siti.id, lonely};
    const qint64 outbox = test::count(*m_db, "outbox");
    const qint64 audit = test::count(*m_db, "audit_log");

    auto reply = ConversationRepository(m_db).staffReply(ids[which], text, "Ani", 30);
    QVERIFY(!reply);
    QCOMPARE(reply.error().code, code);
    QCOMPARE(test::count(*m_db, "outbox"), outbox);
    QCOMPARE(test::count(*m_db, "audit_log"), audit);
    QCOMPARE(test::count(*m_db, "customers", "bot_paused_until IS NOT NULL"), 0);
}

void TestConversations::staffReplyWithoutInboundUsesNewestIdentity()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    customer("waha", "628111@c.us", "628111");
    auto reply = ConversationRepository(m_db).staffReply(budi.id, "promo", "Ani", 10);
    KEDAI_VERIFY_OK(reply);
    QCOMPARE(reply->channel, QStringLiteral("waha"));
}

void TestConversations::resumeClearsThePause()
{
    const auto budi = customer("whatsapp", "628111", "628111");
    inbound("whatsapp", "628111", "halo", 1);
    ConversationRepository repo(m_db);
    {
        const auto r = repo.staffReply(budi.id, "hi", "Ani", 30);
        KEDAI_VERIFY_OK(r);
    }
    QCOMPARE(test::count(*m_db, "customers", "id = ? AND bot_paused_until IS NOT NULL", {budi.id}), 1);
    auto resumed = repo.resumeBot(budi.id, "staff:Ani");
    KEDAI_VERIFY_OK(resumed);
    QVERIFY(!resumed->botPausedUntil.isValid());
    QCOMPARE(test::count(*m_db, "customers", "id = ? AND bot_paused_until IS NULL", {budi.id}), 1);
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'conversation.resume_bot' AND actor = 'staff:Ani'"), 1);
    // Resuming a bot that is not paused changes nothing.
    {
        const auto r = repo.resumeBot(budi.id, "staff:Ani");
        KEDAI_VERIFY_OK(r);
    }
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'conversation.resume_bot'"), 1);
    auto unknown = repo.resumeBot(999'999, "staff:Ani");
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, QStringLiteral("customer.not_found"));
}

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
