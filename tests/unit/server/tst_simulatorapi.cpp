#include "unit/server/serverfixture.h"

#include "common/log.h"
#include "common/metrics.h"

#include <spdlog/sinks/ringbuffer_sink.h>

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace kedai;
using kedai::test::bearer;
using kedai::test::FakeBackend;
using kedai::test::HttpResult;
using kedai::test::json;
using kedai::test::kMessagesPath;
using kedai::test::simulatorMessage;

/// /api/simulator/*: a simulated customer writes to the bot and reads what it sent back.
class TestSimulatorApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void postIsAcceptedAndIngested();
    void postWithoutValidTokenIs401_data();
    void postWithoutValidTokenIs401();
    void postWithBadBodyIs400_data();
    void postWithBadBodyIs400();
    void postAcceptsLongestText();
    void ingestFailureIs503();
    void duplicateIdIsReported();
    void logsHoldNoTokenNorFullText();

    void sentMessagesListImagesWithDownloadableUrl();
    void sentMessagesWithBadQueryIs400_data();
    void sentMessagesWithBadQueryIs400();
    void mediaOutsideFolderIsRefused_data();
    void mediaOutsideFolderIsRefused();
    void mediaNeedsToken();

private:
    test::ServerFixture m_fx;
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_logSink;
};

void TestSimulatorApi::initTestCase()
{
    // Added before the server thread starts: spdlog's sink list is not safe to change later.
    m_logSink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(2000);
    auto logger = kedai::log::get("server");
    logger->sinks().push_back(m_logSink);
    logger->set_level(spdlog::level::debug);

    const QString problem = m_fx.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSimulatorApi::cleanupTestCase()
{
    m_fx.stop();
}

void TestSimulatorApi::init()
{
    m_fx.resetBackend();
}

void TestSimulatorApi::postIsAcceptedAndIngested()
{
    const qsizetype before = m_fx.backend->ingested().size();
    const QDateTime start = QDateTime::currentDateTimeUtc();
    const HttpResult r = m_fx.post(json({{QStringLiteral("from"), QStringLiteral("0812-3456-7890")},
                                         {QStringLiteral("text"), QStringLiteral("buy NETFLIX1 2")},
                                         {QStringLiteral("name"), QStringLiteral("Budi")}}));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json().value(QStringLiteral("duplicate")).toBool(true), false);

    const auto ingested = m_fx.backend->ingested();
    QCOMPARE(ingested.size(), before + 1);
    const domain::InboundMessage &m = ingested.last();
    QCOMPARE(r.json().value(QStringLiteral("id")).toInteger(), m.id);
    QCOMPARE(m.channel, QStringLiteral("simulator"));
    QCOMPARE(m.from, QStringLiteral("6281234567890"));
    QCOMPARE(m.name, QStringLiteral("Budi"));
    QCOMPARE(m.text, QStringLiteral("buy NETFLIX1 2"));
    QCOMPARE(m.type, domain::MessageType::Text);
    QVERIFY(!m.externalId.isEmpty());
    QCOMPARE(m.receivedAt.timeSpec(), Qt::UTC);
    QVERIFY(m.receivedAt >= start.addSecs(-1) && m.receivedAt <= QDateTime::currentDateTimeUtc());
}

void TestSimulatorApi::postWithoutValidTokenIs401_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("missing") << QByteArray();
    QTest::newRow("wrong token") << bearer(QStringLiteral("not-the-token"));
    QTest::newRow("token prefix") << bearer(FakeBackend::token().chopped(1));
    QTest::newRow("token plus one") << bearer(FakeBackend::token() + QLatin1Char('0'));
    QTest::newRow("basic scheme") << QByteArray("Basic " + FakeBackend::token().toUtf8());
    QTest::newRow("token without scheme") << FakeBackend::token().toUtf8();
    QTest::newRow("empty bearer") << QByteArray("Bearer ");
}

void TestSimulatorApi::postWithoutValidTokenIs401()
{
    QFETCH(QByteArray, authorization);
    const qsizetype before = m_fx.backend->ingested().size();
    const qint64 rejectedBefore = common::Metrics::instance().httpRejected.load();

    const HttpResult r = m_fx.post(simulatorMessage(QStringLiteral("6281234567890"), QStringLiteral("saldo")),
                                   authorization);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));
    QCOMPARE(m_fx.backend->ingested().size(), before);
    QCOMPARE(common::Metrics::instance().httpRejected.load(), rejectedBefore + 1);
}

void TestSimulatorApi::postWithBadBodyIs400_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    const QString longText(4097, QLatin1Char('a'));
    QTest::newRow("malformed json") << QByteArray(R"({"from": "6281234567890", "text": )")
                                    << QStringLiteral("invalid_json");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("invalid_json");
    QTest::newRow("array") << QByteArray(R"(["6281234567890", "menu"])") << QStringLiteral("not_an_object");
    QTest::newRow("string") << QByteArray(R"("menu")") << QStringLiteral("not_an_object");
    QTest::newRow("missing from") << QByteArray(R"({"text": "menu"})") << QStringLiteral("missing_field");
    QTest::newRow("null from") << QByteArray(R"({"from": null, "text": "menu"})") << QStringLiteral("missing_field");
    QTest::newRow("numeric from") << QByteArray(R"({"from": 6281234567890, "text": "menu"})")
                                  << QStringLiteral("wrong_type");
    QTest::newRow("letters in from") << simulatorMessage(QStringLiteral("budi"), QStringLiteral("menu"))
                                     << QStringLiteral("invalid_phone");
    QTest::newRow("short from") << simulatorMessage(QStringLiteral("123"), QStringLiteral("menu"))
                                << QStringLiteral("invalid_phone");
    QTest::newRow("missing text") << QByteArray(R"({"from": "6281234567890"})") << QStringLiteral("missing_field");
    QTest::newRow("empty text") << simulatorMessage(QStringLiteral("6281234567890"), QString())
                                << QStringLiteral("empty_text");
    QTest::newRow("blank text") << simulatorMessage(QStringLiteral("6281234567890"), QStringLiteral(" \n\t"))
                                << QStringLiteral("empty_text");
    QTest::newRow("text too long") << simulatorMessage(QStringLiteral("6281234567890"), longText)
                                   << QStringLiteral("text_too_long");
    QTest::newRow("object text") << QByteArray(R"({"from": "6281234567890", "text": {"a": 1}})")
                                 << QStringLiteral("wrong_type");
    QTest::newRow("numeric name") << QByteArray(R"({"from": "6281234567890", "text": "hi", "name": 5})")
                                  << QStringLiteral("wrong_type");
    QTest::newRow("empty id") << QByteArray(R"({"from": "6281234567890", "text": "hi", "id": ""})")
                              << QStringLiteral("invalid_id");
}

void TestSimulatorApi::postWithBadBodyIs400()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const qsizetype before = m_fx.backend->ingested().size();
    const HttpResult r = m_fx.post(body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), code);
    QVERIFY(r.json().value(QStringLiteral("message")).toString().size() > 10);
    QCOMPARE(m_fx.backend->ingested().size(), before);
}

void TestSimulatorApi::postAcceptsLongestText()
{
    // 4096 characters that are each two UTF-16 units: the limit counts what a user sees.
    QString text;
    for (int i = 0; i < 4096; ++i)
        text += QString::fromUcs4(U"\U0001F600", 1);
    const HttpResult r = m_fx.post(simulatorMessage(QStringLiteral("6281234567890"), text));
    QCOMPARE(r.status, 202);
    QCOMPARE(m_fx.backend->ingested().last().text, text);
}

void TestSimulatorApi::ingestFailureIs503()
{
    m_fx.backend->setFailIngest(true);
    const HttpResult r = m_fx.post(simulatorMessage(QStringLiteral("6281234567890"), QStringLiteral("menu")));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("ingest_failed"));
    QVERIFY(!r.json().value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(r.json().value(QStringLiteral("reply")).toString(), QStringLiteral("Sistem sedang gangguan (fake)."));
    QVERIFY(!r.header("Retry-After").isEmpty());
}

void TestSimulatorApi::duplicateIdIsReported()
{
    const QByteArray body = json({{QStringLiteral("from"), QStringLiteral("6281111111111")},
                                  {QStringLiteral("text"), QStringLiteral("saldo")},
                                  {QStringLiteral("id"), QStringLiteral("wamid.dup-1")}});
    const qsizetype before = m_fx.backend->ingested().size();
    const HttpResult first = m_fx.post(body);
    const HttpResult second = m_fx.post(body);
    QCOMPARE(first.status, 202);
    QCOMPARE(second.status, 202);
    QCOMPARE(first.json().value(QStringLiteral("duplicate")).toBool(true), false);
    QCOMPARE(second.json().value(QStringLiteral("duplicate")).toBool(false), true);
    QCOMPARE(second.json().value(QStringLiteral("id")).toInteger(),
             first.json().value(QStringLiteral("id")).toInteger());
    QCOMPARE(m_fx.backend->ingested().size(), before + 1);
    QCOMPARE(m_fx.backend->ingested().last().externalId, QStringLiteral("wamid.dup-1"));
}

void TestSimulatorApi::logsHoldNoTokenNorFullText()
{
    const QString secretText = QStringLiteral("kata sandi saya adalah rahasia-sekali-jangan-dicatat");
    QCOMPARE(m_fx.post(simulatorMessage(QStringLiteral("6281234567890"), secretText)).status, 202);
    QCOMPARE(m_fx.post(simulatorMessage(QStringLiteral("6281234567890"), secretText),
                       bearer(QStringLiteral("guess-0123")))
                 .status,
             401);

    const auto lines = m_logSink->last_formatted();
    QVERIFY(!lines.empty());
    for (const std::string &line : lines) {
        const QString text = QString::fromStdString(line);
        QVERIFY2(!text.contains(FakeBackend::token()), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("guess-0123")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("jangan-dicatat")), qPrintable(text));
    }
}

void TestSimulatorApi::sentMessagesListImagesWithDownloadableUrl()
{
    const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a") + QByteArray(100, 'x');
    domain::OutboundMessage text;
    text.channel = QStringLiteral("simulator");
    text.to = QStringLiteral("6282222222222");
    text.text = QStringLiteral("Halo! Ketik menu.");
    text.createdAt = QDateTime::currentDateTimeUtc();
    text.sentAt = text.createdAt.addMSecs(5);
    m_fx.backend->addOutbound(text);
    const qint64 textId = m_fx.backend->lastOutboundId();
    domain::OutboundMessage image = text;
    image.type = domain::MessageType::Image;
    image.text = QStringLiteral("Scan QRIS ini");
    image.mediaPath = m_fx.backend->writeMedia(QStringLiteral("qris-KD1.png"), png);
    image.sentAt = {};
    m_fx.backend->addOutbound(image);
    domain::OutboundMessage other = text;
    other.to = QStringLiteral("6283333333333");
    m_fx.backend->addOutbound(other);

    const HttpResult r = m_fx.client->send(QByteArrayLiteral("GET"),
                                           kMessagesPath + QStringLiteral("?to=082222222222&after=0"), {}, bearer());
    QCOMPARE(r.status, 200);
    const QJsonArray messages = r.json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    const QJsonObject first = messages.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toInteger(), textId);
    QCOMPARE(first.value(QStringLiteral("to")).toString(), QStringLiteral("6282222222222"));
    QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(first.value(QStringLiteral("text")).toString(), text.text);
    QVERIFY(first.value(QStringLiteral("media_url")).isNull());
    QCOMPARE(QDateTime::fromString(first.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs),
             text.createdAt);
    QVERIFY(!first.value(QStringLiteral("sent_at")).toString().isEmpty());

    const QJsonObject second = messages.at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("type")).toString(), QStringLiteral("image"));
    QVERIFY(second.value(QStringLiteral("sent_at")).isNull());
    const QUrl mediaUrl(second.value(QStringLiteral("media_url")).toString());
    QCOMPARE(mediaUrl.scheme(), QStringLiteral("http"));
    QCOMPARE(mediaUrl.port(), int(m_fx.client->port()));
    QCOMPARE(mediaUrl.path(), QStringLiteral("/api/simulator/media/qris-KD1.png"));

    const HttpResult file = m_fx.client->get(mediaUrl, bearer());
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header("Content-Type"), QByteArrayLiteral("image/png"));
    QCOMPARE(file.body, png);

    // A Host header that is not a plain host[:port] must not end up in the URLs handed out.
    const HttpResult spoofed = m_fx.client->raw("GET /api/simulator/messages?to=6282222222222 HTTP/1.1\r\n"
                                                "Host: evil.example/x?\r\nAuthorization: "
                                                + bearer() + "\r\n\r\n");
    QCOMPARE(spoofed.status, 200);
    const QString spoofedUrl = spoofed.json()
                                   .value(QStringLiteral("messages"))
                                   .toArray()
                                   .at(1)
                                   .toObject()
                                   .value(QStringLiteral("media_url"))
                                   .toString();
    QCOMPARE(spoofedUrl,
             QStringLiteral("http://127.0.0.1:%1/api/simulator/media/qris-KD1.png").arg(m_fx.client->port()));

    // after= pages: only what came later.
    const HttpResult later = m_fx.client->send(QByteArrayLiteral("GET"),
                                               kMessagesPath + QStringLiteral("?to=6282222222222&after=%1").arg(textId),
                                               {}, bearer());
    QCOMPARE(later.json().value(QStringLiteral("messages")).toArray().size(), 1);
}

void TestSimulatorApi::sentMessagesWithBadQueryIs400_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("no to") << QStringLiteral("?after=0");
    QTest::newRow("letters in to") << QStringLiteral("?to=budi");
    QTest::newRow("negative after") << QStringLiteral("?to=6282222222222&after=-1");
    QTest::newRow("text after") << QStringLiteral("?to=6282222222222&after=abc");
}

void TestSimulatorApi::sentMessagesWithBadQueryIs400()
{
    QFETCH(QString, query);
    const HttpResult r = m_fx.client->send(QByteArrayLiteral("GET"), kMessagesPath + query, {}, bearer());
    QCOMPARE(r.status, 400);
    QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
}

void TestSimulatorApi::mediaOutsideFolderIsRefused_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("dot-dot slash") << QByteArray("/api/simulator/media/../secret.txt");
    QTest::newRow("encoded slash") << QByteArray("/api/simulator/media/..%2Fsecret.txt");
    QTest::newRow("encoded dots") << QByteArray("/api/simulator/media/%2E%2E");
    QTest::newRow("dot-dot") << QByteArray("/api/simulator/media/..");
    QTest::newRow("backslash") << QByteArray("/api/simulator/media/..%5Csecret.txt");
    QTest::newRow("nul byte") << QByteArray("/api/simulator/media/secret.txt%00.png");
    QTest::newRow("symlink out") << QByteArray("/api/simulator/media/link.png");
    QTest::newRow("missing file") << QByteArray("/api/simulator/media/nothing.png");
}

void TestSimulatorApi::mediaOutsideFolderIsRefused()
{
    QFETCH(QByteArray, target);
    const QByteArray secret("the secret content");
    const QString secretPath = m_fx.backend->rootDir() + QStringLiteral("/secret.txt");
    QFile file(secretPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(secret);
    file.close();
    QFile::link(secretPath, m_fx.backend->mediaDir() + QStringLiteral("/link.png"));

    const HttpResult r = m_fx.client->raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer()
                                          + "\r\n\r\n");
    QVERIFY2(r.status == 400 || r.status == 404, qPrintable(QString::number(r.status)));
    QVERIFY(!r.body.contains(secret));
    QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
}

void TestSimulatorApi::mediaNeedsToken()
{
    m_fx.backend->writeMedia(QStringLiteral("private.png"), QByteArrayLiteral("png"));
    QCOMPARE(m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/api/simulator/media/private.png")).status,
             401);
}

QTEST_GUILESS_MAIN(TestSimulatorApi)
#include "tst_simulatorapi.moc"
