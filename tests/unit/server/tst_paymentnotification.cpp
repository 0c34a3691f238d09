#include "unit/server/serverfixture.h"

#include <QJsonArray>
#include <QTest>

#include <optional>

using namespace kedai;
using kedai::test::HttpResult;

namespace {

const QString kPath = QStringLiteral("/webhook/payment-notification");
const QByteArray kKey = QByteArrayLiteral("Listener-Key-0123456789abcdef");
const QByteArray kBody = R"({"packageName":"com.gojek.gopaymerchant","appName":"GoPay Merchant",)"
                         R"("title":"Pembayaran diterima","text":"Kamu menerima pembayaran QRIS Rp50.023",)"
                         R"("postedAt":1763712930123})";

} // namespace

/// POST /webhook/payment-notification in front of the engine: the X-Api-Key check (nothing
/// reaches the backend without the right key), the method and size limits, and what a good
/// request returns. The parsing and matching behind it have their own tests.
class TestPaymentNotification : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void unconfiguredKeyRefusesEverything_data();
    void unconfiguredKeyRefusesEverything();
    void wrongKeyReachesNothing_data();
    void wrongKeyReachesNothing();
    void rightKeyPassesTheBodyAndReturnsTheResults();
    void headerNameIsCaseInsensitive();
    void keyIsComparedAsRawBytes();
    void changedKeyTakesEffect();
    void otherMethodsAre405_data();
    void otherMethodsAre405();
    void bodyOverLimitIs413();

private:
    /// Sends `body` with `apiKey` as X-Api-Key (no header when nullopt).
    HttpResult send(const std::optional<QByteArray> &apiKey, const QByteArray &body = kBody,
                    const QByteArray &verb = QByteArrayLiteral("POST")) const;
    /// The same over a raw socket, for header values QNetworkAccessManager would not send as is.
    HttpResult sendRaw(const QByteArray &headerLine, const QByteArray &body = kBody) const;
    qsizetype received() const { return m_fx.backend->notificationBodies().size(); }

    test::ServerFixture m_fx;
};

void TestPaymentNotification::initTestCase()
{
    const QString problem = m_fx.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPaymentNotification::cleanupTestCase()
{
    m_fx.stop();
}

void TestPaymentNotification::init()
{
    m_fx.resetBackend();
    m_fx.backend->setListenerKey(QString::fromLatin1(kKey));
}

HttpResult TestPaymentNotification::send(const std::optional<QByteArray> &apiKey, const QByteArray &body,
                                         const QByteArray &verb) const
{
    QNetworkRequest request(m_fx.client->url(kPath));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (apiKey)
        request.setRawHeader(QByteArrayLiteral("X-Api-Key"), *apiKey);
    return test::HttpTestClient::finish(m_fx.client->nam().sendCustomRequest(request, verb, body));
}

HttpResult TestPaymentNotification::sendRaw(const QByteArray &headerLine, const QByteArray &body) const
{
    return m_fx.client->raw("POST " + kPath.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headerLine
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                            + "\r\nConnection: close\r\n\r\n" + body);
}

void TestPaymentNotification::unconfiguredKeyRefusesEverything_data()
{
    QTest::addColumn<QByteArray>("headerLine"); // sent over a raw socket

    QTest::newRow("no header") << QByteArray("X-Other: 1");
    QTest::newRow("empty key") << QByteArray("X-Api-Key: ");
    QTest::newRow("some key") << QByteArray("X-Api-Key: anything");
    QTest::newRow("the old key") << QByteArray("X-Api-Key: ") + kKey;
}

void TestPaymentNotification::unconfiguredKeyRefusesEverything()
{
    QFETCH(QByteArray, headerLine);
    m_fx.backend->setListenerKey(QString());
    const HttpResult r = sendRaw(headerLine);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("listener_not_configured"));
    QVERIFY2(r.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("QRIS_LISTENER_KEY")),
             r.body.constData());
    QCOMPARE(received(), 0);
}

void TestPaymentNotification::wrongKeyReachesNothing_data()
{
    QTest::addColumn<bool>("withHeader");
    QTest::addColumn<QByteArray>("apiKey");

    QTest::newRow("missing") << false << QByteArray();
    QTest::newRow("other") << true << QByteArray("wrong-key");
    QTest::newRow("other case") << true << kKey.toLower();
    QTest::newRow("prefix") << true << kKey.chopped(1);
    QTest::newRow("one more byte") << true << kKey + "f";
    QTest::newRow("last byte changed") << true << kKey.chopped(1) + "0";
    QTest::newRow("as a bearer") << true << "Bearer " + kKey;
    QTest::newRow("key twice") << true << kKey + ", " + kKey;
    QTest::newRow("the admin token") << true << test::FakeBackend::token().toUtf8();
}

void TestPaymentNotification::wrongKeyReachesNothing()
{
    QFETCH(bool, withHeader);
    QFETCH(QByteArray, apiKey);
    const std::optional<QByteArray> header = withHeader ? std::optional<QByteArray>(apiKey) : std::nullopt;
    const qsizetype before = received();
    const HttpResult r = send(header);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));
    QVERIFY2(r.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("X-Api-Key")),
             r.body.constData());
    QCOMPARE(received(), before);

    // The admin token as a bearer does not open this endpoint either.
    QNetworkRequest request(m_fx.client->url(kPath));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"), test::bearer());
    if (header)
        request.setRawHeader(QByteArrayLiteral("X-Api-Key"), *header);
    QCOMPARE(test::HttpTestClient::finish(m_fx.client->nam().post(request, kBody)).status, 401);
    QCOMPARE(received(), before);
}

void TestPaymentNotification::rightKeyPassesTheBodyAndReturnsTheResults()
{
    const qsizetype before = received();
    // Spacing and non-ASCII text arrive exactly as sent: the backend parses the bytes.
    const QByteArray body = "[ " + kBody + " ,\n"
                            + QStringLiteral(R"({"packageName": "ovo.id", "text": "Terima kasih 🙏 Rp 1.000"})").toUtf8()
                            + "]";
    const HttpResult r = send(kKey, body);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QCOMPARE(received(), before + 1);
    QCOMPARE(m_fx.backend->notificationBodies().last(), body);
    // What the backend answered, under "results", with the count.
    const QJsonObject json = r.json();
    QCOMPARE(json.value(QStringLiteral("received")).toInt(), 1);
    const QJsonArray results = json.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("unmatched"));
    QCOMPARE(results.first().toObject().value(QStringLiteral("id")).toInt(), int(before + 1));
}

void TestPaymentNotification::headerNameIsCaseInsensitive()
{
    const qsizetype before = received();
    const HttpResult r = sendRaw("x-api-key: " + kKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(received(), before + 1);
}

void TestPaymentNotification::keyIsComparedAsRawBytes()
{
    // A key with non-ASCII characters is its UTF-8 bytes; the same text in Latin-1, or
    // percent-encoded, is another key.
    const QString key = QStringLiteral("kunci-rahasia-\u00fc-\u20ac");
    m_fx.backend->setListenerKey(key);
    const qsizetype before = received();
    QCOMPARE(sendRaw("X-Api-Key: " + key.toLatin1()).status, 401);
    QCOMPARE(send(QUrl::toPercentEncoding(key)).status, 401);
    QCOMPARE(received(), before);
    QCOMPARE(sendRaw("X-Api-Key: " + key.toUtf8()).status, 200);
    QCOMPARE(received(), before + 1);
}

void TestPaymentNotification::changedKeyTakesEffect()
{
    QCOMPARE(send(kKey).status, 200);
    m_fx.backend->setListenerKey(QStringLiteral("a-new-key-after-a-leak"));
    const qsizetype before = received();
    QCOMPARE(send(kKey).status, 401);
    QCOMPARE(received(), before);
    QCOMPARE(send(QByteArrayLiteral("a-new-key-after-a-leak")).status, 200);
}

void TestPaymentNotification::otherMethodsAre405_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::newRow("GET") << QByteArray("GET");
    QTest::newRow("PUT") << QByteArray("PUT");
    QTest::newRow("DELETE") << QByteArray("DELETE");
}

void TestPaymentNotification::otherMethodsAre405()
{
    QFETCH(QByteArray, verb);
    const qsizetype before = received();
    const HttpResult r = send(kKey, verb == "GET" || verb == "DELETE" ? QByteArray() : kBody, verb);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArrayLiteral("POST"));
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("method_not_allowed"));
    QCOMPARE(received(), before);
}

void TestPaymentNotification::bodyOverLimitIs413()
{
    const qsizetype before = received();
    const HttpResult r = send(kKey, QByteArray(1024 * 1024 + 1, ' '));
    QCOMPARE(r.status, 413);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("body_too_large"));
    QCOMPARE(received(), before);
    // Exactly at the limit the backend gets it (and judges the JSON itself).
    QCOMPARE(send(kKey, QByteArray(1024 * 1024, ' ')).status, 200);
    QCOMPARE(received(), before + 1);
}

QTEST_GUILESS_MAIN(TestPaymentNotification)
#include "tst_paymentnotification.moc"
