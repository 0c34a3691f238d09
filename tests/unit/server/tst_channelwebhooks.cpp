// The WhatsApp webhooks over real HTTP on loopback (PROTOCOLS.md §1.2–1.4 for the Cloud API,
// §2.1 for WAHA): the handshake, the signatures over the raw bytes (nothing is stored without
// one), the real fixture payloads through to IServerBackend::ingest and recordDeliveries, the
// answers a sender retries on (503) and the hostile bodies that must end in 4xx, never a crash.
// The parsers behind the routes have their own tests (tst_cloudwebhook, tst_wahawebhook).

#include "unit/server/serverfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace kedai;
using kedai::domain::MessageType;
using kedai::test::HttpResult;
using kedai::test::json;

Q_DECLARE_METATYPE(kedai::domain::MessageType)

namespace {

const QString kWhatsappPath = QStringLiteral("/webhook/whatsapp");
const QString kWahaPath = QStringLiteral("/webhook/waha");
const QByteArray kAppSecret = QByteArrayLiteral("app-secret-0123456789abcdef");
const QString kVerifyToken = QStringLiteral("my-verify-token");
const QByteArray kWahaKey = QByteArrayLiteral("waha-hmac-key-0123456789");
constexpr qsizetype kBodyLimit = 1024 * 1024; // ServerOptions' default

QString fixturePath(const QString &relative)
{
    // ctest sets KEDAI_SOURCE_DIR; a test binary started by hand falls back to its source folder.
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../..");
#endif
    return root + QStringLiteral("/tests/fixtures/") + relative;
}

QByteArray readFixture(const QString &relative)
{
    QFile file(fixturePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QJsonObject loadFixture(const QString &relative)
{
    return QJsonDocument::fromJson(readFixture(relative)).object();
}

/// Pretty-printed on purpose: the signature must hold for the bytes as sent, not for a compact form.
QByteArray indented(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QByteArray signCloud(const QByteArray &body, const QByteArray &secret = kAppSecret)
{
    return QByteArrayLiteral("sha256=")
           + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QByteArray signWaha(const QByteArray &body, const QByteArray &key = kWahaKey)
{
    return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha512).toHex();
}

/// The value of `change` of a Cloud API webhook with these messages and statuses.
QJsonObject cloudEnvelope(const QJsonArray &messages, const QJsonArray &statuses = {})
{
    QJsonObject value{
        {"messaging_product", "whatsapp"},
        {"metadata", QJsonObject{{"display_phone_number", "6281100000000"}, {"phone_number_id", "1122334455667"}}},
        {"contacts", QJsonArray{QJsonObject{{"profile", QJsonObject{{"name", "Budi"}}}, {"wa_id", "6281234567890"}}}}};
    if (!messages.isEmpty())
        value.insert("messages", messages);
    if (!statuses.isEmpty())
        value.insert("statuses", statuses);
    const QJsonObject change{{"field", "messages"}, {"value", value}};
    return QJsonObject{{"object", "whatsapp_business_account"},
                       {"entry", QJsonArray{QJsonObject{{"id", "1234567890"}, {"changes", QJsonArray{change}}}}}};
}

QJsonObject cloudText(const QString &wamid, const QString &text)
{
    return QJsonObject{{"from", "6281234567890"},
                       {"id", wamid},
                       {"timestamp", "1700000000"},
                       {"type", "text"},
                       {"text", QJsonObject{{"body", text}}}};
}

/// An answer to one of our interactive messages: `kind` is "button_reply" or "list_reply".
QJsonObject cloudReply(const QString &wamid, const QString &kind, const QString &id, const QString &title)
{
    return QJsonObject{{"from", "6281234567890"},
                       {"id", wamid},
                       {"timestamp", "1700000000"},
                       {"type", "interactive"},
                       {"context", QJsonObject{{"from", "6281100000000"}, {"id", "wamid.ours"}}},
                       {"interactive", QJsonObject{{"type", kind}, {kind, QJsonObject{{"id", id}, {"title", title}}}}}};
}

/// Every item of `key` ("messages" or "statuses") over all entries and changes.
QJsonArray itemsOf(const QJsonObject &webhook, const QString &key)
{
    QJsonArray all;
    for (const QJsonValue &entry : webhook.value("entry").toArray()) {
        for (const QJsonValue &change : entry.toObject().value("changes").toArray()) {
            for (const QJsonValue &item : change.toObject().value("value").toObject().value(key).toArray())
                all.append(item);
        }
    }
    return all;
}

/// The WAHA text event of the docs, as a customer's message (the fixture is one of our own).
QJsonObject wahaIncoming(const QString &id, const QString &from = QStringLiteral("6281234567890@c.us"))
{
    QJsonObject webhook = loadFixture(QStringLiteral("waha/event_message_text_docs.json"));
    QJsonObject payload = webhook.value("payload").toObject();
    payload.insert("id", id);
    payload.insert("from", from);
    payload.insert("fromMe", false);
    webhook.insert("payload", payload);
    return webhook;
}

/// What a Cloud API message fixture must become in the inbox, by fixture key.
QHash<QString, MessageType> cloudTypes()
{
    const auto unsupported = MessageType::Unsupported;
    return {{"text", MessageType::Text},
            {"image", MessageType::Image},
            {"media_with_url", MessageType::Image},
            {"video", unsupported},
            {"document", unsupported},
            {"audio", MessageType::Audio},
            {"voice", MessageType::Audio},
            {"static_sticker", unsupported},
            {"animated_sticker", unsupported},
            {"reaction", unsupported},
            {"unreaction_empty", unsupported},
            {"unreaction_no_emoji", unsupported},
            {"current_location", unsupported},
            {"chosen_location", unsupported},
            {"contacts", unsupported},
            {"order", unsupported},
            {"unsupported", unsupported},
            {"unsupported_with_type", unsupported},
            {"reply", MessageType::Text},
            {"forwarded", MessageType::Text},
            {"forwarded_many_times", MessageType::Text},
            {"interactive_message_with_err", unsupported},
            {"referral", MessageType::Text},
            {"button", MessageType::Interactive},
            {"quick_reply", MessageType::Interactive},
            {"quick_reply_without_context", MessageType::Interactive},
            {"callback", MessageType::Interactive},
            {"description", MessageType::Interactive}};
}

int jsonInt(const HttpResult &r, const char *key)
{
    return r.json().value(QLatin1String(key)).toInt(-1);
}

QString errorOf(const HttpResult &r)
{
    return r.json().value("error").toString();
}

} // namespace

class TestChannelWebhooks : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // Cloud API: GET handshake
    void handshake_data();
    void handshake();
    void handshakeFixtureCases_data();
    void handshakeFixtureCases();
    void handshakeRefusedWithoutConfiguredToken();
    void otherMethodsAre405_data();
    void otherMethodsAre405();

    // Cloud API: signature
    void postWithoutAppSecretIs401();
    void badSignatureStoresNothing_data();
    void badSignatureStoresNothing();
    void signatureIsOverTheRawBytes();
    void uppercaseHexAccepted();
    void unsignedGarbageIs401NotParsed();

    // Cloud API: what is stored
    void messageFixtures_data();
    void messageFixtures();
    void allMessageFixturesInOneBody();
    void statusFixtures_data();
    void statusFixtures();
    void allStatusFixturesInOneBody();
    void sameWamidTwiceIsADuplicate();
    void commandChoiceIsIngestedAsTheCommand_data();
    void commandChoiceIsIngestedAsTheCommand();
    void storeFailureIs503AndRetryWorks();
    void statusStoreFailureIs503();

    // Cloud API: hostile bodies
    void signedMalformedBodyIs400_data();
    void signedMalformedBodyIs400();
    void signedOddShapesStoreNothing_data();
    void signedOddShapesStoreNothing();
    void bodyOverLimitIs413();

    // WAHA
    void wahaOffIs404();
    void wahaBadSignatureStoresNothing_data();
    void wahaBadSignatureStoresNothing();
    void wahaGoodSignatureAccepted_data();
    void wahaGoodSignatureAccepted();
    void wahaWithoutKeyNeedsNoSignature();
    void wahaFixtures_data();
    void wahaFixtures();
    void wahaIncomingMessage_data();
    void wahaIncomingMessage();
    void wahaSessionFilter();
    void wahaAcks_data();
    void wahaAcks();
    void wahaDuplicateAndStoreFailure();
    void wahaHostileBodies_data();
    void wahaHostileBodies();

private:
    /// POST /webhook/whatsapp; `signature` is the whole X-Hub-Signature-256 value (none when nullopt).
    HttpResult postCloud(const QByteArray &body, const std::optional<QByteArray> &signature) const;
    HttpResult postCloudSigned(const QByteArray &body) const { return postCloud(body, signCloud(body)); }
    /// POST /webhook/waha with X-Webhook-Hmac and X-Webhook-Hmac-Algorithm (none when nullopt).
    HttpResult postWaha(const QByteArray &body, const std::optional<QByteArray> &hmac,
                        const std::optional<QByteArray> &algorithm = QByteArray("sha512")) const;
    HttpResult postWahaSigned(const QByteArray &body) const { return postWaha(body, signWaha(body)); }
    HttpResult verify(const QUrlQuery &query) const;
    void setSecrets(const server::ChannelSecrets &secrets) const { m_fx->backend->setChannelSecrets(secrets); }
    qsizetype ingested() const { return m_fx->backend->ingested().size(); }
    qsizetype deliveries() const { return m_fx->backend->deliveries().size(); }

    static server::ChannelSecrets defaultSecrets();

    std::unique_ptr<test::ServerFixture> m_fx;
};

server::ChannelSecrets TestChannelWebhooks::defaultSecrets()
{
    server::ChannelSecrets s;
    s.cloudApi = true;
    s.waAppSecret = kAppSecret;
    s.waVerifyToken = kVerifyToken;
    s.waha = true;
    s.wahaHmacKey = kWahaKey;
    s.wahaSession = QStringLiteral("default");
    return s;
}

// A fresh server and backend for every test (and data row): the fixtures share wamids, and the
// fake backend deduplicates them the way the inbox does.
void TestChannelWebhooks::init()
{
    m_fx = std::make_unique<test::ServerFixture>();
    const QString problem = m_fx->start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    setSecrets(defaultSecrets());
}

void TestChannelWebhooks::cleanup()
{
    if (m_fx)
        m_fx->stop();
    m_fx.reset();
}

HttpResult TestChannelWebhooks::postCloud(const QByteArray &body, const std::optional<QByteArray> &signature) const
{
    QNetworkRequest request(m_fx->client->url(kWhatsappPath));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (signature)
        request.setRawHeader(QByteArrayLiteral("X-Hub-Signature-256"), *signature);
    return test::HttpTestClient::finish(m_fx->client->nam().post(request, body));
}

HttpResult TestChannelWebhooks::postWaha(const QByteArray &body, const std::optional<QByteArray> &hmac,
                                         const std::optional<QByteArray> &algorithm) const
{
    QNetworkRequest request(m_fx->client->url(kWahaPath));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("X-Webhook-Request-Id"), QByteArrayLiteral("req-1"));
    if (hmac)
        request.setRawHeader(QByteArrayLiteral("X-Webhook-Hmac"), *hmac);
    if (algorithm)
        request.setRawHeader(QByteArrayLiteral("X-Webhook-Hmac-Algorithm"), *algorithm);
    return test::HttpTestClient::finish(m_fx->client->nam().post(request, body));
}

HttpResult TestChannelWebhooks::verify(const QUrlQuery &query) const
{
    QUrl url = m_fx->client->url(kWhatsappPath);
    url.setQuery(query);
    return m_fx->client->get(url);
}

// ---- Cloud API: GET handshake

void TestChannelWebhooks::handshake_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("challenge");
    QTest::addColumn<int>("status");

    QTest::newRow("good") << "subscribe" << kVerifyToken << "1158201444" << 200;
    QTest::newRow("challenge with reserved characters") << "subscribe" << kVerifyToken << "a b&c=d+e/é" << 200;
    QTest::newRow("wrong token") << "subscribe"
                                 << "wrong"
                                 << "1158201444" << 403;
    QTest::newRow("token prefix") << "subscribe" << kVerifyToken.chopped(1) << "1158201444" << 403;
    QTest::newRow("token plus one") << "subscribe" << kVerifyToken + "x"
                                    << "1158201444" << 403;
    QTest::newRow("token other case") << "subscribe" << kVerifyToken.toUpper() << "1158201444" << 403;
    QTest::newRow("empty token") << "subscribe" << QString() << "1158201444" << 403;
    QTest::newRow("unsubscribe") << "unsubscribe" << kVerifyToken << "1158201444" << 403;
    QTest::newRow("mode other case") << "Subscribe" << kVerifyToken << "1158201444" << 403;
    QTest::newRow("no mode") << QString() << kVerifyToken << "1158201444" << 403;
}

void TestChannelWebhooks::handshake()
{
    QFETCH(QString, mode);
    QFETCH(QString, token);
    QFETCH(QString, challenge);
    QFETCH(int, status);

    QUrlQuery query;
    if (!mode.isEmpty())
        query.addQueryItem("hub.mode", QString::fromLatin1(QUrl::toPercentEncoding(mode)));
    if (!token.isEmpty())
        query.addQueryItem("hub.verify_token", QString::fromLatin1(QUrl::toPercentEncoding(token)));
    query.addQueryItem("hub.challenge", QString::fromLatin1(QUrl::toPercentEncoding(challenge)));
    const HttpResult r = verify(query);
    QCOMPARE(r.status, status);
    if (status == 200) {
        QCOMPARE(QString::fromUtf8(r.body), challenge);
        QVERIFY2(r.header("content-type").startsWith("text/plain"), r.header("content-type").constData());
    } else {
        QCOMPARE(errorOf(r), QStringLiteral("verification_failed"));
        QVERIFY(!r.body.contains(challenge.toUtf8()));
    }
    QCOMPARE(ingested(), 0);
}

void TestChannelWebhooks::handshakeFixtureCases_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");

    const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/verification_get_cases.json"));
    const QJsonArray cases = fixture.value("cases").toArray();
    QVERIFY2(cases.size() >= 3, "the fixture was not found: set KEDAI_SOURCE_DIR");
    for (const QJsonValue &c : cases) {
        const QString request = c.toObject().value("request").toString();
        const QString query = request.section(u'?', 1).section(u' ', 0, 0);
        QTest::newRow(qPrintable(query)) << fixture.value("configured_verify_token").toString() << query
                                         << c.toObject().value("expect_status").toInt()
                                         << c.toObject().value("expect_body").toString().toUtf8();
    }
}

void TestChannelWebhooks::handshakeFixtureCases()
{
    QFETCH(QString, configured);
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QByteArray, body);

    server::ChannelSecrets secrets = defaultSecrets();
    secrets.waVerifyToken = configured;
    setSecrets(secrets);
    // The query exactly as Meta sends it, dots in the keys included.
    const HttpResult r = m_fx->get(kWhatsappPath + QLatin1Char('?') + query);
    QCOMPARE(r.status, status);
    if (status == 200)
        QCOMPARE(r.body, body);
}

void TestChannelWebhooks::handshakeRefusedWithoutConfiguredToken()
{
    server::ChannelSecrets secrets = defaultSecrets();
    secrets.waVerifyToken.clear();
    setSecrets(secrets);
    for (const QString &token : {QString(), QStringLiteral("anything"), kVerifyToken}) {
        QUrlQuery query;
        query.addQueryItem("hub.mode", "subscribe");
        query.addQueryItem("hub.challenge", "42");
        if (!token.isNull())
            query.addQueryItem("hub.verify_token", token);
        const HttpResult r = verify(query);
        QCOMPARE(r.status, 403);
        QCOMPARE(errorOf(r), QStringLiteral("verification_failed"));
        QVERIFY2(r.json().value("message").toString().contains("WA_VERIFY_TOKEN"), r.body.constData());
    }
}

void TestChannelWebhooks::otherMethodsAre405_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("PUT whatsapp") << kWhatsappPath << QByteArray("PUT") << QByteArray("GET, POST");
    QTest::newRow("DELETE whatsapp") << kWhatsappPath << QByteArray("DELETE") << QByteArray("GET, POST");
    QTest::newRow("GET waha") << kWahaPath << QByteArray("GET") << QByteArray("POST");
    QTest::newRow("PATCH waha") << kWahaPath << QByteArray("PATCH") << QByteArray("POST");
}

void TestChannelWebhooks::otherMethodsAre405()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, allow);

    const QByteArray body = indented(cloudEnvelope({cloudText("wamid.m405", "halo")}));
    QNetworkRequest request(m_fx->client->url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("X-Hub-Signature-256"), signCloud(body));
    const HttpResult r = test::HttpTestClient::finish(m_fx->client->nam().sendCustomRequest(request, verb, body));
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), allow);
    QCOMPARE(ingested(), 0);
}

// ---- Cloud API: signature

void TestChannelWebhooks::postWithoutAppSecretIs401()
{
    server::ChannelSecrets secrets = defaultSecrets();
    secrets.waAppSecret.clear();
    setSecrets(secrets);
    const QByteArray body = indented(cloudEnvelope({cloudText("wamid.nosecret", "halo")}));
    // Signed with the old secret, with an empty one and not at all: all refused.
    for (const std::optional<QByteArray> &signature :
         {std::optional<QByteArray>(signCloud(body)), std::optional<QByteArray>(signCloud(body, QByteArray())),
          std::optional<QByteArray>()}) {
        const HttpResult r = postCloud(body, signature);
        QCOMPARE(r.status, 401);
        QCOMPARE(errorOf(r), QStringLiteral("not_configured"));
        QVERIFY2(r.json().value("message").toString().contains("WA_APP_SECRET"), r.body.constData());
    }
    QCOMPARE(ingested(), 0);
}

void TestChannelWebhooks::badSignatureStoresNothing_data()
{
    QTest::addColumn<bool>("withHeader");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QString>("error");

    const QByteArray body = indented(cloudEnvelope({cloudText("wamid.sig", "beli")}, {}));
    const QByteArray good = signCloud(body);
    const QByteArray hex = good.mid(7);
    const QString invalid = QStringLiteral("signature_invalid");

    QTest::newRow("missing") << false << QByteArray() << "signature_missing";
    QTest::newRow("empty") << true << QByteArray() << "signature_missing";
    QTest::newRow("wrong secret") << true << signCloud(body, "another-secret") << invalid;
    QTest::newRow("signed with the verify token") << true << signCloud(body, kVerifyToken.toUtf8()) << invalid;
    QTest::newRow("other body") << true << signCloud(body + ' ') << invalid;
    QTest::newRow("bare hex, no prefix") << true << hex << invalid;
    QTest::newRow("sha1= prefix") << true << "sha1=" + hex << invalid;
    QTest::newRow("sha512= prefix") << true << "sha512=" + hex << invalid;
    QTest::newRow("prefix only") << true << QByteArray("sha256=") << invalid;
    QTest::newRow("63 digits") << true << good.chopped(1) << invalid;
    QTest::newRow("65 digits") << true << good + "0" << invalid;
    QTest::newRow("last digit changed") << true << good.chopped(1) + (good.endsWith('0') ? "1" : "0") << invalid;
    QTest::newRow("not hex") << true << "sha256=" + QByteArray(64, 'g') << invalid;
    QTest::newRow("base64 digest")
        << true << "sha256=" + QMessageAuthenticationCode::hash(body, kAppSecret, QCryptographicHash::Sha256).toBase64()
        << invalid;
    QTest::newRow("sha256 of the body without key")
        << true << "sha256=" + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex() << invalid;
    QTest::newRow("twice") << true << good + "," + good << invalid;
}

void TestChannelWebhooks::badSignatureStoresNothing()
{
    QFETCH(bool, withHeader);
    QFETCH(QByteArray, signature);
    QFETCH(QString, error);

    const QByteArray body = indented(cloudEnvelope({cloudText("wamid.sig", "beli")}, {}));
    const HttpResult r = postCloud(body, withHeader ? std::optional<QByteArray>(signature) : std::nullopt);
    QCOMPARE(r.status, 401);
    QCOMPARE(errorOf(r), error);
    QVERIFY2(r.json().value("message").toString().contains("X-Hub-Signature-256"), r.body.constData());
    QCOMPARE(ingested(), 0);
    QCOMPARE(deliveries(), 0);
    // The same body with the right signature is taken: the refusal was about the signature.
    QCOMPARE(postCloudSigned(body).status, 200);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::signatureIsOverTheRawBytes()
{
    // The fixture file as it is on disk (indented, with its own spacing), signed byte for byte.
    const QByteArray raw = readFixture(QStringLiteral("whatsapp_cloud/pywa_updates_message.json"));
    QVERIFY2(!raw.isEmpty(), "the fixture was not found: set KEDAI_SOURCE_DIR");
    const QJsonObject text = QJsonDocument::fromJson(raw).object().value("text").toObject();
    const QByteArray compact = QJsonDocument(text).toJson(QJsonDocument::Compact);
    const QByteArray signature = signCloud(compact);

    // One extra space after the first colon: the same JSON, other bytes, so another HMAC.
    QByteArray spaced = compact;
    spaced.replace(spaced.indexOf(':'), 1, ": ");
    QCOMPARE(QJsonDocument::fromJson(spaced).object(), text);
    HttpResult r = postCloud(spaced, signature);
    QCOMPARE(r.status, 401);
    QCOMPARE(errorOf(r), QStringLiteral("signature_invalid"));
    // A trailing newline is another body too.
    QCOMPARE(postCloud(compact + '\n', signature).status, 401);
    // The pretty-printed form of the same object, with the compact form's signature.
    QCOMPARE(postCloud(indented(text), signature).status, 401);
    QCOMPARE(ingested(), 0);

    r = postCloud(compact, signature);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    // The spaced bytes with their own signature are fine (and the same message again).
    r = postCloud(spaced, signCloud(spaced));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "duplicates"), 1);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::uppercaseHexAccepted()
{
    const QByteArray body = indented(cloudEnvelope({cloudText("wamid.upper", "halo")}));
    const QByteArray lower = signCloud(body);
    const QByteArray upper = "sha256=" + lower.mid(7).toUpper();
    QVERIFY(upper != lower);
    HttpResult r = postCloud(body, upper);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    // Mixed case, and blanks around the value, are the same signature.
    QByteArray mixed = lower;
    for (qsizetype i = 7; i < mixed.size(); i += 2) {
        if (mixed[i] >= 'a' && mixed[i] <= 'f')
            mixed[i] = char(mixed[i] - 'a' + 'A');
    }
    r = postCloud(body, mixed);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "duplicates"), 1);
    QCOMPARE(postCloud(body, "  " + lower + "  ").status, 200);
    // The prefix itself is not case-folded: Meta sends it in lower case.
    QCOMPARE(postCloud(body, "SHA256=" + lower.mid(7)).status, 401);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::unsignedGarbageIs401NotParsed()
{
    // Without a good signature the body is never read: garbage is a 401, not a 400.
    for (const QByteArray &body :
         {QByteArray("not json"), QByteArray("[]"), QByteArray("{\"object\":5}"), QByteArray()}) {
        QCOMPARE(postCloud(body, std::nullopt).status, 401);
        QCOMPARE(postCloud(body, signCloud(body, "wrong")).status, 401);
    }
    QCOMPARE(ingested(), 0);
}

// ---- Cloud API: what is stored

void TestChannelWebhooks::messageFixtures_data()
{
    QTest::addColumn<QJsonObject>("webhook");
    QTest::addColumn<QString>("key");

    int rows = 0;
    for (const char *file :
         {"pywa_updates_message.json", "pywa_updates_callback_button.json", "pywa_updates_callback_selection.json"}) {
        const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/") + QLatin1String(file));
        for (auto it = fixture.begin(); it != fixture.end(); ++it, ++rows)
            QTest::addRow("%s/%s", file, qPrintable(it.key())) << it.value().toObject() << it.key();
    }
    QVERIFY2(rows >= 28, "the fixtures were not found: set KEDAI_SOURCE_DIR");
}

void TestChannelWebhooks::messageFixtures()
{
    QFETCH(QJsonObject, webhook);
    QFETCH(QString, key);
    const QHash<QString, MessageType> types = cloudTypes();
    QVERIFY2(types.contains(key), qPrintable("no expectation for the fixture key " + key));

    const QJsonObject raw = itemsOf(webhook, "messages").first().toObject();
    const HttpResult r = postCloudSigned(indented(webhook));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    QCOMPARE(jsonInt(r, "duplicates"), 0);
    QCOMPARE(jsonInt(r, "statuses"), 0);
    QCOMPARE(jsonInt(r, "skipped"), 0);

    const auto inbox = m_fx->backend->ingested();
    QCOMPARE(inbox.size(), 1);
    const domain::InboundMessage &m = inbox.first();
    QCOMPARE(m.channel, QStringLiteral("whatsapp"));
    QCOMPARE(m.externalId, raw.value("id").toString());
    QCOMPARE(m.from, QStringLiteral("972987654321"));
    QCOMPARE(m.name, QStringLiteral("Test Name"));
    QCOMPARE(m.receivedAt.toSecsSinceEpoch(), raw.value("timestamp").toString().toLongLong());
    QCOMPARE(m.type, types.value(key));
    const QString type = raw.value("type").toString();
    if (type == QLatin1String("text"))
        QCOMPARE(m.text, raw.value("text").toObject().value("body").toString());
    if (m.type == MessageType::Image || m.type == MessageType::Audio) {
        // The media id to download later, and its type as sent.
        QCOMPARE(m.mediaId, raw.value(type).toObject().value("id").toString());
        QCOMPARE(m.mediaMime, raw.value(type).toObject().value("mime_type").toString());
        QVERIFY(!m.mediaId.isEmpty());
    } else {
        QVERIFY(m.mediaId.isEmpty());
    }
    if (m.type == MessageType::Interactive) {
        // Not a "cmd:" choice: the customer's answer is the title they saw.
        QCOMPARE(m.text, QStringLiteral("title"));
    }
    if (m.type == MessageType::Unsupported)
        QVERIFY(m.text.isEmpty());
}

void TestChannelWebhooks::allMessageFixturesInOneBody()
{
    // Every fixture message in one POST, over several entries: all are handed on; the fixtures
    // reuse wamids, and the repeats come back as duplicates.
    const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/pywa_updates_message.json"));
    QVERIFY2(fixture.size() >= 20, "the fixture was not found: set KEDAI_SOURCE_DIR");
    QJsonArray entries;
    QSet<QString> ids;
    QHash<QString, QString> firstKeyOf; // wamid → the fixture key that carries it first
    int messages = 0;
    for (auto it = fixture.begin(); it != fixture.end(); ++it) {
        for (const QJsonValue &entry : it.value().toObject().value("entry").toArray())
            entries.append(entry);
        for (const QJsonValue &m : itemsOf(it.value().toObject(), "messages")) {
            const QString id = m.toObject().value("id").toString();
            ids.insert(id);
            if (!firstKeyOf.contains(id))
                firstKeyOf.insert(id, it.key());
            ++messages;
        }
    }
    QCOMPARE(messages, fixture.size());
    QCOMPARE(ids.size(), 3); // wamid.xyzxyz, wamid.wegrchytvwcggt, wamid.ID

    const QJsonObject webhook{{"object", "whatsapp_business_account"}, {"entry", entries}};
    const HttpResult r = postCloudSigned(QJsonDocument(webhook).toJson(QJsonDocument::Compact));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), ids.size());
    QCOMPARE(jsonInt(r, "duplicates"), messages - int(ids.size()));
    QCOMPARE(jsonInt(r, "skipped"), 0);
    const auto inbox = m_fx->backend->ingested();
    QCOMPARE(inbox.size(), ids.size());
    QSet<QString> stored;
    for (const auto &m : inbox)
        stored.insert(m.externalId);
    QCOMPARE(stored, ids);
    // The first message of each id won, in the body's order.
    const QHash<QString, MessageType> types = cloudTypes();
    for (const auto &m : inbox)
        QCOMPARE(m.type, types.value(firstKeyOf.value(m.externalId)));
}

void TestChannelWebhooks::statusFixtures_data()
{
    QTest::addColumn<QJsonObject>("webhook");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("errorCode");

    const QHash<QString, QString> statusOf = {{"sent", "sent"},     {"delivered", "delivered"},
                                              {"read", "read"},     {"played", "played"},
                                              {"failed", "failed"}, {"with_tracker", "sent"},
                                              {"group", "read"}};
    const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/pywa_updates_message_status.json"));
    QVERIFY2(fixture.size() >= 7, "the fixture was not found: set KEDAI_SOURCE_DIR");
    for (auto it = fixture.begin(); it != fixture.end(); ++it)
        QTest::newRow(qPrintable(it.key()))
            << it.value().toObject() << statusOf.value(it.key()) << (it.key() == QLatin1String("failed") ? 130472 : 0);
}

void TestChannelWebhooks::statusFixtures()
{
    QFETCH(QJsonObject, webhook);
    QFETCH(QString, status);
    QFETCH(int, errorCode);
    QVERIFY2(!status.isEmpty(), "no expectation for this fixture key");

    const QJsonObject raw = itemsOf(webhook, "statuses").first().toObject();
    const HttpResult r = postCloudSigned(indented(webhook));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "statuses"), 1);
    QCOMPARE(jsonInt(r, "stored"), 0);
    QCOMPARE(jsonInt(r, "skipped"), 0);
    QCOMPARE(ingested(), 0);

    const auto recorded = m_fx->backend->deliveries();
    QCOMPARE(recorded.size(), 1);
    const server::DeliveryStatus &d = recorded.first();
    QCOMPARE(d.channel, QStringLiteral("whatsapp"));
    QCOMPARE(d.externalId, raw.value("id").toString());
    QCOMPARE(d.status, status);
    QCOMPARE(d.at.toSecsSinceEpoch(), raw.value("timestamp").toString().toLongLong());
    QCOMPARE(d.errorCode, errorCode);
    if (errorCode == 0) {
        QVERIFY(d.error.isEmpty());
    } else {
        // What the staff sees in the outbox: the code, the title and Meta's details.
        QVERIFY2(d.error.startsWith(QStringLiteral("WhatsApp 130472: User's number is part of an experiment")),
                 qPrintable(d.error));
        QVERIFY2(d.error.contains(QStringLiteral("(Failed to send message because this user's phone number")),
                 qPrintable(d.error));
    }
}

void TestChannelWebhooks::allStatusFixturesInOneBody()
{
    const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/pywa_updates_message_status.json"));
    QVERIFY2(fixture.size() >= 7, "the fixture was not found: set KEDAI_SOURCE_DIR");
    QJsonArray statuses;
    for (auto it = fixture.begin(); it != fixture.end(); ++it) {
        for (const QJsonValue &s : itemsOf(it.value().toObject(), "statuses"))
            statuses.append(s);
    }
    // Plus one inbound message in the same change: both halves are handled.
    const HttpResult r = postCloudSigned(indented(cloudEnvelope({cloudText("wamid.mixed", "halo")}, statuses)));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "statuses"), statuses.size());
    QCOMPARE(jsonInt(r, "stored"), 1);
    const auto recorded = m_fx->backend->deliveries();
    QCOMPARE(recorded.size(), statuses.size());
    for (qsizetype i = 0; i < recorded.size(); ++i) {
        QCOMPARE(recorded.at(i).externalId, statuses.at(i).toObject().value("id").toString());
        QCOMPARE(recorded.at(i).status, statuses.at(i).toObject().value("status").toString());
    }
    QCOMPARE(ingested(), 1);
    QCOMPARE(m_fx->backend->ingested().first().name, QStringLiteral("Budi"));
}

void TestChannelWebhooks::sameWamidTwiceIsADuplicate()
{
    const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/pywa_updates_message.json"));
    const QByteArray body = indented(fixture.value("text").toObject());
    QVERIFY2(body.contains("wamid.xyzxyz"), "the fixture was not found: set KEDAI_SOURCE_DIR");

    HttpResult r = postCloudSigned(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    QCOMPARE(jsonInt(r, "duplicates"), 0);
    // Meta re-delivers (no 200 seen, or its own retry): still 200, so it stops, and nothing twice.
    r = postCloudSigned(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 0);
    QCOMPARE(jsonInt(r, "duplicates"), 1);
    QCOMPARE(ingested(), 1);

    // Two copies in one body: one stored, one duplicate.
    const QJsonObject twice = cloudEnvelope({cloudText("wamid.twice", "a"), cloudText("wamid.twice", "a")});
    r = postCloudSigned(indented(twice));
    QCOMPARE(jsonInt(r, "stored"), 1);
    QCOMPARE(jsonInt(r, "duplicates"), 1);
    QCOMPARE(ingested(), 2);
}

void TestChannelWebhooks::commandChoiceIsIngestedAsTheCommand_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QString>("text");

    QTest::newRow("list row: search") << cloudReply("wamid.c1", "list_reply", "cmd:cari NF1", "Netflix 1 Bulan")
                                      << "cari NF1";
    QTest::newRow("button: buy") << cloudReply("wamid.c2", "button_reply", "cmd:buy NF1 1", "Beli pakai saldo")
                                 << "buy NF1 1";
    QTest::newRow("button: buynow") << cloudReply("wamid.c3", "button_reply", "cmd:buynow NF1 1", "Bayar QRIS")
                                    << "buynow NF1 1";
    QTest::newRow("button: menu") << cloudReply("wamid.c4", "button_reply", "cmd:menu", "Menu") << "menu";
    QTest::newRow("not a command: the title")
        << cloudReply("wamid.c5", "list_reply", "callback_data", "Judul") << "Judul";
    QTest::newRow("CMD: is not the prefix") << cloudReply("wamid.c6", "button_reply", "CMD:saldo", "Saldo") << "Saldo";

    // A quick-reply button of a template message carries the id as `payload`.
    const QJsonObject fixture = loadFixture(QStringLiteral("whatsapp_cloud/pywa_updates_callback_button.json"));
    QJsonObject quick = itemsOf(fixture.value("quick_reply").toObject(), "messages").first().toObject();
    quick.insert("button", QJsonObject{{"payload", "cmd:saldo"}, {"text", "Cek saldo"}});
    QTest::newRow("template quick reply") << quick << "saldo";
}

void TestChannelWebhooks::commandChoiceIsIngestedAsTheCommand()
{
    QFETCH(QJsonObject, message);
    QFETCH(QString, text);

    const HttpResult r = postCloudSigned(indented(cloudEnvelope({message})));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    const auto inbox = m_fx->backend->ingested();
    QCOMPARE(inbox.size(), 1);
    QCOMPARE(inbox.first().type, MessageType::Interactive);
    QCOMPARE(inbox.first().text, text);
    QCOMPARE(inbox.first().externalId, message.value("id").toString());
}

void TestChannelWebhooks::storeFailureIs503AndRetryWorks()
{
    const QByteArray body = indented(
        cloudEnvelope({cloudText("wamid.r1", "stok"), cloudText("wamid.r2", "saldo")},
                      {QJsonObject{{"id", "wamid.out1"}, {"status", "read"}, {"timestamp", "1700000001"}}}));
    m_fx->backend->setFailIngest(true);
    HttpResult r = postCloudSigned(body);
    QCOMPARE(r.status, 503);
    QCOMPARE(errorOf(r), QStringLiteral("unavailable"));
    QCOMPARE(ingested(), 0);
    QCOMPARE(deliveries(), 0);

    // Meta sends the same body again once the store is back: everything arrives once.
    m_fx->backend->setFailIngest(false);
    r = postCloudSigned(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 2);
    QCOMPARE(jsonInt(r, "statuses"), 1);
    QCOMPARE(ingested(), 2);
    QCOMPARE(deliveries(), 1);
}

void TestChannelWebhooks::statusStoreFailureIs503()
{
    const QByteArray body = indented(
        cloudEnvelope({}, {QJsonObject{{"id", "wamid.out2"}, {"status", "delivered"}, {"timestamp", "1700000002"}}}));
    m_fx->backend->setFailIngest(true); // fails recordDeliveries as well
    const HttpResult r = postCloudSigned(body);
    QCOMPARE(r.status, 503);
    QCOMPARE(errorOf(r), QStringLiteral("unavailable"));
    QVERIFY2(r.json().value("message").toString().contains("statuses"), r.body.constData());
    QCOMPARE(deliveries(), 0);
    m_fx->backend->setFailIngest(false);
    QCOMPARE(postCloudSigned(body).status, 200);
    QCOMPARE(deliveries(), 1);
}

// ---- Cloud API: hostile bodies

void TestChannelWebhooks::signedMalformedBodyIs400_data()
{
    QTest::addColumn<QByteArray>("body");

    const QByteArray good = QJsonDocument(cloudEnvelope({cloudText("wamid.bad", "x")})).toJson(QJsonDocument::Compact);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("hello");
    QTest::newRow("truncated") << good.left(good.size() / 2);
    QTest::newRow("trailing garbage") << good + "}";
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("array of the envelope") << "[" + good + "]";
    QTest::newRow("string") << QByteArray("\"whatsapp_business_account\"");
    QTest::newRow("number") << QByteArray("5");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("object is a number") << json({{"object", 5}, {"entry", QJsonArray()}});
    QTest::newRow("object is an array") << json({{"object", QJsonArray{"whatsapp_business_account"}}});
    QTest::newRow("Messenger object") << json({{"object", "page"}, {"entry", QJsonArray()}});
    QTest::newRow("deeply nested") << QByteArray(100000, '[') + QByteArray(100000, ']');
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4);
}

void TestChannelWebhooks::signedMalformedBodyIs400()
{
    QFETCH(QByteArray, body);
    const HttpResult r = postCloudSigned(body);
    QCOMPARE(r.status, 400);
    QCOMPARE(errorOf(r), QStringLiteral("bad_body"));
    QCOMPARE(ingested(), 0);
    QCOMPARE(deliveries(), 0);
    // The server is still there.
    QCOMPARE(m_fx->get(QStringLiteral("/healthz")).status, 200);
}

void TestChannelWebhooks::signedOddShapesStoreNothing_data()
{
    QTest::addColumn<QJsonObject>("webhook");
    QTest::addColumn<int>("skipped");

    const QJsonObject base{{"object", "whatsapp_business_account"}};
    const auto withEntry = [&](const QJsonValue &entry) {
        QJsonObject o = base;
        o.insert("entry", entry);
        return o;
    };
    const auto withValue = [&](const QJsonValue &value) {
        const QJsonObject change{{"field", "messages"}, {"value", value}};
        return withEntry(QJsonArray{QJsonObject{{"changes", QJsonArray{change}}}});
    };
    const auto withMessages = [&](const QJsonValue &messages) {
        return withValue(QJsonObject{{"messages", messages}});
    };
    QJsonObject badTimestamp = cloudText("wamid.t", "x");
    badTimestamp.insert("timestamp", "yesterday");
    QJsonObject numberBody = cloudText("wamid.n", "x");
    numberBody.insert("text", QJsonObject{{"body", 5}});
    QJsonObject numberFrom = cloudText("wamid.f", "x");
    numberFrom.insert("from", 6281234567890.0);
    QJsonObject negativeTime = cloudText("wamid.neg", "x");
    negativeTime.insert("timestamp", "-5");

    // Signed, so sent by Meta: what cannot be read is left out (counted), the rest is a 200 so
    // Meta does not send the same body again and again.
    QTest::newRow("no entry") << base << 0;
    QTest::newRow("entry is a string") << withEntry("x") << 0;
    QTest::newRow("entry is an object") << withEntry(QJsonObject{{"changes", QJsonArray()}}) << 0;
    QTest::newRow("entry of numbers") << withEntry(QJsonArray{1, 2, 3}) << 0;
    QTest::newRow("changes is an object") << withEntry(QJsonArray{QJsonObject{{"changes", QJsonObject()}}}) << 0;
    QTest::newRow("other field") << withEntry(QJsonArray{
        QJsonObject{{"changes", QJsonArray{QJsonObject{{"field", "account_update"}, {"value", QJsonObject()}}}}}})
                                 << 0;
    QTest::newRow("value is an array") << withValue(QJsonArray{1}) << 0;
    QTest::newRow("messages is an object") << withMessages(QJsonObject{{"id", "wamid.o"}}) << 0;
    QTest::newRow("messages of wrong types") << withMessages(QJsonArray{5, "x", QJsonValue(), QJsonArray()}) << 4;
    QTest::newRow("message without id") << withMessages(QJsonArray{QJsonObject{{"from", "1"}, {"type", "text"}}}) << 1;
    QTest::newRow("text body is a number") << withMessages(QJsonArray{numberBody}) << 1;
    QTest::newRow("from is a number") << withMessages(QJsonArray{numberFrom}) << 1;
    QTest::newRow("timestamp is a word") << withMessages(QJsonArray{badTimestamp}) << 1;
    QTest::newRow("negative timestamp") << withMessages(QJsonArray{negativeTime}) << 1;
    QTest::newRow("statuses of wrong types") << withValue(QJsonObject{
        {"statuses", QJsonArray{5, QJsonObject{{"id", 5}},
                                QJsonObject{{"id", "wamid.s"}, {"status", "eaten"}, {"timestamp", "1700000000"}}}}})
                                             << 3;
}

void TestChannelWebhooks::signedOddShapesStoreNothing()
{
    QFETCH(QJsonObject, webhook);
    QFETCH(int, skipped);
    const HttpResult r = postCloudSigned(indented(webhook));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 0);
    QCOMPARE(jsonInt(r, "statuses"), 0);
    QCOMPARE(jsonInt(r, "skipped"), skipped);
    QCOMPARE(ingested(), 0);
    QCOMPARE(deliveries(), 0);
}

void TestChannelWebhooks::bodyOverLimitIs413()
{
    // Signed correctly, one byte over: refused before the signature is even computed.
    QByteArray body = QJsonDocument(cloudEnvelope({cloudText("wamid.big", "x")})).toJson(QJsonDocument::Compact);
    const qsizetype compactSize = body.size();
    body += QByteArray(kBodyLimit + 1 - compactSize, ' ');
    QCOMPARE(body.size(), kBodyLimit + 1);
    HttpResult r = postCloudSigned(body);
    QCOMPARE(r.status, 413);
    QCOMPARE(errorOf(r), QStringLiteral("body_too_large"));
    QCOMPARE(ingested(), 0);

    // At the limit exactly (trailing blanks are valid JSON) it is read and stored.
    body.chop(1);
    r = postCloudSigned(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);

    // A WAHA body over the limit too, unsigned or signed.
    QByteArray waha = QJsonDocument(wahaIncoming("false_big")).toJson(QJsonDocument::Compact);
    waha += QByteArray(kBodyLimit + 1 - waha.size(), ' ');
    QCOMPARE(postWaha(waha, std::nullopt).status, 413);
    QCOMPARE(postWahaSigned(waha).status, 413);
    QCOMPARE(ingested(), 1);
}

// ---- WAHA

void TestChannelWebhooks::wahaOffIs404()
{
    server::ChannelSecrets secrets = defaultSecrets();
    secrets.waha = false;
    setSecrets(secrets);
    const QByteArray body = indented(wahaIncoming("false_off"));
    for (const std::optional<QByteArray> &hmac :
         {std::optional<QByteArray>(signWaha(body)), std::optional<QByteArray>()}) {
        const HttpResult r = postWaha(body, hmac);
        QCOMPARE(r.status, 404);
        QCOMPARE(errorOf(r), QStringLiteral("not_configured"));
        QVERIFY2(r.json().value("message").toString().contains("WAHA_URL"), r.body.constData());
    }
    QCOMPARE(ingested(), 0);
}

void TestChannelWebhooks::wahaBadSignatureStoresNothing_data()
{
    QTest::addColumn<bool>("withHmac");
    QTest::addColumn<QByteArray>("hmac");
    QTest::addColumn<bool>("withAlgorithm");
    QTest::addColumn<QByteArray>("algorithm");
    QTest::addColumn<QString>("error");

    const QByteArray body = indented(wahaIncoming("false_sig"));
    const QByteArray good = signWaha(body);
    const QString invalid = QStringLiteral("signature_invalid");

    QTest::newRow("missing") << false << QByteArray() << true << QByteArray("sha512") << "signature_missing";
    QTest::newRow("empty") << true << QByteArray() << true << QByteArray("sha512") << "signature_missing";
    QTest::newRow("wrong key") << true << signWaha(body, "other-key") << true << QByteArray("sha512") << invalid;
    QTest::newRow("other body") << true << signWaha(body + ' ') << true << QByteArray("sha512") << invalid;
    QTest::newRow("sha256 digest")
        << true << QMessageAuthenticationCode::hash(body, kWahaKey, QCryptographicHash::Sha256).toHex() << true
        << QByteArray("sha512") << invalid;
    QTest::newRow("127 digits") << true << good.chopped(1) << true << QByteArray("sha512") << invalid;
    QTest::newRow("129 digits") << true << good + "0" << true << QByteArray("sha512") << invalid;
    QTest::newRow("sha512= prefix") << true << "sha512=" + good << true << QByteArray("sha512") << invalid;
    QTest::newRow("algorithm sha256") << true << good << true << QByteArray("sha256") << invalid;
    QTest::newRow("algorithm md5") << true << good << true << QByteArray("md5") << invalid;
    QTest::newRow("algorithm sha512x") << true << good << true << QByteArray("sha512x") << invalid;
}

void TestChannelWebhooks::wahaBadSignatureStoresNothing()
{
    QFETCH(bool, withHmac);
    QFETCH(QByteArray, hmac);
    QFETCH(bool, withAlgorithm);
    QFETCH(QByteArray, algorithm);
    QFETCH(QString, error);

    const QByteArray body = indented(wahaIncoming("false_sig"));
    const HttpResult r = postWaha(body, withHmac ? std::optional<QByteArray>(hmac) : std::nullopt,
                                  withAlgorithm ? std::optional<QByteArray>(algorithm) : std::nullopt);
    QCOMPARE(r.status, 401);
    QCOMPARE(errorOf(r), error);
    QCOMPARE(ingested(), 0);
    QCOMPARE(postWahaSigned(body).status, 200);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::wahaGoodSignatureAccepted_data()
{
    QTest::addColumn<bool>("upperHex");
    QTest::addColumn<bool>("withAlgorithm");
    QTest::addColumn<QByteArray>("algorithm");

    QTest::newRow("lower hex, sha512") << false << true << QByteArray("sha512");
    QTest::newRow("upper hex") << true << true << QByteArray("sha512");
    QTest::newRow("algorithm in capitals") << false << true << QByteArray("SHA512");
    QTest::newRow("no algorithm header") << false << false << QByteArray();
}

void TestChannelWebhooks::wahaGoodSignatureAccepted()
{
    QFETCH(bool, upperHex);
    QFETCH(bool, withAlgorithm);
    QFETCH(QByteArray, algorithm);

    const QByteArray body = indented(wahaIncoming("false_good"));
    const QByteArray hmac = upperHex ? signWaha(body).toUpper() : signWaha(body);
    const HttpResult r = postWaha(body, hmac, withAlgorithm ? std::optional<QByteArray>(algorithm) : std::nullopt);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::wahaWithoutKeyNeedsNoSignature()
{
    server::ChannelSecrets secrets = defaultSecrets();
    secrets.wahaHmacKey.clear();
    setSecrets(secrets);
    const QByteArray body = indented(wahaIncoming("false_nokey"));
    HttpResult r = postWaha(body, std::nullopt, std::nullopt);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    // Signature headers from a WAHA that still signs are not in the way.
    r = postWaha(body, signWaha(body, "whatever"));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "duplicates"), 1);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::wahaFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("stored");
    QTest::addColumn<int>("acks");
    QTest::addColumn<int>("skipped");

    // Expectations by file; a new fixture must get a row.
    const QHash<QString, QList<int>> expect = {
        {"envelope_full_docs.json", {200, 0, 0, 1}},     // payload {}: no message id
        {"event_message_ack_docs.json", {200, 0, 1, 0}}, // READ
        {"event_message_media_docs.json", {200, 1, 0, 0}},
        {"event_message_text_docs.json", {200, 0, 0, 1}}, // fromMe: our own message
        {"send_text_request.json", {400, 0, 0, -1}},      // a request, not a webhook: no event
    };
    const QStringList files = QDir(fixturePath(QStringLiteral("waha")))
                                  .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 5, "the fixtures were not found: set KEDAI_SOURCE_DIR");
    for (const QString &file : files) {
        const QList<int> e = expect.value(file, {0, 0, 0, 0});
        QTest::newRow(qPrintable(file)) << file << e.at(0) << e.at(1) << e.at(2) << e.at(3);
    }
}

void TestChannelWebhooks::wahaFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, status);
    QFETCH(int, stored);
    QFETCH(int, acks);
    QFETCH(int, skipped);
    QVERIFY2(status != 0, qPrintable("no expectation for the fixture " + file));

    // The file's own bytes, signed as they are.
    const QByteArray body = readFixture(QStringLiteral("waha/") + file);
    const HttpResult r = postWahaSigned(body);
    QCOMPARE(r.status, status);
    QCOMPARE(ingested(), stored);
    QCOMPARE(deliveries(), acks);
    if (status != 200) {
        QCOMPARE(errorOf(r), QStringLiteral("bad_body"));
        return;
    }
    QCOMPARE(jsonInt(r, "stored"), stored);
    QCOMPARE(jsonInt(r, "statuses"), acks);
    QCOMPARE(jsonInt(r, "skipped"), skipped);

    const QJsonObject payload = QJsonDocument::fromJson(body).object().value("payload").toObject();
    if (stored == 1) {
        const domain::InboundMessage m = m_fx->backend->ingested().first();
        QCOMPARE(m.channel, QStringLiteral("waha"));
        QCOMPARE(m.externalId, payload.value("id").toString());
        QCOMPARE(m.from, QStringLiteral("11111111111")); // digits of 11111111111@c.us
        QCOMPARE(m.type, MessageType::Image);
        QCOMPARE(m.mediaId, payload.value("media").toObject().value("url").toString());
        QCOMPARE(m.mediaMime, QStringLiteral("image/jpeg"));
        QCOMPARE(m.receivedAt.toSecsSinceEpoch(), payload.value("timestamp").toInteger());
    }
    if (acks == 1) {
        const server::DeliveryStatus d = m_fx->backend->deliveries().first();
        QCOMPARE(d.channel, QStringLiteral("waha"));
        QCOMPARE(d.externalId, payload.value("id").toString());
        QCOMPARE(d.status, QStringLiteral("read"));
        QVERIFY(d.at.isValid());
        QCOMPARE(d.errorCode, 0);
        QVERIFY(d.error.isEmpty());
    }
}

void TestChannelWebhooks::wahaIncomingMessage_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("sender"); // as ingested; empty: skipped

    QTest::newRow("c.us") << "6281234567890@c.us"
                          << "6281234567890";
    QTest::newRow("s.whatsapp.net with device") << "6281234567890:12@s.whatsapp.net"
                                                << "6281234567890";
    QTest::newRow("lid kept") << "123456789012345@lid"
                              << "123456789012345@lid";
    QTest::newRow("group") << "120363025246125888@g.us" << QString();
    QTest::newRow("status broadcast") << "status@broadcast" << QString();
    QTest::newRow("not a number") << "abc@c.us" << QString();
}

void TestChannelWebhooks::wahaIncomingMessage()
{
    QFETCH(QString, from);
    QFETCH(QString, sender);

    const HttpResult r = postWahaSigned(indented(wahaIncoming("false_in_1", from)));
    QCOMPARE(r.status, 200);
    if (sender.isEmpty()) {
        QCOMPARE(jsonInt(r, "stored"), 0);
        QCOMPARE(jsonInt(r, "skipped"), 1);
        QCOMPARE(ingested(), 0);
        return;
    }
    QCOMPARE(jsonInt(r, "stored"), 1);
    const auto inbox = m_fx->backend->ingested();
    QCOMPARE(inbox.size(), 1);
    const domain::InboundMessage &m = inbox.first();
    QCOMPARE(m.channel, QStringLiteral("waha"));
    QCOMPARE(m.externalId, QStringLiteral("false_in_1"));
    QCOMPARE(m.from, sender);
    QCOMPARE(m.name, QStringLiteral("MyName"));
    QCOMPARE(m.type, MessageType::Text);
    QCOMPARE(m.text, QStringLiteral("Hi there!"));
    QCOMPARE(m.receivedAt.toSecsSinceEpoch(), 1667561485);
}

void TestChannelWebhooks::wahaSessionFilter()
{
    QJsonObject other = wahaIncoming("false_other_session");
    other.insert("session", "other");
    HttpResult r = postWahaSigned(indented(other));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 0);
    QCOMPARE(jsonInt(r, "skipped"), 1);
    QCOMPARE(ingested(), 0);

    // Acks of another session are not ours either.
    QJsonObject ack = loadFixture(QStringLiteral("waha/event_message_ack_docs.json"));
    ack.insert("session", "other");
    QCOMPARE(jsonInt(postWahaSigned(indented(ack)), "statuses"), 0);
    QCOMPARE(deliveries(), 0);

    // Without a configured session every session is taken.
    server::ChannelSecrets secrets = defaultSecrets();
    secrets.wahaSession.clear();
    setSecrets(secrets);
    r = postWahaSigned(indented(other));
    QCOMPARE(jsonInt(r, "stored"), 1);
    QCOMPARE(ingested(), 1);
}

void TestChannelWebhooks::wahaAcks_data()
{
    QTest::addColumn<QJsonValue>("ack");
    QTest::addColumn<QString>("ackName");
    QTest::addColumn<QString>("status"); // empty: not recorded

    QTest::newRow("error") << QJsonValue(-1) << "ERROR"
                           << "failed";
    QTest::newRow("pending") << QJsonValue(0) << "PENDING" << QString();
    QTest::newRow("server") << QJsonValue(1) << "SERVER"
                            << "sent";
    QTest::newRow("device") << QJsonValue(2) << "DEVICE"
                            << "delivered";
    QTest::newRow("read") << QJsonValue(3) << "READ"
                          << "read";
    QTest::newRow("played") << QJsonValue(4) << "PLAYED"
                            << "played";
    QTest::newRow("by name only") << QJsonValue(QJsonValue::Undefined) << "DEVICE"
                                  << "delivered";
    QTest::newRow("out of range") << QJsonValue(7) << "READ" << QString();
    QTest::newRow("ack is a string") << QJsonValue("3") << "READ" << QString();
}

void TestChannelWebhooks::wahaAcks()
{
    QFETCH(QJsonValue, ack);
    QFETCH(QString, ackName);
    QFETCH(QString, status);

    QJsonObject webhook = loadFixture(QStringLiteral("waha/event_message_ack_docs.json"));
    QJsonObject payload = webhook.value("payload").toObject();
    QVERIFY2(!payload.isEmpty(), "the fixture was not found: set KEDAI_SOURCE_DIR");
    if (ack.isUndefined())
        payload.remove("ack");
    else
        payload.insert("ack", ack);
    payload.insert("ackName", ackName);
    webhook.insert("payload", payload);

    const HttpResult r = postWahaSigned(indented(webhook));
    QCOMPARE(r.status, 200);
    QCOMPARE(ingested(), 0);
    if (status.isEmpty()) {
        QCOMPARE(jsonInt(r, "skipped"), 1);
        QCOMPARE(deliveries(), 0);
        return;
    }
    QCOMPARE(jsonInt(r, "statuses"), 1);
    const auto recorded = m_fx->backend->deliveries();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().channel, QStringLiteral("waha"));
    QCOMPARE(recorded.first().externalId, payload.value("id").toString());
    QCOMPARE(recorded.first().status, status);
    QCOMPARE(recorded.first().error.isEmpty(), status != QLatin1String("failed"));
}

void TestChannelWebhooks::wahaDuplicateAndStoreFailure()
{
    const QByteArray body = indented(wahaIncoming("false_dup"));
    m_fx->backend->setFailIngest(true);
    HttpResult r = postWahaSigned(body);
    QCOMPARE(r.status, 503);
    QCOMPARE(errorOf(r), QStringLiteral("unavailable"));
    QCOMPARE(ingested(), 0);
    const QByteArray ack = indented(loadFixture(QStringLiteral("waha/event_message_ack_docs.json")));
    QCOMPARE(postWahaSigned(ack).status, 503);
    QCOMPARE(deliveries(), 0);

    m_fx->backend->setFailIngest(false);
    r = postWahaSigned(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 1);
    QCOMPARE(jsonInt(r, "duplicates"), 0);
    // WAHA retries (15 times by default): the same id is a duplicate.
    r = postWahaSigned(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonInt(r, "stored"), 0);
    QCOMPARE(jsonInt(r, "duplicates"), 1);
    QCOMPARE(ingested(), 1);
    QCOMPARE(postWahaSigned(ack).status, 200);
    QCOMPARE(deliveries(), 1);
}

void TestChannelWebhooks::wahaHostileBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("skipped");

    QTest::newRow("empty") << QByteArray() << 400 << -1;
    QTest::newRow("not JSON") << QByteArray("event=message") << 400 << -1;
    QTest::newRow("array") << "[" + json(wahaIncoming("false_arr")) + "]" << 400 << -1;
    QTest::newRow("null") << QByteArray("null") << 400 << -1;
    QTest::newRow("no event") << json({{"session", "default"}, {"payload", QJsonObject()}}) << 400 << -1;
    QTest::newRow("event is a number") << json({{"event", 5}, {"session", "default"}}) << 400 << -1;
    QTest::newRow("deeply nested") << QByteArray(100000, '[') + QByteArray(100000, ']') << 400 << -1;
    // Readable envelopes with a bad payload: left out, 200 (WAHA would retry a 4xx for nothing).
    QTest::newRow("payload is an array") << json(
        {{"event", "message"}, {"session", "default"}, {"payload", QJsonArray{1}}})
                                         << 200 << 1;
    QTest::newRow("payload is a string") << json({{"event", "message"}, {"session", "default"}, {"payload", "x"}})
                                         << 200 << 1;
    QJsonObject fromMeString = wahaIncoming("false_fm");
    QJsonObject payload = fromMeString.value("payload").toObject();
    payload.insert("fromMe", "false");
    fromMeString.insert("payload", payload);
    QTest::newRow("fromMe is a string") << json(fromMeString) << 200 << 1;
    QJsonObject hugeTime = wahaIncoming("false_time");
    payload = hugeTime.value("payload").toObject();
    payload.insert("timestamp", 1e300);
    hugeTime.insert("payload", payload);
    QTest::newRow("timestamp 1e300") << json(hugeTime) << 200 << 1;
    QJsonObject numberId = wahaIncoming("false_id");
    payload = numberId.value("payload").toObject();
    payload.insert("id", 42);
    numberId.insert("payload", payload);
    QTest::newRow("id is a number") << json(numberId) << 200 << 1;
    QTest::newRow("event not handled") << json({{"event", "session.status"}, {"session", "default"}}) << 200 << 0;
}

void TestChannelWebhooks::wahaHostileBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, skipped);

    const HttpResult r = postWahaSigned(body);
    QCOMPARE(r.status, status);
    if (status == 400)
        QCOMPARE(errorOf(r), QStringLiteral("bad_body"));
    else
        QCOMPARE(jsonInt(r, "skipped"), skipped);
    QCOMPARE(ingested(), 0);
    QCOMPARE(deliveries(), 0);
    QCOMPARE(m_fx->get(QStringLiteral("/healthz")).status, 200);
}

QTEST_GUILESS_MAIN(TestChannelWebhooks)
#include "tst_channelwebhooks.moc"
