// CloudApiChannel over real HTTP on loopback against FakeCloudApi (PROTOCOLS.md §1.5–1.7): what
// the fake received is asserted, not only what send() returned.

#include "channels/cloudapi/cloudchannel.h"
#include "channels/cloudapi/cloudrequests.h"
#include "channels/cloudapi/cloudwebhook.h"
#include "domain/interactive.h"
#include "support/fakecloudapi.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace kedai::channels;
using namespace kedai::channels::cloudapi;
using kedai::domain::InboundMessage;
using kedai::domain::Interactive;
using kedai::domain::InteractiveChoice;
using kedai::domain::InteractiveSection;
using kedai::domain::MessageType;
using kedai::domain::OutboundMessage;
using kedai::test::FakeCloudApi;

namespace {

const QString kCustomer = "6281234567890";

// A 1x1 PNG.
const QByteArray kPng = QByteArray::fromHex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082");

OutboundMessage text(const QString &body, const QString &to = kCustomer)
{
    OutboundMessage m;
    m.channel = CloudApiChannel::kName();
    m.to = to;
    m.type = MessageType::Text;
    m.text = body;
    return m;
}

OutboundMessage interactive(const Interactive &payload)
{
    OutboundMessage m = text(payload.fallbackText("Balas dengan angka pilihan Anda."));
    m.type = MessageType::Interactive;
    m.payload = payload.toJson();
    return m;
}

Interactive catalog(int rows)
{
    Interactive m;
    m.kind = Interactive::Kind::List;
    m.body = "Katalog hari ini";
    m.button = "Lihat produk";
    m.sections = {{"Streaming", {}}, {"Game", {}}};
    for (int i = 0; i < rows; ++i) {
        m.sections[i % 2].rows << InteractiveChoice{QStringLiteral("cmd:buy P%1 1").arg(i),
                                                    QStringLiteral("Produk %1").arg(i), "Rp 35.000"};
    }
    return m;
}

QString paragraphs(int length)
{
    QString t;
    for (int i = 0; t.size() < length; ++i)
        t += QStringLiteral("Baris %1 dari katalog toko.").arg(i) + (i % 10 == 9 ? "\n\n" : i % 3 == 2 ? "\n" : " ");
    return t.left(length);
}

// A tiny webhook receiver on the test thread: answers 200 and keeps each request's body and
// signature header.
class HookReceiver : public QObject
{
public:
    QList<QPair<QByteArray, QByteArray>> hooks; // body, X-Hub-Signature-256

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/webhook").arg(m_server.serverPort())); }

private:
    void read(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            QByteArray signature;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(end).split('\n')) {
                const QByteArray l = line.trimmed();
                if (l.toLower().startsWith("content-length:"))
                    length = l.mid(15).trimmed().toLongLong();
                if (l.toLower().startsWith("x-hub-signature-256:"))
                    signature = l.mid(20).trimmed();
            }
            if (buffer.size() < end + 4 + length)
                return;
            hooks << qMakePair(buffer.mid(end + 4, length), signature);
            buffer.remove(0, end + 4 + length);
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestCloudChannel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeCloudApi> m_fake;
    std::unique_ptr<CloudApiChannel> m_channel;

    CloudApiConfig config() const { return {m_fake->phoneNumberId(), m_fake->accessToken(), m_fake->baseUrl(), 5000}; }

    // Every Graph call carried the bearer.
    void verifyBearerOnEveryCall()
    {
        const QByteArray expected = "Bearer " + m_fake->accessToken().toUtf8();
        for (const auto &r : m_fake->requests())
            QCOMPARE(r.authorization, expected);
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeCloudApi>();
        QVERIFY(m_fake->port() != 0);
        m_channel = std::make_unique<CloudApiChannel>(config());
    }

    void cleanup()
    {
        m_channel.reset();
        m_fake.reset();
    }

    void nameAndInteractive()
    {
        QCOMPARE(m_channel->name(), QString("whatsapp"));
        QVERIFY(m_channel->supportsInteractive());
        QCOMPARE(m_channel->health()["state"].toString(), QString("ok"));
    }

    void sendsShortText()
    {
        const auto receipt = m_channel->send(text("Pesanan #1024 sudah kami terima."));
        QVERIFY2(receipt.ok(), qPrintable(receipt.ok() ? QString() : receipt.error().message));
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].to, kCustomer);
        QCOMPARE(sent[0].type, QString("text"));
        QCOMPARE(sent[0].body["text"]["body"].toString(), QString("Pesanan #1024 sudah kami terima."));
        QCOMPARE(sent[0].body["text"]["preview_url"].toBool(true), false);
        QCOMPARE(receipt->externalId, sent[0].id);
        QVERIFY(receipt->externalId.startsWith("wamid."));
        verifyBearerOnEveryCall();
    }

    void splitsLongTextIntoOrderedParts()
    {
        const QString body = paragraphs(9000);
        const auto receipt = m_channel->send(text(body));
        QVERIFY(receipt.ok());
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 3);
        QString joined;
        qsizetype pos = 0;
        for (const auto &m : sent) {
            const QString part = m.body["text"]["body"].toString();
            QVERIFY(part.size() <= 4096);
            const qsizetype at = body.indexOf(part, pos);
            QVERIFY2(at >= 0, "parts arrive in order");
            QVERIFY(body.mid(pos, at - pos).trimmed().isEmpty());
            pos = at + part.size();
            joined += part;
        }
        QVERIFY(body.mid(pos).trimmed().isEmpty());
        QCOMPARE(joined.simplified().remove(' '), QString(body).simplified().remove(' '));
        QCOMPARE(receipt->externalId, sent.last().id);
    }

    void sendsImageByUploadedId()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("qris-KD1.png");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kPng);
        file.close();
        OutboundMessage m = text("QRIS untuk pesanan #1024");
        m.type = MessageType::Image;
        m.mediaPath = path;
        const auto receipt = m_channel->send(m);
        QVERIFY2(receipt.ok(), qPrintable(receipt.ok() ? QString() : receipt.error().message));

        const auto uploads = m_fake->uploads();
        QCOMPARE(uploads.size(), 1);
        QCOMPARE(uploads[0].bytes, kPng);
        QCOMPARE(uploads[0].mimeType, QString("image/png"));
        QCOMPARE(uploads[0].partContentType, QString("image/png"));
        QCOMPARE(uploads[0].fileName, QString("qris-KD1.png"));
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].type, QString("image"));
        QCOMPARE(sent[0].body["image"]["id"].toString(), uploads[0].mediaId);
        QCOMPARE(sent[0].body["image"]["caption"].toString(), QString("QRIS untuk pesanan #1024"));
        QVERIFY(!sent[0].body["image"].toObject().contains("link"));
        QCOMPARE(receipt->externalId, sent[0].id);
        verifyBearerOnEveryCall();
    }

    void imageLongCaptionFollowsAsText()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("q.png"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kPng);
        file.close();
        OutboundMessage m = text(paragraphs(1500));
        m.type = MessageType::Image;
        m.mediaPath = file.fileName();
        QVERIFY(m_channel->send(m).ok());
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent[0].type, QString("image"));
        QCOMPARE(sent[1].type, QString("text"));
        QVERIFY(sent[0].body["image"]["caption"].toString().size() <= 1024);
    }

    void missingImageIsPermanent()
    {
        OutboundMessage m = text("QRIS");
        m.type = MessageType::Image;
        m.mediaPath = "/nonexistent/qris.png";
        const auto receipt = m_channel->send(m);
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, QString("channel.permanent"));
        QVERIFY(m_fake->requests().isEmpty());
    }

    void sendsList()
    {
        const auto receipt = m_channel->send(interactive(catalog(4)));
        QVERIFY(receipt.ok());
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].type, QString("interactive"));
        const QJsonObject i = sent[0].body["interactive"].toObject();
        QCOMPARE(i["type"].toString(), QString("list"));
        QCOMPARE(i["body"]["text"].toString(), QString("Katalog hari ini"));
        QCOMPARE(i["action"]["button"].toString(), QString("Lihat produk"));
        const QJsonArray sections = i["action"]["sections"].toArray();
        QCOMPARE(sections.size(), 2);
        QCOMPARE(sections[0]["title"].toString(), QString("Streaming"));
        QCOMPARE(sections[0]["rows"][0]["id"].toString(), QString("cmd:buy P0 1"));
        QCOMPARE(sections[0]["rows"][0]["title"].toString(), QString("Produk 0"));
        QCOMPARE(sections[1]["rows"][1]["id"].toString(), QString("cmd:buy P3 1"));
    }

    void sendsButtons()
    {
        Interactive b;
        b.kind = Interactive::Kind::Buttons;
        b.body = "Konfirmasi pesanan?";
        b.buttons = {{"cmd:ya", "Ya, pesan", {}}, {"cmd:batal", "Batal", {}}};
        QVERIFY(m_channel->send(interactive(b)).ok());
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        const QJsonObject i = sent[0].body["interactive"].toObject();
        QCOMPARE(i["type"].toString(), QString("button"));
        const QJsonArray buttons = i["action"]["buttons"].toArray();
        QCOMPARE(buttons.size(), 2);
        QCOMPARE(buttons[0]["reply"]["id"].toString(), QString("cmd:ya"));
        QCOMPARE(buttons[1]["reply"]["title"].toString(), QString("Batal"));
    }

    void overLimitListFallsBackToText()
    {
        const OutboundMessage m = interactive(catalog(12));
        QVERIFY(m_channel->send(m).ok());
        const auto sent = m_fake->sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].type, QString("text"));
        QCOMPARE(sent[0].body["text"]["body"].toString(), m.text);
        QVERIFY(m.text.contains("12. Produk 11"));
    }

    void malformedPayloadSendsText()
    {
        OutboundMessage m = text("1. Netflix\n2. Spotify");
        m.type = MessageType::Interactive;
        m.payload = "{not json";
        QVERIFY(m_channel->send(m).ok());
        QCOMPARE(m_fake->sentMessages().value(0).type, QString("text"));
    }

    void marksRead()
    {
        InboundMessage in;
        in.externalId = "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA=";
        m_channel->markRead(in);
        const auto reads = m_fake->readReceipts();
        QCOMPARE(reads.size(), 1);
        QCOMPARE(reads[0].messageId, in.externalId);
        QVERIFY(m_fake->sentMessages().isEmpty());
        verifyBearerOnEveryCall();
    }

    void markReadFailureIsOnlyLogged()
    {
        m_fake->expireToken();
        InboundMessage in;
        in.externalId = "wamid.X";
        m_channel->markRead(in);
        QVERIFY(m_fake->readReceipts().isEmpty());
        QCOMPARE(m_channel->health()["state"].toString(), QString("token_expired"));
    }

    void downloadsMedia_data()
    {
        QTest::addColumn<int>("style");
        QTest::newRow("file_size string") << int(FakeCloudApi::FileSize::String);
        QTest::newRow("file_size number") << int(FakeCloudApi::FileSize::Number);
        QTest::newRow("file_size missing") << int(FakeCloudApi::FileSize::Omitted);
    }

    void downloadsMedia()
    {
        QFETCH(int, style);
        m_fake->setFileSizeStyle(FakeCloudApi::FileSize(style));
        const QByteArray bytes = QByteArray(3000, 'j');
        InboundMessage in;
        in.mediaId = m_fake->addMedia(bytes, "image/jpeg");
        in.mediaMime = "image/jpeg";
        QTemporaryDir dir;
        const auto file = m_channel->downloadMedia(in, dir.filePath("media"), 10000);
        QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
        QCOMPARE(QFileInfo(file->path).fileName(), "in-" + in.mediaId + ".jpg");
        QCOMPARE(QFileInfo(file->path).absolutePath(), QDir(dir.filePath("media")).absolutePath());
        QCOMPARE(file->size, 3000);
        QCOMPARE(file->mimeType, QString("image/jpeg"));
        QFile written(file->path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), bytes);
        QCOMPARE(m_fake->downloads(), 1);
        QCOMPARE(m_fake->requests().size(), 2); // the lookup and the download, both with the bearer
        verifyBearerOnEveryCall();
    }

    void refusesLargeMedia_data() { downloadsMedia_data(); }

    void refusesLargeMedia()
    {
        QFETCH(int, style);
        m_fake->setFileSizeStyle(FakeCloudApi::FileSize(style));
        InboundMessage in;
        in.mediaId = m_fake->addMedia(QByteArray(50000, 'x'), "audio/ogg; codecs=opus");
        QTemporaryDir dir;
        const auto file = m_channel->downloadMedia(in, dir.path(), 1000);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, QString("channel.media_too_large"));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
        // Refused before the download when the API states the size.
        if (FakeCloudApi::FileSize(style) != FakeCloudApi::FileSize::Omitted)
            QCOMPARE(m_fake->downloads(), 0);
    }

    void unknownMediaIsPermanent()
    {
        InboundMessage in;
        in.mediaId = "999";
        QTemporaryDir dir;
        const auto file = m_channel->downloadMedia(in, dir.path(), 1000);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, QString("channel.permanent"));
    }

    void errorClasses_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        const QString t = "channel.transient", a = "channel.auth", p = "channel.permanent";
        QTest::newRow("130429") << 429 << 130429 << t;
        QTest::newRow("131056") << 400 << 131056 << t;
        QTest::newRow("131000") << 500 << 131000 << t;
        QTest::newRow("131016") << 503 << 131016 << t;
        QTest::newRow("131052") << 400 << 131052 << t;
        QTest::newRow("131053") << 400 << 131053 << t;
        QTest::newRow("4") << 400 << 4 << t;
        QTest::newRow("80007") << 400 << 80007 << t;
        QTest::newRow("190") << 401 << 190 << a;
        for (int code : {131047, 131026, 131051, 131008, 131009, 100, 132000, 132001, 131048, 368, 131031})
            QTest::addRow("%d", code) << 400 << code << p;
    }

    void errorClasses()
    {
        QFETCH(int, httpStatus);
        QFETCH(int, code);
        QFETCH(QString, expected);
        m_fake->failNext(1, httpStatus, code);
        const auto receipt = m_channel->send(text("Halo"));
        QVERIFY(!receipt.ok());
        QCOMPARE(receipt.error().code, expected);
        QCOMPARE(receipt.error().details.value("code").toInt(), code);
        QVERIFY(receipt.error().message.contains(QString::number(code)));
        QVERIFY(!receipt.error().message.contains(m_fake->accessToken()));
        if (code == 131056)
            QCOMPARE(receipt.error().details.value("retryAfterMs").toInt(), 6000);
        QVERIFY(m_fake->sentMessages().isEmpty());
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests()[0].status, httpStatus);
        // The failure was the fake's one injected answer: the next send goes through.
        QVERIFY(m_channel->send(text("Halo")).ok());
        QCOMPARE(m_fake->sentMessages().size(), 1);
    }

    void outsideWindowForOneCustomer()
    {
        m_fake->failRecipient("6289999999999", 400, 131047);
        const auto refused = m_channel->send(text("Halo", "6289999999999"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QString("channel.permanent"));
        QCOMPARE(refused.error().message,
                 QString("WhatsApp 131047: outside the 24-hour window (Re-engagement message)"));
        QVERIFY(m_channel->send(text("Halo")).ok());
        QCOMPARE(m_fake->sentMessages().size(), 1);
        QCOMPARE(m_fake->sentMessages()[0].to, kCustomer);
    }

    void outageThenRecovery()
    {
        QElapsedTimer outage;
        outage.start();
        m_fake->failAllFor(std::chrono::milliseconds(800));
        for (int i = 0; i < CloudApiChannel::kFailingAfter; ++i) {
            const auto r = m_channel->send(text("Halo"));
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QString("channel.transient"));
            QCOMPARE(r.error().details.value("code").toInt(), 131016);
        }
        QCOMPARE(m_channel->health()["state"].toString(), QString("failing"));
        QVERIFY(m_fake->sentMessages().isEmpty());
        QVERIFY2(outage.elapsed() < 800, "the failures must fall inside the outage");
        QTest::qWait(int(850 - outage.elapsed()));
        QVERIFY(m_channel->send(text("Halo")).ok());
        QCOMPARE(m_fake->sentMessages().size(), 1);
        QCOMPARE(m_channel->health()["state"].toString(), QString("ok"));
    }

    void laterPartFailureIsReported()
    {
        // The first part is recorded when it arrives and answered 150 ms later; meanwhile the
        // injector makes the customer's next request fail, so the second part is refused.
        std::unique_ptr<QThread> injector(QThread::create([this] {
            if (m_fake->waitForMessages(1, 5000))
                m_fake->failRecipient(kCustomer, 503, 131016);
        }));
        m_fake->setLatency(150);
        injector->start();
        const auto r = m_channel->send(text(paragraphs(6000)));
        QVERIFY(injector->wait(5000));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString("channel.transient"));
        QCOMPARE(r.error().details.value("partsSent").toInt(), 1);
        QCOMPARE(m_fake->sentMessages().size(), 1);
    }

    void tokenExpiredThenRenewed()
    {
        m_fake->expireToken();
        const auto r = m_channel->send(text("Halo"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString("channel.auth"));
        QCOMPARE(r.error().details.value("code").toInt(), 190);
        QVERIFY(!r.error().message.contains(m_fake->accessToken()));
        const QJsonObject health = m_channel->health();
        QCOMPARE(health["state"].toString(), QString("token_expired"));
        QVERIFY(health["detail"].toString().contains("WA_ACCESS_TOKEN"));
        QVERIFY(m_fake->sentMessages().isEmpty());

        m_fake->renewToken();
        QVERIFY(m_channel->send(text("Halo")).ok());
        QCOMPARE(m_channel->health()["state"].toString(), QString("ok"));
        QCOMPARE(m_fake->sentMessages().size(), 1);
    }

    void wrongTokenIsAuth()
    {
        CloudApiChannel wrong({m_fake->phoneNumberId(), "someone-elses-token", m_fake->baseUrl(), 5000});
        const auto r = wrong.send(text("Halo"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString("channel.auth"));
        QCOMPARE(m_fake->requests().value(0).status, 401);
        QVERIFY(m_fake->sentMessages().isEmpty());
    }

    void unconfigured()
    {
        CloudApiChannel empty({m_fake->phoneNumberId(), {}, m_fake->baseUrl(), 5000});
        QCOMPARE(empty.health()["state"].toString(), QString("unconfigured"));
        const auto r = empty.send(text("Halo"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString("channel.permanent"));
        QVERIFY(r.error().message.contains("WA_ACCESS_TOKEN"));
        QVERIFY(m_fake->requests().isEmpty());
    }

    void unreachableIsTransient()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        CloudApiChannel gone({"1", "t", QStringLiteral("http://127.0.0.1:%1/v21.0").arg(port), 2000});
        const auto r = gone.send(text("Halo"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QString("channel.transient"));
    }

    void sendsFromAnotherThread()
    {
        m_fake->setLatency(50);
        kedai::common::Result<SendReceipt> result;
        std::unique_ptr<QThread> sender(QThread::create([&] { result = m_channel->send(text("Dari thread lain")); }));
        sender->start();
        QVERIFY(m_fake->waitForMessages(1, 5000));
        QVERIFY(sender->wait(5000));
        QVERIFY(result.ok());
        QCOMPARE(result->externalId, m_fake->sentMessages()[0].id);
    }

    // The fake holds the client to the limits of §1.5: an over-limit body is refused, not recorded.
    void fakeRefusesInvalidBodies_data()
    {
        QTest::addColumn<QJsonObject>("body");
        const QJsonObject base{{"messaging_product", "whatsapp"}, {"to", kCustomer}};
        const auto with = [&base](const QString &type, const QJsonObject &payload) {
            QJsonObject o = base;
            o.insert("type", type);
            o.insert(type, payload);
            return o;
        };
        QTest::newRow("text over 4096") << with("text", {{"body", QString(4097, 'a')}});
        QJsonObject noProduct = with("text", {{"body", "x"}});
        noProduct.remove("messaging_product");
        QTest::newRow("no messaging_product") << noProduct;
        QJsonArray buttons;
        for (int i = 0; i < 4; ++i)
            buttons.append(
                QJsonObject{{"type", "reply"}, {"reply", QJsonObject{{"id", QString::number(i)}, {"title", "t"}}}});
        QTest::newRow("four buttons") << with("interactive", {{"type", "button"},
                                                              {"body", QJsonObject{{"text", "x"}}},
                                                              {"action", QJsonObject{{"buttons", buttons}}}});
        const QJsonArray rows{QJsonObject{{"id", "1"}, {"title", QString(25, 'r')}}};
        QTest::newRow("row title over 24")
            << with("interactive",
                    {{"type", "list"},
                     {"body", QJsonObject{{"text", "x"}}},
                     {"action", QJsonObject{{"button", "b"}, {"sections", QJsonArray{QJsonObject{{"rows", rows}}}}}}});
        QTest::newRow("unknown media id") << with("image", {{"id", "123"}});
    }

    void fakeRefusesInvalidBodies()
    {
        QFETCH(QJsonObject, body);
        HttpRequest r;
        r.method = "POST";
        r.url = QUrl(m_fake->baseUrl() + "/" + m_fake->phoneNumberId() + "/messages");
        r.headers = {{"Authorization", "Bearer " + m_fake->accessToken().toUtf8()},
                     {"Content-Type", "application/json"}};
        r.body = jsonBody(body);
        const HttpResponse response = httpRequest(r);
        QCOMPARE(response.status, 400);
        const auto e = classifySendError(response.status, response.body, false);
        QCOMPARE(e.details.value("code").toInt(), 100);
        QVERIFY(m_fake->sentMessages().isEmpty());
    }

    void statusWebhooksAreSigned()
    {
        HookReceiver receiver;
        QVERIFY(receiver.listen());
        m_fake->setStatusWebhook(receiver.url(), "app-secret", m_fake->phoneNumberId());
        const auto receipt = m_channel->send(text("Halo"));
        QVERIFY(receipt.ok());
        QTRY_COMPARE(receiver.hooks.size(), 2);
        QStringList states;
        for (const auto &[body, signature] : receiver.hooks) {
            QVERIFY(verifySignature(body, signature, "app-secret"));
            const auto update = parseWebhook(body);
            QVERIFY(update.ok());
            QCOMPARE(update->statuses.size(), 1);
            QCOMPARE(update->statuses[0].messageId, receipt->externalId);
            QCOMPARE(update->statuses[0].recipient, kCustomer);
            states << update->statuses[0].status;
        }
        QCOMPARE(states, QStringList({"sent", "delivered"}));
        QTRY_COMPARE(m_fake->statusWebhooksDelivered(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCloudChannel)
#include "tst_cloudchannel.moc"
