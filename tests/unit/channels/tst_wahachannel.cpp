// WahaChannel against FakeWaha over real HTTP on loopback: what goes out, how every class of
// failure maps to the IChannel error contract, health, sendSeen and the media download.

#include "channels/waha/wahachannel.h"
#include "channels/waha/wahawebhook.h"
#include "support/fakewaha.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace kedai::channels;
using namespace kedai::channels::waha;
using kedai::domain::InboundMessage;
using kedai::domain::MessageType;
using kedai::domain::OutboundMessage;
using kedai::test::FakeWaha;
using kedai::test::WahaEventOptions;

namespace {

const QString kKey = "secret-key";
const QString kCustomer = "6281234567890";

OutboundMessage textTo(const QString &to, const QString &text)
{
    OutboundMessage message;
    message.channel = "waha";
    message.to = to;
    message.type = MessageType::Text;
    message.text = text;
    return message;
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QJsonObject fixtureSendTextBody()
{
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../..");
#endif
    QFile file(root + "/tests/fixtures/waha/send_text_request.json");
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object()["body"].toObject();
}

// A webhook receiver for the fake's acks: answers 200 and keeps each request's headers and body.
class HookReceiver
{
public:
    struct Hit
    {
        QByteArray head;
        QByteArray body;
        QByteArray header(const QByteArray &name) const
        {
            for (const QByteArray &line : head.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }
    };

    bool listen()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto *buffer = new QByteArray;
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
                    delete buffer;
                    socket->deleteLater();
                });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    Hit hit{buffer->left(end), {}};
                    const qsizetype length = hit.header("Content-Length").toLongLong();
                    if (buffer->size() < end + 4 + length)
                        return;
                    hit.body = buffer->mid(end + 4, length);
                    hits.append(hit);
                    buffer->clear();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1/waha").arg(m_server.serverPort())); }

    QList<Hit> hits;

private:
    QTcpServer m_server;
};

} // namespace

class TestWahaChannel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeWaha> m_fake;
    QTemporaryDir m_dir;

    WahaConfig config(const QString &key = kKey) const
    {
        WahaConfig c;
        c.baseUrl = m_fake->baseUrl();
        c.apiKey = key;
        c.timeoutMs = 2000;
        return c;
    }

    QStringList filesInDir() const { return QDir(m_dir.path()).entryList(QDir::Files); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_fake = std::make_unique<FakeWaha>(kKey);
        QVERIFY(m_fake->start());
        QVERIFY(m_fake->port() > 0);
    }

    void cleanup()
    {
        m_fake.reset();
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
    }

    void name() { QCOMPARE(WahaChannel(config()).name(), QString("waha")); }

    void sendText()
    {
        WahaChannel channel(config());
        const auto receipt = channel.send(textTo(kCustomer, "Halo, pesanan #12 sudah dikirim"));
        QVERIFY2(receipt.ok(), qPrintable(receipt.ok() ? QString() : receipt.error().message));

        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].endpoint, QString("sendText"));
        QCOMPARE(sent[0].session, QString("default"));
        QCOMPARE(sent[0].chatId, kCustomer + "@c.us");
        QCOMPARE(sent[0].text, QString("Halo, pesanan #12 sudah dikirim"));
        QVERIFY(sent[0].id.startsWith("true_" + kCustomer + "@c.us_"));
        QCOMPARE(receipt->externalId, sent[0].id);

        // The body has the documented shape (fixtures/waha/send_text_request.json).
        const QJsonObject documented = fixtureSendTextBody();
        QVERIFY(!documented.isEmpty());
        for (const QString &key : sent[0].body.keys())
            QVERIFY2(documented.contains(key), qPrintable(key));
        for (const char *key : {"session", "chatId", "text"})
            QVERIFY(sent[0].body.contains(QLatin1String(key)));

        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].method, QByteArray("POST"));
        QCOMPARE(requests[0].path, QString("/api/sendText"));
        QCOMPARE(requests[0].apiKey, kKey.toUtf8());
        QCOMPARE(channel.health()["state"].toString(), QString("ok"));
    }

    void sendToLidAndOtherSession()
    {
        m_fake->setSessions({"default", "toko"});
        WahaConfig c = config();
        c.session = "toko";
        WahaChannel channel(c);
        QVERIFY(channel.send(textTo("123456789012345@lid", "halo")).ok());
        QCOMPARE(m_fake->sentMessages().at(0).chatId, QString("123456789012345@lid"));
        QCOMPARE(m_fake->sentMessages().at(0).session, QString("toko"));
    }

    void idAsObject()
    {
        m_fake->setIdAsObject(true);
        WahaChannel channel(config());
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(receipt.ok());
        QCOMPARE(receipt->externalId, m_fake->sentMessages().at(0).id);
        QVERIFY(receipt->externalId.startsWith("true_"));
    }

    void interactiveSendsFallback()
    {
        WahaChannel channel(config());
        QVERIFY(!channel.supportsInteractive());
        OutboundMessage message = textTo(kCustomer, "Pilih produk:\n1. Pulsa 10rb\n2. Pulsa 20rb");
        message.type = MessageType::Interactive;
        message.payload = R"({"type":"list","rows":[{"id":"p1","title":"Pulsa 10rb"}]})";
        QVERIFY(channel.send(message).ok());
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].endpoint, QString("sendText"));
        QCOMPARE(sent[0].text, message.text);
    }

    void sendImage()
    {
        const QByteArray bytes = randomBytes(5000) + QByteArray(300, '\0');
        const QString path = m_dir.filePath("qris-order-12.png");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + bytes);
        file.close();

        WahaChannel channel(config());
        OutboundMessage message = textTo(kCustomer, "Scan QRIS ini untuk membayar");
        message.type = MessageType::Image;
        message.mediaPath = path;
        const auto receipt = channel.send(message);
        QVERIFY2(receipt.ok(), qPrintable(receipt.ok() ? QString() : receipt.error().message));

        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].endpoint, QString("sendImage"));
        QCOMPARE(sent[0].chatId, kCustomer + "@c.us");
        QCOMPARE(sent[0].data, QByteArray("\x89PNG\r\n\x1a\n", 8) + bytes);
        QCOMPARE(sent[0].mimetype, QString("image/png"));
        QCOMPARE(sent[0].filename, QString("qris-order-12.png"));
        QCOMPARE(sent[0].text, QString("Scan QRIS ini untuk membayar"));
        QCOMPARE(receipt->externalId, sent[0].id);
        QCOMPARE(m_fake->requests().at(0).path, QString("/api/sendImage"));
    }

    void sendImageMissingFile()
    {
        WahaChannel channel(config());
        OutboundMessage message = textTo(kCustomer, "caption");
        message.type = MessageType::Image;
        message.mediaPath = m_dir.filePath("gone.png");
        const auto receipt = channel.send(message);
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.permanent"));
        QVERIFY(m_fake->requests().isEmpty());
    }

    void badRecipient()
    {
        WahaChannel channel(config());
        const auto receipt = channel.send(textTo("budi", "halo"));
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.permanent"));
        QVERIFY(m_fake->requests().isEmpty());
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("500") << 500 << "channel.transient";
        QTest::newRow("502") << 502 << "channel.transient";
        QTest::newRow("503") << 503 << "channel.transient";
        QTest::newRow("429") << 429 << "channel.transient";
        QTest::newRow("401") << 401 << "channel.auth";
        QTest::newRow("403") << 403 << "channel.auth";
        QTest::newRow("400") << 400 << "channel.permanent";
        QTest::newRow("404") << 404 << "channel.permanent";
        QTest::newRow("422") << 422 << "channel.permanent";
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        m_fake->failNext(1, status);
        WahaChannel channel(config());
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, code);
        QCOMPARE(receipt.error().details.value("code").toInt(), status);
        QVERIFY(!receipt.error().message.isEmpty());
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().at(0).status, status);
        QVERIFY(m_fake->sentMessages().isEmpty());
        // The failure was for one request only.
        QVERIFY(channel.send(textTo(kCustomer, "halo")).ok());
        QCOMPARE(m_fake->sentMessages().size(), 1);
    }

    void sessionNotRunning()
    {
        WahaConfig c = config();
        c.session = "toko";
        WahaChannel channel(c);
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.permanent"));
        QCOMPARE(receipt.error().details.value("code").toInt(), 422);
        QVERIFY2(receipt.error().message.contains("WAHA session \"toko\" is not running"),
                 qPrintable(receipt.error().message));
        QCOMPARE(channel.health()["state"].toString(), QString("ok"));
    }

    void wrongKeyThenFixed()
    {
        WahaChannel channel(config("wrong-key"));
        auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.auth"));
        QCOMPARE(receipt.error().details.value("code").toInt(), 401);
        QCOMPARE(m_fake->requests().at(0).apiKey, QByteArray("wrong-key"));
        QCOMPARE(channel.health()["state"].toString(), QString("auth_failed"));
        QVERIFY(!channel.health()["detail"].toString().contains("wrong-key")); // never show the key

        // WAHA restarted with the key Kedai has: the next send works and the alert clears.
        m_fake->setApiKey("wrong-key");
        receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(receipt.ok());
        QCOMPARE(channel.health()["state"].toString(), QString("ok"));
    }

    void noKeyConfigured()
    {
        WahaChannel channel(config(QString()));
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QCOMPARE(receipt.error().code, QString("channel.auth"));
        QVERIFY(m_fake->requests().at(0).apiKey.isEmpty());
    }

    void unavailableForAPeriodThenSuccess()
    {
        WahaChannel channel(config());
        m_fake->failAllFor(400, 503);
        for (int i = 0; i < 5; ++i) {
            const auto receipt = channel.send(textTo(kCustomer, "halo"));
            QVERIFY(!receipt.ok());
            QCOMPARE(receipt.error().code, QString("channel.transient"));
            QCOMPARE(receipt.error().details.value("code").toInt(), 503);
        }
        QCOMPARE(channel.health()["state"].toString(), QString("failing"));
        QVERIFY(channel.health()["detail"].toString().contains("503"));

        QElapsedTimer timer;
        timer.start();
        bool sent = false;
        while (!sent && timer.elapsed() < 3000) {
            sent = channel.send(textTo(kCustomer, "halo")).ok();
            if (!sent)
                QTest::qWait(50);
        }
        QVERIFY(sent);
        QCOMPARE(m_fake->sentMessages().size(), 1);
        QCOMPARE(channel.health()["state"].toString(), QString("ok"));
    }

    void fourFailuresAreNotFailing()
    {
        WahaChannel channel(config());
        m_fake->failNext(4, 502);
        for (int i = 0; i < 4; ++i)
            QVERIFY(!channel.send(textTo(kCustomer, "halo")).ok());
        QCOMPARE(channel.health()["state"].toString(), QString("ok"));
        m_fake->failNext(1, 502);
        QVERIFY(!channel.send(textTo(kCustomer, "halo")).ok());
        QCOMPARE(channel.health()["state"].toString(), QString("failing"));
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        WahaConfig c = config();
        c.baseUrl = QString("http://127.0.0.1:%1").arg(closedPort);
        WahaChannel channel(c);
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.transient"));
        QVERIFY2(receipt.error().message.contains("unreachable"), qPrintable(receipt.error().message));
    }

    void timeout()
    {
        m_fake->setLatency(800);
        WahaConfig c = config();
        c.timeoutMs = 200;
        WahaChannel channel(c);
        QElapsedTimer timer;
        timer.start();
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(timer.elapsed() < 700);
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.transient"));
        QVERIFY2(receipt.error().message.contains("did not answer"), qPrintable(receipt.error().message));
        // The slow answer reached a closed connection; the fake is still fine afterwards.
        m_fake->setLatency(0);
        QVERIFY(channel.send(textTo(kCustomer, "halo")).ok());
    }

    void unconfigured()
    {
        WahaConfig c = config();
        c.baseUrl.clear();
        WahaChannel channel(c);
        QCOMPARE(channel.health()["state"].toString(), QString("unconfigured"));
        QCOMPARE(channel.send(textTo(kCustomer, "halo")).error().code, QString("channel.permanent"));
    }

    void markRead()
    {
        WahaChannel channel(config());
        InboundMessage message;
        message.channel = "waha";
        message.from = kCustomer;
        message.externalId = "false_6281234567890@c.us_3EB0ABCDEF";
        channel.markRead(message);
        const auto seen = m_fake->seen();
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen[0].session, QString("default"));
        QCOMPARE(seen[0].chatId, kCustomer + "@c.us");
        QCOMPARE(seen[0].messageId, message.externalId);
        QCOMPARE(m_fake->requests().at(0).apiKey, kKey.toUtf8());

        // Failures are only logged.
        m_fake->failNext(1, 500);
        channel.markRead(message);
        QCOMPARE(m_fake->seen().size(), 1);
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void downloadMedia_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mime");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("jpeg") << "true_11111111111@c.us_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.jpg"
                              << "image/jpeg"
                              << ".jpg";
        QTest::newRow("voice") << "false_6281@c.us_VOICE.oga"
                               << "audio/ogg; codecs=opus"
                               << ".ogg";
        QTest::newRow("hostile mime") << "x.bin"
                                      << "image/../../etc"
                                      << ".bin";
    }

    void downloadMedia()
    {
        QFETCH(QString, name);
        QFETCH(QString, mime);
        QFETCH(QString, suffix);
        const QByteArray bytes = randomBytes(20000);
        InboundMessage message;
        message.mediaId = m_fake->addFile(name, bytes, mime.toLatin1());
        message.mediaMime = mime;
        WahaChannel channel(config());
        const auto file = channel.downloadMedia(message, m_dir.path(), 1 << 20);
        QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
        QCOMPARE(file->size, bytes.size());
        QCOMPARE(file->mimeType, mime);
        QVERIFY(QFileInfo(file->path).isAbsolute());
        QCOMPARE(QFileInfo(file->path).dir().canonicalPath(), QDir(m_dir.path()).canonicalPath());
        QVERIFY(QFileInfo(file->path).fileName().startsWith("in-waha-"));
        QVERIFY2(file->path.endsWith(suffix), qPrintable(file->path));
        QFile saved(file->path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), bytes);
        QCOMPARE(filesInDir().size(), 1); // no temporary left behind
        QCOMPARE(m_fake->requests().at(0).method, QByteArray("GET"));
        QCOMPARE(m_fake->requests().at(0).apiKey, kKey.toUtf8());
    }

    void downloadOfWahaFilesGoesToWahaUrl_data()
    {
        QTest::addColumn<QString>("url");
        // WAHA names its files with the address it was started with (e.g. http://localhost:3000
        // behind Docker). The path is fetched from WAHA_URL, never from the address in the webhook.
        // %1 is replaced by the fake's port, %2 by another one.
        QTest::newRow("other host") << "http://127.0.0.2:%1/api/files/x.jpg";
        QTest::newRow("other host name") << "http://localhost:%1/api/files/x.jpg";
        QTest::newRow("other port") << "http://127.0.0.1:%2/api/files/x.jpg";
        QTest::newRow("default port") << "http://127.0.0.1/api/files/x.jpg";
        QTest::newRow("https") << "https://127.0.0.1:%1/api/files/x.jpg";
        QTest::newRow("user info") << "http://evil@127.0.0.1:%1/api/files/x.jpg";
        QTest::newRow("internet host") << "http://waha.example.com:3000/api/files/x.jpg";
    }

    void downloadOfWahaFilesGoesToWahaUrl()
    {
        QFETCH(QString, url);
        m_fake->addFile("x.jpg", "secret", "image/jpeg");
        InboundMessage message;
        message.mediaId = QString(url)
                              .replace("%1", QString::number(m_fake->port()))
                              .replace("%2", QString::number(m_fake->port() + 1));
        message.mediaMime = "image/jpeg";
        WahaChannel channel(config());
        const auto file = channel.downloadMedia(message, m_dir.path(), 1 << 20);
        QVERIFY2(file.ok(), file.ok() ? "" : qPrintable(file.error().message));
        QFile saved(file->path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), QByteArray("secret"));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().at(0).path, QString("/api/files/x.jpg"));
        QCOMPARE(m_fake->requests().at(0).apiKey, kKey.toUtf8());
    }

    void downloadRefusesOtherOrigins_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("other host, other path") << "http://127.0.0.2:%1/api/sessions";
        QTest::newRow("other host, path escaping the files") << "http://127.0.0.2:%1/api/files/../sessions";
        QTest::newRow("file") << "file:///etc/passwd";
        QTest::newRow("metadata service") << "http://169.254.169.254/latest/meta-data/";
        QTest::newRow("garbage") << "::not a url::";
    }

    void downloadRefusesOtherOrigins()
    {
        QFETCH(QString, url);
        m_fake->addFile("x.jpg", "secret", "image/jpeg");
        InboundMessage message;
        message.mediaId = QString(url)
                              .replace("%1", QString::number(m_fake->port()))
                              .replace("%2", QString::number(m_fake->port() + 1));
        message.mediaMime = "image/jpeg";
        WahaChannel channel(config());
        const auto file = channel.downloadMedia(message, m_dir.path(), 1 << 20);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, QString("channel.permanent"));
        QVERIFY(m_fake->requests().isEmpty());
        QVERIFY(filesInDir().isEmpty());
    }

    void downloadTooLarge()
    {
        InboundMessage message;
        message.mediaId = m_fake->addFile("big.jpg", randomBytes(64 * 1024), "image/jpeg");
        message.mediaMime = "image/jpeg";
        WahaChannel channel(config());
        const auto file = channel.downloadMedia(message, m_dir.path(), 10 * 1024);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, QString("channel.media_too_large"));
        QVERIFY(filesInDir().isEmpty());
        // Exactly at the limit is fine.
        QVERIFY(channel.downloadMedia(message, m_dir.path(), 64 * 1024).ok());
    }

    void downloadErrors()
    {
        InboundMessage message;
        message.mediaId = m_fake->baseUrl() + "/api/files/expired.jpg";
        WahaChannel channel(config());
        auto file = channel.downloadMedia(message, m_dir.path(), 1 << 20);
        QCOMPARE(file.error().code, QString("channel.permanent"));
        QCOMPARE(m_fake->requests().at(0).status, 404);

        message.mediaId = m_fake->addFile("a.jpg", "abc", "image/jpeg");
        file = WahaChannel(config("wrong")).downloadMedia(message, m_dir.path(), 1 << 20);
        QCOMPARE(file.error().code, QString("channel.auth"));

        message.mediaId.clear();
        QVERIFY(!channel.downloadMedia(message, m_dir.path(), 1 << 20).ok());
        QVERIFY(filesInDir().isEmpty());
    }

    // Sender thread and bot shards use one channel at once.
    void concurrentSends()
    {
        WahaChannel channel(config());
        QList<QThread *> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([&channel, &failures, t] {
                for (int i = 0; i < 5; ++i) {
                    if (!channel.send(textTo(QString("62812000000%1").arg(t), QString("m%1").arg(i))).ok())
                        ++failures;
                }
            });
            threads.last()->start();
        }
        QVERIFY(m_fake->waitForMessages(20, 5000));
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(5000));
            delete thread;
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(m_fake->sentMessages().size(), 20);
        QSet<QString> ids;
        for (const auto &sent : m_fake->sentMessages())
            ids.insert(sent.id);
        QCOMPARE(ids.size(), 20);
    }

    void webhookAckAfterSend()
    {
        HookReceiver hook;
        QVERIFY(hook.listen());
        m_fake->setWebhook(hook.url(), "hook-key");
        WahaChannel channel(config());
        const auto receipt = channel.send(textTo(kCustomer, "halo"));
        QVERIFY(receipt.ok());
        QTRY_COMPARE_WITH_TIMEOUT(hook.hits.size(), 1, 3000);
        const HookReceiver::Hit &hit = hook.hits[0];
        QVERIFY(hit.head.startsWith("POST /waha "));
        QCOMPARE(hit.header("X-Webhook-Hmac-Algorithm"), QByteArray("sha512"));
        QVERIFY(!hit.header("X-Webhook-Request-Id").isEmpty());
        QVERIFY(verifySignedRequest(hit.body, hit.header("X-Webhook-Hmac"), hit.header("X-Webhook-Hmac-Algorithm"),
                                    "hook-key"));
        QVERIFY(!verifyHmac(hit.body, hit.header("X-Webhook-Hmac"), "other-key"));
        const auto update = parseWebhook(hit.body, "default");
        QVERIFY(update.ok());
        QCOMPARE(update->statuses.size(), 1);
        QCOMPARE(update->statuses[0].messageId, receipt->externalId);
        QCOMPARE(update->statuses[0].status, QString("delivered"));
    }

    void messageEventHelper()
    {
        WahaEventOptions options;
        options.name = "Budi";
        options.timestamp = 1700000000;
        QByteArray body = FakeWaha::messageEvent(kCustomer, "false_6281234567890@c.us_1", "katalog", options);
        QVERIFY(verifyHmac(body, FakeWaha::hmac(body, "k"), "k"));
        auto update = parseWebhook(body, "default");
        QVERIFY(update.ok());
        QCOMPARE(update->messages.size(), 1);
        QCOMPARE(update->messages[0].from, kCustomer);
        QCOMPARE(update->messages[0].name, QString("Budi"));
        QCOMPARE(update->messages[0].text, QString("katalog"));
        QCOMPARE(update->messages[0].receivedAt.toSecsSinceEpoch(), 1700000000);

        options.mediaUrl = m_fake->addFile("p.jpg", "jpg", "image/jpeg");
        update = parseWebhook(FakeWaha::messageEvent(kCustomer, "false_x_2", "bukti transfer", options));
        QCOMPARE(update->messages.at(0).type, MessageType::Image);
        QCOMPARE(update->messages.at(0).mediaId, options.mediaUrl);

        options = {};
        options.participant = "6281@c.us";
        QCOMPARE(parseWebhook(FakeWaha::messageEvent("1203@g.us", "false_x_3", "hi", options))->skipped, 1);
        options = {};
        options.fromMe = true;
        QCOMPARE(parseWebhook(FakeWaha::messageEvent(kCustomer, "true_x_4", "hi", options))->skipped, 1);
        QCOMPARE(parseWebhook(FakeWaha::ackEvent("true_x_4", 3))->statuses.at(0).status, QString("read"));
    }
};

QTEST_GUILESS_MAIN(TestWahaChannel)
#include "tst_wahachannel.moc"
