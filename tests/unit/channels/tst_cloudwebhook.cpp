// The Cloud API webhook against the real pywa payloads of PROTOCOLS.md §1.4, copied into
// tests/fixtures/whatsapp_cloud/ because CI checks out the repository alone.

#include "channels/cloudapi/cloudwebhook.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace kedai::channels::cloudapi;
using kedai::domain::MessageType;

namespace {

QString fixturePath(const QString &name)
{
    // ctest sets KEDAI_SOURCE_DIR; a test binary started by hand falls back to its source folder.
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../..");
#endif
    return root + QStringLiteral("/tests/fixtures/whatsapp_cloud/") + name;
}

QJsonObject loadFixture(const QString &name)
{
    QFile file(fixturePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The one message of a fixture webhook, read straight from the JSON for the common fields.
QJsonObject firstRawMessage(const QJsonObject &webhook)
{
    return webhook[QLatin1String("entry")][0][QLatin1String("changes")][0][QLatin1String("value")]
                  [QLatin1String("messages")][0]
                      .toObject();
}

struct Expect
{
    MessageType type = MessageType::Text;
    QString text = {};
    QString mediaId = {};
    QString mimeType = {};
    bool voice = false;
    QString replyId = {};
    QString contextId = {};
    int errorCode = 0;      ///< on the message
    int valueErrorCode = 0; ///< in value.errors[]
};

QHash<QString, Expect> messageExpectations()
{
    using enum MessageType;
    const Expect unsupported{.type = Unsupported};
    const QString opus = QStringLiteral("audio/ogg; codecs=opus");
    const QString jpeg = QStringLiteral("image/jpeg");
    return {
        {"text", {.type = Text, .text = "Body Text"}},
        {"image", {.type = Image, .mediaId = "65463453", .mimeType = jpeg}},
        {"media_with_url", {.type = Image, .mediaId = "65463453", .mimeType = jpeg}},
        {"video", unsupported},
        {"document", unsupported},
        {"audio", {.type = Audio, .mediaId = "1234567890987654321", .mimeType = opus, .voice = false}},
        {"voice", {.type = Audio, .mediaId = "1234567890987654321", .mimeType = opus, .voice = true}},
        {"static_sticker", unsupported},
        {"animated_sticker", unsupported},
        {"reaction", unsupported},
        {"unreaction_empty", unsupported},
        {"unreaction_no_emoji", unsupported},
        {"current_location", unsupported},
        {"chosen_location", unsupported},
        {"contacts", unsupported},
        {"order", unsupported},
        {"unsupported", {.type = Unsupported, .errorCode = 131051}},
        {"unsupported_with_type", {.type = Unsupported, .errorCode = 131051}},
        {"reply", {.type = Text, .text = "replied text", .contextId = "wamid.xyzxyz=="}},
        {"forwarded", {.type = Text, .text = "forwarded text"}},
        {"forwarded_many_times", {.type = Text, .text = "text forwarded many times"}},
        {"interactive_message_with_err",
         {.type = Unsupported, .contextId = "wamid.gvwegfretge==", .valueErrorCode = 131000}},
        {"referral", {.type = Text, .text = "BODY"}},
        // button_reply, then template quick replies (type "button")
        {"button", {.type = Interactive, .text = "title", .replyId = "callback_data", .contextId = "wamid.xyzxyz"}},
        {"quick_reply",
         {.type = Interactive, .text = "title", .replyId = "callback_data", .contextId = "wamid.xyzxyz=="}},
        {"quick_reply_without_context", {.type = Interactive, .text = "title", .replyId = "callback_data"}},
        // list_reply
        {"callback", {.type = Interactive, .text = "title", .replyId = "callback_data", .contextId = "wamid.xyzxyz"}},
        {"description",
         {.type = Interactive, .text = "title", .replyId = "callback_data", .contextId = "wamid.xyzxyz"}},
    };
}

QByteArray signatureOf(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QByteArray envelope(const QJsonArray &messages, const QJsonArray &contacts = {})
{
    const QJsonObject value{{"messaging_product", "whatsapp"}, {"contacts", contacts}, {"messages", messages}};
    const QJsonObject change{{"field", "messages"}, {"value", value}};
    const QJsonObject entry{{"id", "1"}, {"changes", QJsonArray{change}}};
    return toBody(QJsonObject{{"object", "whatsapp_business_account"}, {"entry", QJsonArray{entry}}});
}

QJsonObject textMessage(const QString &id, const QString &from, const QString &body)
{
    return {{"from", from},
            {"id", id},
            {"timestamp", "1697043223"},
            {"type", "text"},
            {"text", QJsonObject{{"body", body}}}};
}

} // namespace

class TestCloudWebhook : public QObject
{
    Q_OBJECT

private slots:
    void messageFixtures_data();
    void messageFixtures();
    void imageCaption();
    void statusFixtures_data();
    void statusFixtures();
    void verification_data();
    void verification();
    void signature_data();
    void signature();
    void badBodies_data();
    void badBodies();
    void emptyEntryList();
    void malformedMessagesAreSkipped();
    void everyEntryChangeAndMessage();
};

void TestCloudWebhook::messageFixtures_data()
{
    QTest::addColumn<QJsonObject>("webhook");
    QTest::addColumn<QString>("key");

    const QStringList files = {"pywa_updates_message.json", "pywa_updates_callback_button.json",
                               "pywa_updates_callback_selection.json"};
    int rows = 0;
    for (const QString &file : files) {
        const QJsonObject fixture = loadFixture(file);
        for (auto it = fixture.begin(); it != fixture.end(); ++it, ++rows)
            QTest::addRow("%s/%s", qPrintable(file.section(u'.', 0, 0)), qPrintable(it.key()))
                << it.value().toObject() << it.key();
    }
    QVERIFY2(rows >= 28, "the fixtures were not found: set KEDAI_SOURCE_DIR");
}

void TestCloudWebhook::messageFixtures()
{
    QFETCH(QJsonObject, webhook);
    QFETCH(QString, key);
    const QHash<QString, Expect> expectations = messageExpectations();
    // A new fixture key must get an expectation, not pass silently.
    QVERIFY2(expectations.contains(key), qPrintable(QStringLiteral("no expectation for ") + key));
    const Expect expect = expectations.value(key);

    const auto update = parseWebhook(toBody(webhook));
    QVERIFY2(update.ok(), qPrintable(update.ok() ? QString() : update.error().message));
    QCOMPARE(update->skipped, 0);
    QCOMPARE(update->messages.size(), 1);
    QVERIFY(update->statuses.isEmpty());

    const QJsonObject raw = firstRawMessage(webhook);
    const CloudMessage &cloud = update->messages.first();
    QCOMPARE(cloud.message.channel, QStringLiteral("whatsapp"));
    QCOMPARE(cloud.message.externalId, raw[QLatin1String("id")].toString());
    QCOMPARE(cloud.message.from, QStringLiteral("972987654321"));
    QCOMPARE(cloud.message.name, QStringLiteral("Test Name"));
    QCOMPARE(cloud.message.receivedAt.toSecsSinceEpoch(), raw[QLatin1String("timestamp")].toString().toLongLong());
    QCOMPARE(cloud.message.receivedAt.timeSpec(), Qt::UTC);
    QCOMPARE(cloud.originalType, raw[QLatin1String("type")].toString());

    QCOMPARE(cloud.message.type, expect.type);
    QCOMPARE(cloud.message.text, expect.text);
    QCOMPARE(cloud.mediaId, expect.mediaId);
    QCOMPARE(cloud.mimeType, expect.mimeType);
    QCOMPARE(cloud.voice, expect.voice);
    QCOMPARE(cloud.replyId, expect.replyId);
    QCOMPARE(cloud.contextId, expect.contextId);
    QCOMPARE(cloud.errorCode, expect.errorCode);
    if (expect.valueErrorCode == 0) {
        QVERIFY(update->errors.isEmpty());
    } else {
        QCOMPARE(update->errors.size(), 1);
        QCOMPARE(update->errors.first().code, expect.valueErrorCode);
        QCOMPARE(update->errors.first().details, QStringLiteral("Unsupported webhook payload"));
    }
}

void TestCloudWebhook::imageCaption()
{
    // The pywa image fixtures carry no caption; a photo sent with one must keep it.
    QJsonObject image{{"mime_type", "image/png"}, {"sha256", "abc="}, {"id", "777"}, {"caption", "bukti transfer"}};
    const QJsonObject message{{"from", "6281234567890"},
                              {"id", "wamid.cap"},
                              {"timestamp", "1700000000"},
                              {"type", "image"},
                              {"image", image}};
    const auto update = parseWebhook(envelope({message}));
    QVERIFY(update.ok());
    QCOMPARE(update->messages.size(), 1);
    QCOMPARE(update->messages.first().message.type, MessageType::Image);
    QCOMPARE(update->messages.first().message.text, QStringLiteral("bukti transfer"));
    QCOMPARE(update->messages.first().mediaId, QStringLiteral("777"));
    QCOMPARE(update->messages.first().mimeType, QStringLiteral("image/png"));
}

void TestCloudWebhook::statusFixtures_data()
{
    QTest::addColumn<QJsonObject>("webhook");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("errorCode");

    const QHash<QString, QString> statusOf = {{"sent", "sent"},     {"delivered", "delivered"},
                                              {"read", "read"},     {"played", "played"},
                                              {"failed", "failed"}, {"with_tracker", "sent"},
                                              {"group", "read"}};
    const QJsonObject fixture = loadFixture(QStringLiteral("pywa_updates_message_status.json"));
    QVERIFY2(fixture.size() >= 7, "the fixture was not found: set KEDAI_SOURCE_DIR");
    for (auto it = fixture.begin(); it != fixture.end(); ++it)
        QTest::newRow(qPrintable(it.key()))
            << it.value().toObject() << statusOf.value(it.key()) << (it.key() == QLatin1String("failed") ? 130472 : 0);
}

void TestCloudWebhook::statusFixtures()
{
    QFETCH(QJsonObject, webhook);
    QFETCH(QString, status);
    QFETCH(int, errorCode);
    QVERIFY2(!status.isEmpty(), "no expectation for this fixture key");

    const auto update = parseWebhook(toBody(webhook));
    QVERIFY(update.ok());
    QCOMPARE(update->skipped, 0);
    QVERIFY(update->messages.isEmpty());
    QCOMPARE(update->statuses.size(), 1);

    const QJsonObject raw = webhook[QLatin1String("entry")][0][QLatin1String("changes")][0][QLatin1String("value")]
                                   [QLatin1String("statuses")][0]
                                       .toObject();
    const CloudStatus &parsed = update->statuses.first();
    QCOMPARE(parsed.status, status);
    QCOMPARE(parsed.messageId, raw[QLatin1String("id")].toString());
    QCOMPARE(parsed.recipient, raw[QLatin1String("recipient_id")].toString());
    QCOMPARE(parsed.timestamp.toSecsSinceEpoch(), raw[QLatin1String("timestamp")].toString().toLongLong());
    QCOMPARE(parsed.errorCode, errorCode);
    if (errorCode != 0) {
        QCOMPARE(parsed.errorTitle, QStringLiteral("User's number is part of an experiment"));
        QVERIFY(parsed.errorDetails.startsWith(QStringLiteral("Failed to send message")));
    }
}

void TestCloudWebhook::verification_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expectedToken");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("body");

    const QJsonObject fixture = loadFixture(QStringLiteral("verification_get_cases.json"));
    const QString configured = fixture[QLatin1String("configured_verify_token")].toString();
    const QJsonArray cases = fixture[QLatin1String("cases")].toArray();
    QVERIFY2(cases.size() >= 3, "the fixture was not found: set KEDAI_SOURCE_DIR");
    for (const QJsonValue &value : cases) {
        const QJsonObject item = value.toObject();
        const QString request = item[QLatin1String("request")].toString();
        const QString target = request.section(u' ', 1, 1);
        QTest::newRow(qPrintable(request))
            << QUrl(target).query() << configured << (item[QLatin1String("expect_status")].toInt() == 200)
            << item[QLatin1String("expect_body")].toString();
    }
    QTest::newRow("token prefix") << "hub.mode=subscribe&hub.challenge=42&hub.verify_token=my-verify-toke" << configured
                                  << false << QString();
    QTest::newRow("token longer") << "hub.mode=subscribe&hub.challenge=42&hub.verify_token=my-verify-token2"
                                  << configured << false << QString();
    QTest::newRow("no token configured") << "hub.mode=subscribe&hub.challenge=42&hub.verify_token=" << QString()
                                         << false << QString();
    QTest::newRow("mode is case-sensitive")
        << "hub.mode=Subscribe&hub.challenge=42&hub.verify_token=my-verify-token" << configured << false << QString();
}

void TestCloudWebhook::verification()
{
    QFETCH(QString, query);
    QFETCH(QString, expectedToken);
    QFETCH(bool, accepted);
    QFETCH(QString, body);

    const QUrlQuery items(query);
    const auto answer = verifyChallenge(items.queryItemValue(QStringLiteral("hub.mode"), QUrl::FullyDecoded),
                                        items.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded),
                                        items.queryItemValue(QStringLiteral("hub.challenge"), QUrl::FullyDecoded),
                                        expectedToken);
    QCOMPARE(answer.has_value(), accepted);
    if (accepted)
        QCOMPARE(*answer, body);
}

void TestCloudWebhook::signature_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<bool>("valid");

    QFile file(fixturePath(QStringLiteral("pywa_updates_message.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray body = file.readAll(); // the raw bytes, never re-serialised
    const QByteArray secret = "app-secret-123";
    const QByteArray good = signatureOf(body, secret);

    QTest::newRow("good") << body << good << secret << true;
    // HMAC-SHA256(key "secret", "test"), the value published in Meta webhook guides.
    QTest::newRow("published test/secret")
        << QByteArray("test") << QByteArray("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")
        << QByteArray("secret") << true;
    QTest::newRow("wrong secret") << body << good << QByteArray("app-secret-124") << false;
    QByteArray flipped = body;
    flipped[100] = static_cast<char>(flipped[100] ^ 0x01);
    QTest::newRow("one flipped byte in body") << flipped << good << secret << false;
    QByteArray spaced = body;
    spaced.insert(1, ' ');
    QTest::newRow("one extra space in body") << spaced << good << secret << false;
    QTest::newRow("missing sha256=") << body << good.mid(7) << secret << false;
    QTest::newRow("short hex") << body << good.chopped(1) << secret << false;
    QTest::newRow("long hex") << body << good + '0' << secret << false;
    QTest::newRow("uppercase hex") << body << "sha256=" + good.mid(7).toUpper() << secret << true;
    QTest::newRow("uppercase prefix") << body << "SHA256=" + good.mid(7) << secret << false;
    QTest::newRow("trailing newline") << body << good + '\n' << secret << false;
    QTest::newRow("empty header") << body << QByteArray() << secret << false;
    QTest::newRow("empty secret") << body << signatureOf(body, QByteArray()) << QByteArray() << false;
    QTest::newRow("sha1 header") << body << "sha1=" + good.mid(7) << secret << false;
    // 0x10 | 0x20 == '0': a control byte must not pass as the digit the lowercasing would make it.
    QByteArray control = good;
    const qsizetype zero = control.indexOf('0', 7);
    QVERIFY(zero > 0);
    control[zero] = '\x10';
    QTest::newRow("control byte for a 0 digit") << body << control << secret << false;
    QByteArray lastDigit = good;
    lastDigit[lastDigit.size() - 1] = lastDigit.back() == 'a' ? 'b' : 'a';
    QTest::newRow("last digit differs") << body << lastDigit << secret << false;
}

void TestCloudWebhook::signature()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, secret);
    QFETCH(bool, valid);
    QCOMPARE(verifySignature(body, header, secret), valid);
}

void TestCloudWebhook::badBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("not JSON") << QByteArray("object=whatsapp_business_account");
    QTest::addRow("truncated JSON") << QByteArray(R"({"object":"whatsapp_business_account","entry":[)");
    QTest::addRow("empty body") << QByteArray();
    QTest::addRow("array") << QByteArray(R"([{"object":"whatsapp_business_account","entry":[]}])");
    QTest::addRow("wrong object") << QByteArray(R"({"object":"page","entry":[]})");
    QTest::addRow("no object") << QByteArray(R"({"entry":[]})");
}

void TestCloudWebhook::badBodies()
{
    QFETCH(QByteArray, body);
    const auto update = parseWebhook(body);
    QVERIFY(!update.ok());
    QCOMPARE(update.error().code, QStringLiteral("cloudapi.bad_body"));
    QVERIFY(!update.error().message.isEmpty());
}

void TestCloudWebhook::emptyEntryList()
{
    const auto update = parseWebhook(R"({"object":"whatsapp_business_account","entry":[]})");
    QVERIFY(update.ok());
    QVERIFY(update->messages.isEmpty());
    QVERIFY(update->statuses.isEmpty());
    QCOMPARE(update->skipped, 0);
}

void TestCloudWebhook::malformedMessagesAreSkipped()
{
    QJsonObject noId = textMessage(QStringLiteral("x"), QStringLiteral("6281"), QStringLiteral("halo"));
    noId.remove(QStringLiteral("id"));
    QJsonObject badTime = textMessage(QStringLiteral("wamid.t"), QStringLiteral("6281"), QStringLiteral("halo"));
    badTime[QStringLiteral("timestamp")] = QStringLiteral("kemarin");
    QJsonObject noBody = textMessage(QStringLiteral("wamid.b"), QStringLiteral("6281"), QStringLiteral("halo"));
    noBody[QStringLiteral("text")] = QJsonObject();
    const QJsonObject imageNoId{{"from", "6281"},
                                {"id", "wamid.i"},
                                {"timestamp", "1"},
                                {"type", "image"},
                                {"image", QJsonObject{{"mime_type", "image/jpeg"}}}};
    const QJsonObject good = textMessage(QStringLiteral("wamid.ok"), QStringLiteral("6281"), QStringLiteral("halo"));

    const auto update = parseWebhook(
        envelope({noId, badTime, good, noBody, imageNoId, QStringLiteral("not an object")}));
    QVERIFY(update.ok());
    QCOMPARE(update->messages.size(), 1);
    QCOMPARE(update->messages.first().message.externalId, QStringLiteral("wamid.ok"));
    QCOMPARE(update->skipped, 5);
}

void TestCloudWebhook::everyEntryChangeAndMessage()
{
    const QJsonArray contacts{QJsonObject{{"profile", QJsonObject{{"name", "Ani"}}}, {"wa_id", "6281"}},
                              QJsonObject{{"profile", QJsonObject{{"name", "Budi"}}}, {"wa_id", "6282"}}};
    const QJsonObject first{{"field", "messages"},
                            {"value", QJsonObject{{"contacts", contacts},
                                                  {"messages", QJsonArray{textMessage("wamid.1", "6282", "satu"),
                                                                          textMessage("wamid.2", "6281", "dua")}}}}};
    const QJsonObject ignored{{"field", "message_template_status_update"},
                              {"value", QJsonObject{{"messages", QJsonArray{textMessage("wamid.x", "6289", "x")}}}}};
    const QJsonObject statuses{{"field", "messages"},
                               {"value",
                                QJsonObject{{"statuses", QJsonArray{QJsonObject{{"id", "wamid.out"},
                                                                                {"recipient_id", "6281"},
                                                                                {"status", "delivered"},
                                                                                {"timestamp", "1700000000"}},
                                                                    QJsonObject{{"id", "wamid.odd"},
                                                                                {"recipient_id", "6281"},
                                                                                {"status", "deleted"},
                                                                                {"timestamp", "1700000000"}}}}}}};
    const QJsonObject third{{"field", "messages"},
                            {"value", QJsonObject{{"messages", QJsonArray{textMessage("wamid.3", "6283", "tiga")}}}}};
    const QJsonArray entries{QJsonObject{{"id", "1"}, {"changes", QJsonArray{first, ignored}}},
                             QJsonObject{{"id", "2"}, {"changes", QJsonArray{statuses, third}}}};

    const auto update = parseWebhook(toBody({{"object", "whatsapp_business_account"}, {"entry", entries}}));
    QVERIFY(update.ok());
    QCOMPARE(update->messages.size(), 3);
    QCOMPARE(update->messages.at(0).message.text, QStringLiteral("satu"));
    QCOMPARE(update->messages.at(0).message.name, QStringLiteral("Budi"));
    QCOMPARE(update->messages.at(1).message.name, QStringLiteral("Ani"));
    QCOMPARE(update->messages.at(2).message.externalId, QStringLiteral("wamid.3"));
    QCOMPARE(update->messages.at(2).message.name, QString()); // no contacts in that change
    QCOMPARE(update->statuses.size(), 1);
    QCOMPARE(update->statuses.first().status, QStringLiteral("delivered"));
    QCOMPARE(update->skipped, 1); // the unknown status
}

QTEST_GUILESS_MAIN(TestCloudWebhook)
#include "tst_cloudwebhook.moc"
