#include "unit/server/promcheck.h"
#include "unit/server/serverfixture.h"

#include "common/metrics.h"

#include <QPointer>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace kedai;
using kedai::test::bearer;
using kedai::test::HttpResult;
using kedai::test::kMessagesPath;
using kedai::test::simulatorMessage;

/// The endpoint as a whole: health, metrics, errors every route shares, and the thread and
/// socket life cycle (clients that vanish, concurrency, ports). The simulator API has its own
/// class (tst_simulatorapi).
class TestWebhookServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void healthzReportsOk();
    void healthzIs503WhenDatabaseDown();
    void metricsPassFormatCheck();
    void unknownRouteIs404Json();
    void wrongMethodIs405();
    void bodyOverLimitIs413();

    void survivesAbortedClients();
    void concurrentPostsAreAllIngested();
    void portInUseIsAClearError();
    void badHostIsAClearError();
    void stopClosesThePort();

private:
    test::ServerFixture m_fx;
};

void TestWebhookServer::initTestCase()
{
    const QString problem = m_fx.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(m_fx.server->port() > 0);
    QCOMPARE(m_fx.server->port(), m_fx.client->port());
}

void TestWebhookServer::cleanupTestCase()
{
    m_fx.stop();
}

void TestWebhookServer::init()
{
    m_fx.resetBackend();
}

void TestWebhookServer::healthzReportsOk()
{
    const HttpResult r = m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/healthz"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QCOMPARE(r.json().value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    QCOMPARE(r.json().value(QStringLiteral("redis")).toString(), QStringLiteral("disabled"));
}

void TestWebhookServer::healthzIs503WhenDatabaseDown()
{
    m_fx.backend->setDatabaseDown(true);
    const HttpResult r = m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/healthz"));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.json().value(QStringLiteral("database")).toString(), QStringLiteral("down"));
}

void TestWebhookServer::metricsPassFormatCheck()
{
    auto &metrics = common::Metrics::instance();
    for (double seconds : {0.001, 0.03, 0.3, 3.0, 30.0})
        metrics.observeReplyLatency(seconds);
    metrics.setOrdersByStatus({{QStringLiteral("paid"), 3}, {QStringLiteral("odd\"status\\"), 1}});
    const qint64 requestsBefore = metrics.httpRequests.load();

    const HttpResult r = m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/metrics"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"));
    const QString problem = test::checkExposition(r.body);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(r.body.contains("\nkedai_outbox_depth ")); // the backend's extra lines are included
    QVERIFY(r.body.contains("kedai_http_requests_total "));
    QVERIFY(r.body.contains("kedai_reply_latency_seconds_count "));
    QVERIFY(metrics.httpRequests.load() > requestsBefore);
}

void TestWebhookServer::unknownRouteIs404Json()
{
    const qint64 rejectedBefore = common::Metrics::instance().httpRejected.load();
    const HttpResult r = m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/no/such/thing"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("not_found"));
    QCOMPARE(common::Metrics::instance().httpRejected.load(), rejectedBefore + 1);
}

void TestWebhookServer::wrongMethodIs405()
{
    const HttpResult del = m_fx.client->send(QByteArrayLiteral("DELETE"), kMessagesPath, {}, bearer());
    QCOMPARE(del.status, 405);
    QCOMPARE(del.header("Allow"), QByteArrayLiteral("GET, POST"));
    QCOMPARE(del.json().value(QStringLiteral("error")).toString(), QStringLiteral("method_not_allowed"));
    QCOMPARE(m_fx.client->send(QByteArrayLiteral("POST"), QStringLiteral("/healthz"), "{}").status, 405);
}

void TestWebhookServer::bodyOverLimitIs413()
{
    const qsizetype before = m_fx.backend->ingested().size();
    const QByteArray tooBig(1024 * 1024 + 1, ' ');
    const HttpResult r = m_fx.post(tooBig);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("body_too_large"));
    QCOMPARE(m_fx.backend->ingested().size(), before);

    // Exactly at the limit is not "too large" (here it is simply not JSON).
    QCOMPARE(m_fx.post(QByteArray(1024 * 1024, ' ')).status, 400);
}

void TestWebhookServer::survivesAbortedClients()
{
    m_fx.backend->setIngestDelayMs(20); // the server is busy when the clients leave
    QNetworkAccessManager nam;
    QList<QPointer<QNetworkReply>> replies;
    const QByteArray body = simulatorMessage(QStringLiteral("6284444444444"), QStringLiteral("menu"));
    for (int i = 0; i < 30; ++i) {
        QNetworkRequest request(m_fx.client->url(kMessagesPath));
        request.setRawHeader(QByteArrayLiteral("Authorization"), bearer());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.post(request, body);
        connect(reply, &QNetworkReply::requestSent, reply, &QNetworkReply::abort);
        replies.append(reply);
    }
    // Raw clients that leave in the middle of the headers or of the body.
    for (int i = 0; i < 10; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_fx.client->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(i % 2 ? QByteArray("POST /api/simulator/messages HTTP/1.1\r\nContent-Length: 500\r\n\r\n{\"fr")
                           : QByteArray("GET /healthz HTTP/1.1\r\nHo"));
        socket.waitForBytesWritten(1000);
        socket.abort();
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                         [](const auto &r) { return r.isNull() || r->isFinished(); }),
                             10000);
    qDeleteAll(replies);

    m_fx.backend->setIngestDelayMs(0);
    QCOMPARE(m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/healthz")).status, 200);
    QCOMPARE(m_fx.post(simulatorMessage(QStringLiteral("6284444444444"), QStringLiteral("masih hidup?"))).status, 202);
}

void TestWebhookServer::concurrentPostsAreAllIngested()
{
    const qsizetype before = m_fx.backend->ingested().size();
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 50; ++i)
        replies.append(m_fx.client->start(QByteArrayLiteral("POST"), m_fx.client->url(kMessagesPath),
                                          simulatorMessage(QStringLiteral("62855500%1").arg(i, 4, 10, QLatin1Char('0')),
                                                           QStringLiteral("pesan %1").arg(i)),
                                          bearer()));
    QSet<qint64> ids;
    for (QNetworkReply *reply : replies) {
        const HttpResult r = test::HttpTestClient::finish(reply);
        QCOMPARE(r.status, 202);
        ids.insert(r.json().value(QStringLiteral("id")).toInteger());
    }
    QCOMPARE(ids.size(), 50);
    QCOMPARE(m_fx.backend->ingested().size(), before + 50);
}

void TestWebhookServer::portInUseIsAClearError()
{
    server::ServerOptions options;
    options.port = m_fx.client->port();
    server::HttpServerThread second(m_fx.backend.get(), options);
    const auto result = second.start();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("server.port_in_use"));
    QVERIFY(result.error().message.contains(QString::number(options.port)));
    QVERIFY(result.error().message.contains(QStringLiteral("HTTP_ADDR")));
    QCOMPARE(m_fx.client->send(QByteArrayLiteral("GET"), QStringLiteral("/healthz")).status, 200);
}

void TestWebhookServer::badHostIsAClearError()
{
    server::ServerOptions options;
    options.host = QStringLiteral("not an address");
    options.port = 0;
    server::HttpServerThread other(m_fx.backend.get(), options);
    const auto result = other.start();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("server.bad_address"));
    QVERIFY(result.error().message.contains(QStringLiteral("not an address")));
}

void TestWebhookServer::stopClosesThePort()
{
    server::ServerOptions options;
    options.port = 0;
    server::HttpServerThread other(m_fx.backend.get(), options);
    const auto port = other.start();
    QVERIFY(port.ok());
    test::HttpTestClient client(*port);
    QCOMPARE(client.send(QByteArrayLiteral("GET"), QStringLiteral("/healthz")).status, 200);
    other.stop();
    QCOMPARE(other.port(), quint16(0));
    QCOMPARE(client.send(QByteArrayLiteral("GET"), QStringLiteral("/healthz")).status, 0);
}

QTEST_GUILESS_MAIN(TestWebhookServer)
#include "tst_webhookserver.moc"
