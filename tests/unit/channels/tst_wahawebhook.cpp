// The WAHA webhook against the payloads of PROTOCOLS.md §2.1, copied into tests/fixtures/waha/
// because CI checks out the repository alone.

#include "channels/waha/wahawebhook.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace kedai::channels::waha;
using kedai::domain::MessageType;

namespace {

QString fixtureDir()
{
    // ctest sets KEDAI_SOURCE_DIR; a test binary started by hand falls back to its source folder.
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../..");
#endif
    return root + QStringLiteral("/tests/fixtures/waha/");
}

QByteArray loadFixture(const QString &name)
{
    QFile file(fixtureDir() + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A customer's text message with one payload field replaced.
QByteArray messageWith(const QString &key, const QJsonValue &value, const QString &event = "message")
{
    QJsonObject payload{{"id", "false_6281234567890@c.us_ABCDEF"},
                        {"timestamp", 1700000000},
                        {"from", "6281234567890@c.us"},
                        {"fromMe", false},
                        {"body", "halo"},
                        {"hasMedia", false}};
    if (!key.isEmpty()) {
        if (value.isUndefined())
            payload.remove(key);
        else
            payload.insert(key, value);
    }
    return toBody({{"event", event}, {"session", "default"}, {"engine", "WEBJS"}, {"payload", payload}});
}

QByteArray mediaMessage(const QJsonValue &media, const QString &body = "lihat ini")
{
    return toBody({{"event", "message"},
                   {"session", "default"},
                   {"payload", QJsonObject{{"id", "false_6281234567890@c.us_MEDIA"},
                                           {"timestamp", 1700000000},
                                           {"from", "6281234567890@c.us"},
                                           {"body", body},
                                           {"hasMedia", true},
                                           {"media", media}}}});
}

const QByteArray kVectorBody = R"({"event":"message","session":"default","engine":"WEBJS"})";
const QByteArray kVectorKey = "my-secret-key";

} // namespace

class TestWahaWebhook : public QObject
{
    Q_OBJECT

private slots:
    void hmacVector()
    {
        const QByteArray digest = QMessageAuthenticationCode::hash(kVectorBody, kVectorKey, QCryptographicHash::Sha512)
                                      .toHex();
        QVERIFY(digest.startsWith("208f8a55"));
        QVERIFY(digest.endsWith("53fa89"));
        QVERIFY(verifyHmac(kVectorBody, digest, kVectorKey));
        QVERIFY(verifyHmac(kVectorBody, digest.toUpper(), kVectorKey));
        QVERIFY(verifySignedRequest(kVectorBody, digest, "sha512", kVectorKey));
        QVERIFY(verifySignedRequest(kVectorBody, digest, "SHA512", kVectorKey));
        QVERIFY(verifySignedRequest(kVectorBody, digest, "", kVectorKey));
    }

    void hmacRejects_data()
    {
        const QByteArray good = QMessageAuthenticationCode::hash(kVectorBody, kVectorKey, QCryptographicHash::Sha512)
                                    .toHex();
        QByteArray flipped = good;
        flipped[100] = flipped[100] == '0' ? '1' : '0';
        QByteArray nonHex = good;
        nonHex[5] = 'g';
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("algorithm");
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("missing header") << kVectorBody << QByteArray() << QByteArray() << kVectorKey;
        QTest::newRow("empty key") << kVectorBody << good << QByteArray() << QByteArray();
        QTest::newRow("wrong key") << kVectorBody << good << QByteArray() << QByteArray("other-key");
        QTest::newRow("body changed") << QByteArray(kVectorBody + " ") << good << QByteArray() << kVectorKey;
        QTest::newRow("one digit flipped") << kVectorBody << flipped << QByteArray() << kVectorKey;
        QTest::newRow("not hex") << kVectorBody << nonHex << QByteArray() << kVectorKey;
        QTest::newRow("truncated") << kVectorBody << good.left(64) << QByteArray() << kVectorKey;
        QTest::newRow("too long") << kVectorBody << QByteArray(good + "00") << QByteArray() << kVectorKey;
        QTest::newRow("sha256 digest")
            << kVectorBody
            << QMessageAuthenticationCode::hash(kVectorBody, kVectorKey, QCryptographicHash::Sha256).toHex()
            << QByteArray("sha256") << kVectorKey;
        QTest::newRow("other algorithm named") << kVectorBody << good << QByteArray("sha256") << kVectorKey;
        QTest::newRow("prefixed like Meta")
            << kVectorBody << QByteArray("sha512=" + good) << QByteArray() << kVectorKey;
    }

    void hmacRejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, algorithm);
        QFETCH(QByteArray, key);
        QVERIFY(!verifySignedRequest(body, header, algorithm, key));
        if (algorithm.isEmpty())
            QVERIFY(!verifyHmac(body, header, key));
    }

    // A new fixture must get a row in fixtures_data().
    void everyFixtureIsCovered()
    {
        const QStringList files = QDir(fixtureDir()).entryList({"*.json"}, QDir::Files, QDir::Name);
        QCOMPARE(files,
                 QStringList({"envelope_full_docs.json", "event_message_ack_docs.json", "event_message_media_docs.json",
                              "event_message_text_docs.json", "send_text_request.json"}));
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("messages");
        QTest::addColumn<int>("statuses");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<int>("ignored");
        QTest::newRow("envelope: empty payload") << "envelope_full_docs.json" << 0 << 0 << 1 << 0;
        QTest::newRow("ack") << "event_message_ack_docs.json" << 0 << 1 << 0 << 0;
        QTest::newRow("media") << "event_message_media_docs.json" << 1 << 0 << 0 << 0;
        QTest::newRow("text, fromMe") << "event_message_text_docs.json" << 0 << 0 << 1 << 0;
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, messages);
        QFETCH(int, statuses);
        QFETCH(int, skipped);
        QFETCH(int, ignored);
        const QByteArray body = loadFixture(file);
        QVERIFY2(!body.isEmpty(), qPrintable(fixtureDir() + file));
        const auto update = parseWebhook(body, "default");
        QVERIFY2(update.ok(), qPrintable(update.ok() ? QString() : update.error().message));
        QCOMPARE(update->messages.size(), messages);
        QCOMPARE(update->statuses.size(), statuses);
        QCOMPARE(update->skipped, skipped);
        QCOMPARE(update->ignored, ignored);
        QCOMPARE(update->session, QString("default"));
    }

    void fixtureAck()
    {
        const auto update = parseWebhook(loadFixture("event_message_ack_docs.json"));
        QVERIFY(update.ok());
        QCOMPARE(update->event, QString("message.ack"));
        QCOMPARE(update->statuses.size(), 1);
        QCOMPARE(update->statuses[0].messageId, QString("true_11111111111@c.us_4CC5EDD64BC22EBA6D639F2AF571346C"));
        QCOMPARE(update->statuses[0].ack, 3);
        QCOMPARE(update->statuses[0].status, QString("read"));
    }

    void fixtureMedia()
    {
        const auto update = parseWebhook(loadFixture("event_message_media_docs.json"));
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 1);
        const kedai::domain::InboundMessage &m = update->messages[0];
        QCOMPARE(m.channel, QString("waha"));
        QCOMPARE(m.externalId, QString("true_11111111111@c.us_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        QCOMPARE(m.from, QString("11111111111"));
        QCOMPARE(m.type, MessageType::Image);
        QCOMPARE(m.mediaId,
                 QString("http://localhost:3000/api/files/true_11111111111@c.us_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.jpg"));
        QCOMPARE(m.mediaMime, QString("image/jpeg"));
        QCOMPARE(m.receivedAt, QDateTime::fromSecsSinceEpoch(1667561485, Qt::UTC));
        QVERIFY(m.text.isEmpty());
    }

    // The text fixture is our own message; as a customer's it gives name, text and time.
    void fixtureTextFromCustomer()
    {
        QJsonObject root = QJsonDocument::fromJson(loadFixture("event_message_text_docs.json")).object();
        QJsonObject payload = root["payload"].toObject();
        payload["fromMe"] = false;
        root["payload"] = payload;
        const auto update = parseWebhook(toBody(root));
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 1);
        const kedai::domain::InboundMessage &m = update->messages[0];
        QCOMPARE(m.type, MessageType::Text);
        QCOMPARE(m.text, QString("Hi there!"));
        QCOMPARE(m.name, QString("MyName"));
        QCOMPARE(m.from, QString("11111111111"));
        QCOMPARE(m.externalId, QString("true_11111111111@c.us_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        QCOMPARE(m.receivedAt.toSecsSinceEpoch(), 1667561485);
    }

    void senders_data()
    {
        QTest::addColumn<QJsonValue>("from");
        QTest::addColumn<QString>("expected"); ///< empty: skipped
        QTest::newRow("c.us") << QJsonValue("6281234567890@c.us") << "6281234567890";
        QTest::newRow("s.whatsapp.net") << QJsonValue("6281234567890@s.whatsapp.net") << "6281234567890";
        QTest::newRow("device suffix") << QJsonValue("6281234567890:12@s.whatsapp.net") << "6281234567890";
        QTest::newRow("lid kept") << QJsonValue("123456789012345@lid") << "123456789012345@lid";
        QTest::newRow("group") << QJsonValue("120363025246125888@g.us") << "";
        QTest::newRow("status broadcast") << QJsonValue("status@broadcast") << "";
        QTest::newRow("newsletter") << QJsonValue("120363@newsletter") << "";
        QTest::newRow("letters") << QJsonValue("abc@c.us") << "";
        QTest::newRow("empty") << QJsonValue("") << "";
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << "";
        QTest::newRow("number") << QJsonValue(6281234567890.0) << "";
        QTest::newRow("object") << QJsonValue(QJsonObject{{"user", "62"}}) << "";
        QTest::newRow("huge") << QJsonValue(QString(100000, '6') + "@c.us") << "";
    }

    void senders()
    {
        QFETCH(QJsonValue, from);
        QFETCH(QString, expected);
        const auto update = parseWebhook(messageWith("from", from));
        QVERIFY(update.ok());
        if (expected.isEmpty()) {
            QCOMPARE(update->messages.size(), 0);
            QCOMPARE(update->skipped, 1);
        } else {
            QCOMPARE(update->messages.size(), 1);
            QCOMPARE(update->messages[0].from, expected);
            QCOMPARE(update->skipped, 0);
        }
    }

    void skippedMessages_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("session");
        QTest::newRow("fromMe") << messageWith("fromMe", true) << "";
        QTest::newRow("fromMe as string") << messageWith("fromMe", "false") << "";
        QTest::newRow("participant") << messageWith("participant", "6281111@c.us") << "";
        QTest::newRow("message.any fromMe") << messageWith("fromMe", true, "message.any") << "";
        QTest::newRow("other session") << messageWith({}, {}) << "shop";
        QTest::newRow("no id") << messageWith("id", QJsonValue::Undefined) << "";
        QTest::newRow("id is a number") << messageWith("id", 42) << "";
        QTest::newRow("huge timestamp") << messageWith("timestamp", 1e300) << "";
        QTest::newRow("negative timestamp") << messageWith("timestamp", -5) << "";
        QTest::newRow("timestamp text") << messageWith("timestamp", "soon") << "";
        QTest::newRow("timestamp object") << messageWith("timestamp", QJsonObject{}) << "";
    }

    void skippedMessages()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, session);
        const auto update = parseWebhook(body, session);
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 0);
        QCOMPARE(update->skipped, 1);
        QVERIFY(!update->skipReason.isEmpty());
    }

    void acceptedMessages()
    {
        auto update = parseWebhook(messageWith("fromMe", false, "message.any"));
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 1);
        QCOMPARE(update->messages[0].text, QString("halo"));
        QCOMPARE(update->messages[0].externalId, QString("false_6281234567890@c.us_ABCDEF"));

        update = parseWebhook(messageWith({}, {}), "default");
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 1);

        update = parseWebhook(messageWith("notifyName", "Budi"));
        QVERIFY(update.ok());
        QCOMPARE(update->messages[0].name, QString("Budi"));

        // A participant of null (as in the ack fixture) is not a group.
        update = parseWebhook(messageWith("participant", QJsonValue::Null));
        QCOMPARE(update->messages.size(), 1);

        // A missing timestamp does not lose the customer's message.
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        update = parseWebhook(messageWith("timestamp", QJsonValue::Undefined));
        QCOMPARE(update->messages.size(), 1);
        QVERIFY(update->messages[0].receivedAt >= before);

        // A body of the wrong type leaves an empty, unsupported message.
        update = parseWebhook(messageWith("body", QJsonArray{1, 2}));
        QCOMPARE(update->messages.size(), 1);
        QCOMPARE(update->messages[0].type, MessageType::Unsupported);
        QVERIFY(update->messages[0].text.isEmpty());
    }

    void media_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<MessageType>("type");
        QTest::addColumn<QString>("mediaId");
        QTest::addColumn<QString>("mime");
        const QString url = "http://localhost:3000/api/files/x.bin";
        QTest::newRow("jpeg") << mediaMessage(QJsonObject{{"url", url}, {"mimetype", "image/jpeg"}})
                              << MessageType::Image << url << "image/jpeg";
        QTest::newRow("voice") << mediaMessage(QJsonObject{{"url", url}, {"mimetype", "audio/ogg; codecs=opus"}})
                               << MessageType::Audio << url << "audio/ogg; codecs=opus";
        QTest::newRow("video") << mediaMessage(QJsonObject{{"url", url}, {"mimetype", "video/mp4"}})
                               << MessageType::Unsupported << url << "video/mp4";
        QTest::newRow("pdf") << mediaMessage(QJsonObject{{"url", url}, {"mimetype", "application/pdf"}})
                             << MessageType::Unsupported << url << "application/pdf";
        QTest::newRow("no url") << mediaMessage(QJsonObject{{"mimetype", "image/jpeg"}, {"error", "no file"}})
                                << MessageType::Unsupported << ""
                                << "image/jpeg";
        QTest::newRow("media is an array") << mediaMessage(QJsonArray{url}) << MessageType::Unsupported << ""
                                           << "";
        QTest::newRow("url is a number") << mediaMessage(QJsonObject{{"url", 5}, {"mimetype", 7}})
                                         << MessageType::Unsupported << ""
                                         << "";
    }

    void media()
    {
        QFETCH(QByteArray, body);
        QFETCH(MessageType, type);
        QFETCH(QString, mediaId);
        QFETCH(QString, mime);
        const auto update = parseWebhook(body);
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 1);
        QCOMPARE(update->messages[0].type, type);
        QCOMPARE(update->messages[0].mediaId, mediaId);
        QCOMPARE(update->messages[0].mediaMime, mime);
        QCOMPARE(update->messages[0].text, QString("lihat ini")); // the caption
    }

    void acks_data()
    {
        QTest::addColumn<QJsonValue>("ack");
        QTest::addColumn<QString>("ackName");
        QTest::addColumn<QString>("status"); ///< empty: skipped
        QTest::newRow("error") << QJsonValue(-1) << ""
                               << "failed";
        QTest::newRow("pending") << QJsonValue(0) << ""
                                 << "";
        QTest::newRow("server") << QJsonValue(1) << ""
                                << "sent";
        QTest::newRow("device") << QJsonValue(2) << ""
                                << "delivered";
        QTest::newRow("read") << QJsonValue(3) << ""
                              << "read";
        QTest::newRow("played") << QJsonValue(4) << ""
                                << "played";
        QTest::newRow("unknown 5") << QJsonValue(5) << ""
                                   << "";
        QTest::newRow("fraction") << QJsonValue(2.5) << ""
                                  << "";
        QTest::newRow("huge") << QJsonValue(1e300) << ""
                              << "";
        QTest::newRow("string") << QJsonValue("3") << ""
                                << "";
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << ""
                              << "";
        QTest::newRow("ackName only") << QJsonValue(QJsonValue::Undefined) << "READ"
                                      << "read";
        QTest::newRow("bad ackName") << QJsonValue(QJsonValue::Undefined) << "SEEN"
                                     << "";
    }

    void acks()
    {
        QFETCH(QJsonValue, ack);
        QFETCH(QString, ackName);
        QFETCH(QString, status);
        QJsonObject payload{{"id", "true_6281@c.us_X"}, {"fromMe", true}};
        if (!ack.isUndefined())
            payload["ack"] = ack;
        if (!ackName.isEmpty())
            payload["ackName"] = ackName;
        const auto update = parseWebhook(
            toBody({{"event", "message.ack"}, {"session", "default"}, {"payload", payload}}));
        QVERIFY(update.ok());
        if (status.isEmpty()) {
            QCOMPARE(update->statuses.size(), 0);
            QCOMPARE(update->skipped, 1);
        } else {
            QCOMPARE(update->statuses.size(), 1);
            QCOMPARE(update->statuses[0].status, status);
            QCOMPARE(update->statuses[0].messageId, QString("true_6281@c.us_X"));
        }
    }

    void otherEventsIgnored_data()
    {
        QTest::addColumn<QString>("event");
        for (const char *event : {"session.status", "state.change", "presence.update", "message.reaction",
                                  "message.revoked", "message.edited", "call.received", "label.upsert"})
            QTest::newRow(event) << QString::fromLatin1(event);
    }

    void otherEventsIgnored()
    {
        QFETCH(QString, event);
        const auto update = parseWebhook(
            toBody({{"event", event}, {"session", "default"}, {"payload", QJsonObject{{"status", "WORKING"}}}}));
        QVERIFY(update.ok());
        QCOMPARE(update->ignored, 1);
        QCOMPARE(update->skipped, 0);
        QVERIFY(update->messages.isEmpty());
        QVERIFY(update->statuses.isEmpty());
    }

    void hostileBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("error");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("not json") << QByteArray("event=message") << true;
        QTest::newRow("truncated") << QByteArray(R"({"event":"message","payload":{)") << true;
        QTest::newRow("array") << QByteArray(R"([{"event":"message"}])") << true;
        QTest::newRow("null") << QByteArray("null") << true;
        QTest::newRow("number") << QByteArray("42") << true;
        QTest::newRow("string") << QByteArray(R"("message")") << true;
        QTest::newRow("no event") << QByteArray(R"({"session":"default","payload":{}})") << true;
        QTest::newRow("event is a number") << QByteArray(R"({"event":5})") << true;
        QTest::newRow("event is an array") << QByteArray(R"({"event":["message"]})") << true;
        QTest::newRow("deep nesting") << QByteArray(QByteArray(100000, '[') + QByteArray(100000, ']')) << true;
        QTest::newRow("no payload") << QByteArray(R"({"event":"message","session":"default"})") << false;
        QTest::newRow("payload array") << QByteArray(R"({"event":"message","payload":[1,2]})") << false;
        QTest::newRow("payload string") << QByteArray(R"({"event":"message.ack","payload":"x"})") << false;
        QTest::newRow("payload null") << QByteArray(R"({"event":"message","payload":null})") << false;
        QTest::newRow("all wrong types") << QByteArray(
            R"({"event":"message","session":7,"payload":{"id":[],"from":{},"fromMe":3,"timestamp":"x","body":{},"hasMedia":"yes","media":5,"_data":[]}})")
                                         << false;
        QTest::newRow("ack wrong types") << QByteArray(R"({"event":"message.ack","payload":{"id":{},"ack":[]}})")
                                         << false;
        QTest::newRow("beyond double range")
            << QByteArray(R"({"event":"message","payload":{"id":"x","from":"62@c.us","timestamp":1e400}})") << true;
        QTest::newRow("huge numbers") << QByteArray(
            R"({"event":"message","payload":{"id":"x","from":"6281@c.us","timestamp":1e300,"hasMedia":1e300}})")
                                      << false;
        QTest::newRow("huge ack") << QByteArray(R"({"event":"message.ack","payload":{"id":"x","ack":-1e300}})")
                                  << false;
    }

    void hostileBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, error);
        const auto update = parseWebhook(body, "default");
        QCOMPARE(update.ok(), !error);
        if (error) {
            QCOMPARE(update.error().code, QString("waha.bad_body"));
            return;
        }
        QVERIFY(update->messages.isEmpty());
        QVERIFY(update->statuses.isEmpty());
        QCOMPARE(update->skipped, 1);
    }

    void chatIds_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("chatId");
        QTest::newRow("digits") << "6281234567890"
                                << "6281234567890@c.us";
        QTest::newRow("formatted") << "+62 812-3456-7890"
                                   << "6281234567890@c.us";
        QTest::newRow("lid") << "123456789012345@lid"
                             << "123456789012345@lid";
        QTest::newRow("c.us kept") << "6281@c.us"
                                   << "6281@c.us";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("letters") << "budi"
                                 << "";
    }

    void chatIds()
    {
        QFETCH(QString, from);
        QFETCH(QString, chatId);
        QCOMPARE(chatIdFor(from), chatId);
    }

    // What parseWebhook gives as `from` turns back into the chat the message came from.
    void chatIdRoundTrip()
    {
        for (const QString &chat : {QString("6281234567890@c.us"), QString("123456789012345@lid")}) {
            const auto update = parseWebhook(messageWith("from", chat));
            QCOMPARE(update->messages.size(), 1);
            QCOMPARE(chatIdFor(update->messages[0].from), chat);
        }
    }
};

QTEST_GUILESS_MAIN(TestWahaWebhook)
#include "tst_wahawebhook.moc"
