// WhatsApp end to end: real kedaid processes whose Cloud API and WAHA channels talk to the fakes
// of tests/support over real HTTP on loopback. Every inbound message is a webhook built in the
// shape of the pywa fixtures and signed like Meta (X-Hub-Signature-256) or WAHA (X-Webhook-Hmac)
// signs it; what the customer gets is read back from what the fakes received, and what was kept
// from the database itself.
//
// Each test function runs once per backend row (SQLite in a temporary data folder; PostgreSQL +
// Redis when TEST_DATABASE_URL and TEST_REDIS_URL are set, with a schema and a Redis database of
// its own). One kedaid per backend serves every function but the crash test, which kills and
// restarts a kedaid of its own (with a schema and a Redis database of its own on PostgreSQL).
#include "cache/redisconfig.h"
#include "cache/redisconnection.h"
#include "store/postgresurl.h"
#include "support/fakecloudapi.h"
#include "support/fakewaha.h"
#include "support/simclient.h"
#include "support/testservices.h"
#include "unit/payments/qrisfixture.h"
#include "unit/store/storetestutil.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QtEndian>

#include <functional>
#include <map>
#include <memory>

using namespace kedai;
using test::FakeCloudApi;
using test::FakeWaha;

namespace {

const QString kToken = QStringLiteral("wa-e2e-admin-token-0123456789");
const QString kOwner = QStringLiteral("628999000777");
const QByteArray kAppSecret = QByteArrayLiteral("wa-e2e-app-secret-5d1c09e7");
const QString kVerifyToken = QStringLiteral("wa-e2e-verify-token-81f2");
const QByteArray kWahaHmacKey = QByteArrayLiteral("wa-e2e-waha-hmac-key-3b9d");
const QString kWahaApiKey = QStringLiteral("wa-e2e-waha-api-key-77c1");
const QByteArray kListenerKey = QByteArrayLiteral("wa-e2e-Listener-Key-7f3a9c41");
const QString kCloudWebhook = QStringLiteral("/webhook/whatsapp");
const QString kWahaWebhook = QStringLiteral("/webhook/waha");
const QString kImageRefusal = QStringLiteral("Maaf, saya belum bisa membaca gambar");

using Headers = QList<QPair<QByteArray, QByteArray>>;

QString staticQris()
{
    for (const auto &s : test::loadQrisSamples()) {
        if (s.isStatic)
            return s.qris;
    }
    return {};
}

QString fixturePath(const QString &name)
{
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../..");
#endif
    return root + QStringLiteral("/tests/fixtures/whatsapp_cloud/") + name;
}

/// The "text" update of pywa_updates_message.json: the envelope every webhook here is built on.
QJsonObject envelopeFixture()
{
    QFile file(fixturePath(QStringLiteral("pywa_updates_message.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("text")).toObject();
}

QByteArray metaSignature(const QByteArray &body, const QByteArray &secret)
{
    return QByteArrayLiteral("sha256=")
           + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

Headers signedHeaders(const QByteArray &body, const QByteArray &secret = kAppSecret)
{
    return {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("X-Hub-Signature-256"), metaSignature(body, secret)}};
}

/// A Cloud API webhook carrying `messages` from `waId`, in the fixture's shape.
QByteArray cloudWebhook(const QString &phoneNumberId, const QString &waId, const QJsonArray &messages)
{
    QJsonObject root = envelopeFixture();
    QJsonArray entries = root.value(QStringLiteral("entry")).toArray();
    QJsonObject entry = entries.at(0).toObject();
    QJsonArray changes = entry.value(QStringLiteral("changes")).toArray();
    QJsonObject change = changes.at(0).toObject();
    QJsonObject value = change.value(QStringLiteral("value")).toObject();
    QJsonObject metadata = value.value(QStringLiteral("metadata")).toObject();
    metadata.insert(QStringLiteral("phone_number_id"), phoneNumberId);
    value.insert(QStringLiteral("metadata"), metadata);
    QJsonObject contact = value.value(QStringLiteral("contacts")).toArray().at(0).toObject();
    contact.insert(QStringLiteral("wa_id"), waId);
    contact.insert(QStringLiteral("profile"),
                   QJsonObject{{QStringLiteral("name"), QString(QStringLiteral("Pelanggan ") + waId.right(4))}});
    value.insert(QStringLiteral("contacts"), QJsonArray{contact});
    value.insert(QStringLiteral("messages"), messages);
    change.insert(QStringLiteral("value"), value);
    changes.replace(0, change);
    entry.insert(QStringLiteral("changes"), changes);
    entries.replace(0, entry);
    root.insert(QStringLiteral("entry"), entries);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject inbound(const QString &from, const QString &wamid, const QString &type)
{
    return {{QStringLiteral("from"), from},
            {QStringLiteral("id"), wamid},
            {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
            {QStringLiteral("type"), type}};
}

QJsonObject textMessage(const QString &from, const QString &wamid, const QString &body)
{
    QJsonObject m = inbound(from, wamid, QStringLiteral("text"));
    m.insert(QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), body}});
    return m;
}

/// A list_reply or button_reply to our interactive message `contextId`.
QJsonObject choiceMessage(const QString &from, const QString &wamid, const QString &kind, const QString &id,
                          const QString &title, const QString &contextId)
{
    QJsonObject m = inbound(from, wamid, QStringLiteral("interactive"));
    m.insert(QStringLiteral("context"),
             QJsonObject{{QStringLiteral("from"), QStringLiteral("1122334455667")}, {QStringLiteral("id"), contextId}});
    m.insert(QStringLiteral("interactive"),
             QJsonObject{{QStringLiteral("type"), kind},
                         {kind, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("title"), title}}}});
    return m;
}

QJsonObject imageMessage(const QString &from, const QString &wamid, const QString &mediaId)
{
    QJsonObject m = inbound(from, wamid, QStringLiteral("image"));
    m.insert(QStringLiteral("image"), QJsonObject{{QStringLiteral("mime_type"), QStringLiteral("image/jpeg")},
                                                  {QStringLiteral("sha256"), QStringLiteral("4654+8g=")},
                                                  {QStringLiteral("id"), mediaId}});
    return m;
}

QString wamid()
{
    return QStringLiteral("wamid.HBgM") + QString::number(QRandomGenerator::global()->generate64(), 36)
           + QStringLiteral("==");
}

/// What a customer reads in a sent message (text body, image caption or interactive body).
QString shownText(const FakeCloudApi::SentMessage &m)
{
    if (m.type == QLatin1String("text"))
        return m.body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString();
    if (m.type == QLatin1String("image"))
        return m.body.value(QStringLiteral("image")).toObject().value(QStringLiteral("caption")).toString();
    return m.body.value(QStringLiteral("interactive"))
        .toObject()
        .value(QStringLiteral("body"))
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

QList<FakeCloudApi::SentMessage> sentTo(const FakeCloudApi &fake, const QString &to)
{
    QList<FakeCloudApi::SentMessage> out;
    for (const auto &m : fake.sentMessages()) {
        if (m.to == to)
            out << m;
    }
    return out;
}

/// Waits until `to` received at least `count` messages; returns all of theirs.
QList<FakeCloudApi::SentMessage> waitSentTo(const FakeCloudApi &fake, const QString &to, int count,
                                            int timeoutMs = 15000)
{
    const QDeadlineTimer deadline(timeoutMs);
    auto got = sentTo(fake, to);
    while (got.size() < count && !deadline.hasExpired()) {
        QTest::qWait(25);
        got = sentTo(fake, to);
    }
    return got;
}

QList<test::WahaSentMessage> wahaTo(const FakeWaha &fake, const QString &chatId)
{
    QList<test::WahaSentMessage> out;
    for (const auto &m : fake.sentMessages()) {
        if (m.chatId == chatId)
            out << m;
    }
    return out;
}

QList<test::WahaSentMessage> waitWahaTo(const FakeWaha &fake, const QString &chatId, int count, int timeoutMs = 15000)
{
    const QDeadlineTimer deadline(timeoutMs);
    auto got = wahaTo(fake, chatId);
    while (got.size() < count && !deadline.hasExpired()) {
        QTest::qWait(25);
        got = wahaTo(fake, chatId);
    }
    return got;
}

/// A bot reply template of resources/templates/id.json, as written there.
QString templateText(const QString &key)
{
    QString root = qEnvironmentVariable("KEDAI_SOURCE_DIR");
#ifdef QT_TESTCASE_SOURCEDIR
    if (root.isEmpty())
        root = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../..");
#endif
    QFile file(root + QStringLiteral("/resources/templates/id.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(key).toString();
}

/// "Rp 15.000" -> 15000 (-1 when it is not that shape).
qint64 rupiah(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^Rp (\\d{1,3}(?:\\.\\d{3})*)$"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).remove(QLatin1Char('.')).toLongLong() : -1;
}

/// 15000 -> "Rp 15.000", as the bot writes amounts.
QString rupiahText(qint64 amount)
{
    QString digits = QString::number(amount);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char('.'));
    return QStringLiteral("Rp ") + digits;
}

QString captured(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern).match(text).captured(1);
}

QString describe(const test::HttpReply &r)
{
    return QStringLiteral("HTTP %1: %2").arg(r.status).arg(QString::fromUtf8(r.body.left(400)));
}

/// KEDAI_KEDAID_PATH runs another build of kedaid (e.g. one with a fix under test).
QString kedaidBinary()
{
    return qEnvironmentVariable("KEDAI_KEDAID_PATH", QStringLiteral(KEDAID_PATH));
}

quint16 freePort()
{
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

/// A kedaid that can be killed with SIGKILL and started again on the same data folder
/// (test::KedaidProcess only stops cleanly).
class KillableKedaid
{
public:
    ~KillableKedaid()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(20000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    bool start(const QHash<QString, QString> &env)
    {
        m_port = freePort();
        auto pe = QProcessEnvironment::systemEnvironment();
        for (auto it = env.begin(); it != env.end(); ++it)
            pe.insert(it.key(), it.value());
        pe.insert(QStringLiteral("KEDAI_LOG_LEVEL"), QStringLiteral("warn"));
        m_process.setProcessEnvironment(pe);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_log.filePath(QStringLiteral("kedaid.log")), QIODevice::Append);
        m_process.start(kedaidBinary(), {QStringLiteral("--http"), QStringLiteral("127.0.0.1:%1").arg(m_port)});
        if (!m_process.waitForStarted(10000))
            return false;
        test::SimClient probe(url(), {});
        const QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired()) {
            if (m_process.state() != QProcess::Running)
                return false;
            if (probe.request("GET", QStringLiteral("/healthz"), {}, {}, false).status == 200)
                return true;
            QThread::msleep(20);
        }
        return false;
    }
    /// SIGKILL: no shutdown code runs, as in a power cut of the process.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    int stop()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(30000))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QByteArray output() const
    {
        QFile f(m_log.filePath(QStringLiteral("kedaid.log")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private:
    QProcess m_process;
    QTemporaryDir m_log;
    quint16 m_port = 0;
};

} // namespace

class TestWhatsappE2e : public QObject
{
    Q_OBJECT

    struct Shop
    {
        QTemporaryDir dir;
        test::KedaidProcess process;
        std::unique_ptr<FakeCloudApi> cloud;
        std::unique_ptr<FakeWaha> waha;
        QString backend;
        QString schema; ///< PostgreSQL: dropped at the end
        QString redisUrl;
        QString databaseUrl;
    };

    std::map<QString, std::unique_ptr<Shop>> m_shops; ///< by backend
    int m_redisDbBase = 1 + int(QRandomGenerator::global()->bounded(10));
    int m_redisDbs = 0;
    bool m_anyFailed = false;
    int m_numbers = 0;

    static QString backendReady(const QString &backend)
    {
        if (backend != QLatin1String("postgres"))
            return {};
        if (qEnvironmentVariableIsEmpty("TEST_DATABASE_URL") || qEnvironmentVariableIsEmpty("TEST_REDIS_URL"))
            return QStringLiteral("TEST_DATABASE_URL or TEST_REDIS_URL is not set: the PostgreSQL + Redis row is "
                                  "skipped (make test sets them)");
        return {};
    }

    /// A wa_id no other test function uses.
    QString number()
    {
        return QStringLiteral("62813%1%2")
            .arg(QCoreApplication::applicationPid() % 1000, 3, 10, QLatin1Char('0'))
            .arg(++m_numbers, 4, 10, QLatin1Char('0'));
    }

    static QHash<QString, QString> baseEnv(const QString &dataDir)
    {
        return {{QStringLiteral("KEDAI_DATA_DIR"), dataDir},
                {QStringLiteral("KEDAI_DEMO"), QStringLiteral("1")},
                {QStringLiteral("KEDAI_ADMIN_TOKEN"), kToken},
                {QStringLiteral("OWNER_NUMBERS"), kOwner},
                {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("1000/60s")},
                {QStringLiteral("QRIS_STATIC"), staticQris()},
                {QStringLiteral("QRIS_LISTENER_KEY"), QString::fromLatin1(kListenerKey)},
                {QStringLiteral("QRIS_EXPIRY_MIN"), QString()},
                {QStringLiteral("WA_APP_SECRET"), QString::fromLatin1(kAppSecret)},
                {QStringLiteral("WA_VERIFY_TOKEN"), kVerifyToken},
                {QStringLiteral("WAHA_URL"), QString()},
                {QStringLiteral("WAHA_API_KEY"), QString()},
                {QStringLiteral("WAHA_SESSION"), QString()},
                {QStringLiteral("WAHA_HMAC_KEY"), QString()},
                {QStringLiteral("DATABASE_URL"), QString()},
                {QStringLiteral("REDIS_URL"), QString()}};
    }

    static void addCloud(QHash<QString, QString> &e, const FakeCloudApi &cloud)
    {
        e.insert(QStringLiteral("WA_PHONE_NUMBER_ID"), cloud.phoneNumberId());
        e.insert(QStringLiteral("WA_ACCESS_TOKEN"), cloud.accessToken());
        e.insert(QStringLiteral("WA_API_BASE_URL"), cloud.baseUrl());
    }

    static bool flushRedis(const QString &url)
    {
        auto config = cache::RedisConfig::fromUrl(url);
        if (!config)
            return false;
        cache::RedisConnection redis(config.value());
        return redis.command({QByteArrayLiteral("FLUSHDB")}).ok();
    }

    Shop *shop(const QString &backend)
    {
        if (auto it = m_shops.find(backend); it != m_shops.end())
            return it->second.get();
        auto s = std::make_unique<Shop>();
        s->backend = backend;
        s->cloud = std::make_unique<FakeCloudApi>();
        s->waha = std::make_unique<FakeWaha>(kWahaApiKey);
        if (!s->waha->start()) {
            qWarning("the fake WAHA did not start");
            return nullptr;
        }
        QHash<QString, QString> e = baseEnv(s->dir.path());
        addCloud(e, *s->cloud);
        e.insert(QStringLiteral("WAHA_URL"), s->waha->baseUrl());
        e.insert(QStringLiteral("WAHA_API_KEY"), kWahaApiKey);
        e.insert(QStringLiteral("WAHA_SESSION"), QStringLiteral("default"));
        e.insert(QStringLiteral("WAHA_HMAC_KEY"), QString::fromLatin1(kWahaHmacKey));
        if (backend == QLatin1String("postgres")) {
            s->schema = QStringLiteral("kedai_wae2e_") + QString::number(QRandomGenerator::global()->generate64(), 36);
            const QString base = qEnvironmentVariable("TEST_DATABASE_URL");
            s->databaseUrl = base + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
                             + QStringLiteral("schema=") + s->schema;
            e.insert(QStringLiteral("DATABASE_URL"), s->databaseUrl);
            QUrl redis(qEnvironmentVariable("TEST_REDIS_URL"));
            redis.setPath(QStringLiteral("/%1").arg(1 + (m_redisDbBase + m_redisDbs++) % 15));
            s->redisUrl = redis.toString();
            e.insert(QStringLiteral("REDIS_URL"), s->redisUrl);
            if (!flushRedis(s->redisUrl)) {
                qWarning("cannot empty the Redis database %s", qPrintable(s->redisUrl));
                return nullptr;
            }
        }
        if (!s->process.start(kedaidBinary(), e)) {
            qWarning("kedaid %s did not start:\n%s", qPrintable(backend), s->process.output().right(4000).constData());
            return nullptr;
        }
        return m_shops.emplace(backend, std::move(s)).first->second.get();
    }

    Shop *current()
    {
        QFETCH_GLOBAL(QString, backend);
        return shop(backend);
    }

    static test::SimClient client(const Shop *s) { return test::SimClient(s->process.url(), kToken); }

    static test::HttpReply postCloud(const Shop *s, const QByteArray &body, const Headers &headers)
    {
        return client(s).request("POST", kCloudWebhook, body, headers, false);
    }

    /// A signed webhook with one text message; the reply must be 200 with `stored` new messages.
    static test::HttpReply sendCloud(const Shop *s, const QString &from, const QString &text,
                                     const QString &id = wamid())
    {
        const QByteArray body = cloudWebhook(s->cloud->phoneNumberId(), from, {textMessage(from, id, text)});
        return postCloud(s, body, signedHeaders(body));
    }

    static test::HttpReply postWaha(const Shop *s, const QByteArray &body, const QByteArray &key)
    {
        return client(s).request("POST", kWahaWebhook, body, FakeWaha::webhookHeaders(body, key), false);
    }

    /// The owner tops up `phone` through the simulator; true when the bot confirmed it.
    static bool topUp(const Shop *s, const QString &phone, int amount)
    {
        test::SimClient c = client(s);
        const QStringList replies = c.ask(kOwner, QStringLiteral("addsaldo %1,%2").arg(phone).arg(amount), 1, 15000);
        if (replies.isEmpty() || !replies.first().contains(phone)) {
            qWarning("addsaldo: %s", qPrintable(replies.join(QStringLiteral(" | "))));
            return false;
        }
        return true;
    }

    /// A read-only connection to the shop's database (the SQLite file, or its PostgreSQL schema).
    QSqlDatabase database(const Shop *s, const QString &sqlitePath = {})
    {
        const QString name = QStringLiteral("wae2e-")
                             + (!sqlitePath.isEmpty() ? sqlitePath
                                : s->schema.isEmpty() ? s->backend
                                                      : s->schema);
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase db = QSqlDatabase::database(name);
            if (db.isOpen())
                return db;
        }
        if (s && s->backend == QLatin1String("postgres")) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            const auto url = store::PostgresUrl::parse(qEnvironmentVariable("TEST_DATABASE_URL"));
            if (!url)
                return db;
            db.setHostName(url->host);
            db.setPort(url->port);
            db.setDatabaseName(url->database);
            db.setUserName(url->user);
            db.setPassword(url->password);
            if (db.open())
                QSqlQuery(db).exec(QStringLiteral("SET search_path TO ") + s->schema);
            return db;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(sqlitePath.isEmpty() ? QDir(s->dir.path()).filePath(QStringLiteral("kedai.db"))
                                                : sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        db.open();
        return db;
    }

    /// The rows of a one-column query (each as a string); {"<error>"} when it failed.
    QStringList column(const Shop *s, const QString &sql, const QVariantList &args = {}, const QString &sqlitePath = {})
    {
        QSqlDatabase db = database(s, sqlitePath);
        QSqlQuery q(db);
        q.prepare(sql);
        for (const auto &a : args)
            q.addBindValue(a);
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return {QStringLiteral("<error>")};
        }
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

    int countOf(const Shop *s, const QString &sql, const QVariantList &args = {})
    {
        const QStringList r = column(s, sql, args);
        return r.size() == 1 ? r.first().toInt() : -1;
    }

    QJsonObject health(const Shop *s)
    {
        return client(s).request("GET", QStringLiteral("/healthz"), {}, {}, false).json();
    }

private Q_SLOTS:
    void initTestCase_data() { store::test::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY2(!envelopeFixture().isEmpty(), qPrintable(fixturePath(QStringLiteral("pywa_updates_message.json"))
                                                          + QStringLiteral(" is missing (set KEDAI_SOURCE_DIR)")));
        QVERIFY2(!staticQris().isEmpty(), "no static QRIS sample in tests/fixtures/qris/qris_samples_parsed.json");
        // The signature helper matches the published case of PROTOCOLS.md 1.3.
        QCOMPARE(QMessageAuthenticationCode::hash("test", "secret", QCryptographicHash::Sha256).toHex(),
                 QByteArrayLiteral("0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"));
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (const QString why = backendReady(backend); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void cleanup() { m_anyFailed = m_anyFailed || QTest::currentTestFailed(); }

    void cleanupTestCase()
    {
        QStringList problems;
        for (auto &[name, s] : m_shops) {
            if (m_anyFailed || qEnvironmentVariableIsSet("WA_E2E_VERBOSE"))
                qInfo("kedaid %s:\n%s", qPrintable(name), s->process.output().right(6000).constData());
            if (const int code = s->process.stop(); code != 0)
                problems << QStringLiteral("%1 stopped with %2").arg(name).arg(code);
            const QByteArray log = s->process.output();
            if (log.contains(kAppSecret) || log.contains(s->cloud->accessToken().toUtf8())
                || log.contains(kWahaHmacKey))
                problems << name + QStringLiteral(" logged a secret");
            if (!s->schema.isEmpty()) {
                QSqlDatabase::removeDatabase(QStringLiteral("wae2e-") + s->schema);
                if (!store::test::postgresAdmin(QStringLiteral("DROP SCHEMA IF EXISTS ") + s->schema
                                                + QStringLiteral(" CASCADE")))
                    problems << QStringLiteral("schema %1 not dropped").arg(s->schema);
            }
            if (!s->redisUrl.isEmpty())
                flushRedis(s->redisUrl);
        }
        m_shops.clear();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    }

    // 1. Meta's verification GET.
    void verificationAnswersTheChallengeOnlyForTheToken()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        test::SimClient c = client(s);
        const auto verify = [&](const QString &token) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("hub.mode"), QStringLiteral("subscribe"));
            q.addQueryItem(QStringLiteral("hub.challenge"), QStringLiteral("1158201444"));
            q.addQueryItem(QStringLiteral("hub.verify_token"), token);
            return c.request("GET", kCloudWebhook + QLatin1Char('?') + q.toString(QUrl::FullyEncoded), {}, {}, false);
        };
        const test::HttpReply right = verify(kVerifyToken);
        QVERIFY2(right.status == 200, qPrintable(describe(right)));
        QCOMPARE(right.body, QByteArrayLiteral("1158201444"));
        QCOMPARE(verify(QStringLiteral("not-the-token")).status, 403);
        QCOMPARE(verify(QString()).status, 403);
    }

    // 2. Unsigned or badly signed webhooks are refused before anything is read.
    void badSignaturesAreRefusedAndNothingIsStored()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        const QString id = wamid();
        const QByteArray body = cloudWebhook(s->cloud->phoneNumberId(), who,
                                             {textMessage(who, id, QStringLiteral("saldo"))});
        const QByteArray json = QByteArrayLiteral("application/json");
        const QList<QPair<QString, Headers>> cases = {
            {QStringLiteral("missing"), {{"Content-Type", json}}},
            {QStringLiteral("garbage"), {{"Content-Type", json}, {"X-Hub-Signature-256", "sha256=00ff"}}},
            {QStringLiteral("other secret"), signedHeaders(body, "another-app-secret")},
            {QStringLiteral("access token as key"), signedHeaders(body, s->cloud->accessToken().toUtf8())},
            {QStringLiteral("other body"),
             {{"Content-Type", json}, {"X-Hub-Signature-256", metaSignature(body + ' ', kAppSecret)}}},
            {QStringLiteral("no prefix"),
             {{"Content-Type", json}, {"X-Hub-Signature-256", metaSignature(body, kAppSecret).mid(7)}}},
        };
        for (const auto &[name, headers] : cases) {
            const test::HttpReply r = postCloud(s, body, headers);
            QVERIFY2(r.status == 401, qPrintable(name + QStringLiteral(": ") + describe(r)));
        }
        QTest::qWait(1500); // a reply, had one been queued, would have gone by now
        QCOMPARE(sentTo(*s->cloud, who).size(), 0);
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM inbox WHERE external_id = ?"), {id}), 0);
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM customer_identities WHERE external_id = ?"), {who}),
                 0);
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM customers WHERE phone = ?"), {who}), 0);

        // The very same bytes, signed right, go through: the refusals were about the signature.
        const test::HttpReply ok = postCloud(s, body, signedHeaders(body));
        QVERIFY2(ok.status == 200, qPrintable(describe(ok)));
        QCOMPARE(ok.json().value(QStringLiteral("stored")).toInt(), 1);
        const auto replies = waitSentTo(*s->cloud, who, 1);
        QCOMPARE(replies.size(), 1);
        QVERIFY2(shownText(replies.first()).contains(QStringLiteral("Saldo Anda")),
                 qPrintable(shownText(replies.first())));
    }

    // 3. buy from saldo, and Meta delivering the same webhook twice.
    void buyDeliversTheItemOnceForARedeliveredWebhook()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        QVERIFY(topUp(s, who, 100000));
        const QString id = wamid();
        const QByteArray body = cloudWebhook(s->cloud->phoneNumberId(), who,
                                             {textMessage(who, id, QStringLiteral("buy NF1 1"))});
        const test::HttpReply first = postCloud(s, body, signedHeaders(body));
        QVERIFY2(first.status == 200, qPrintable(describe(first)));
        QCOMPARE(first.json().value(QStringLiteral("stored")).toInt(), 1);
        const test::HttpReply again = postCloud(s, body, signedHeaders(body));
        QVERIFY2(again.status == 200, qPrintable(describe(again)));
        QCOMPARE(again.json().value(QStringLiteral("stored")).toInt(), 0);
        QCOMPARE(again.json().value(QStringLiteral("duplicates")).toInt(), 1);

        const auto replies = waitSentTo(*s->cloud, who, 1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.first().type, QStringLiteral("text"));
        const QString delivery = shownText(replies.first());
        QVERIFY2(delivery.contains(QStringLiteral("Pembelian berhasil"))
                     && delivery.contains(QStringLiteral("Netflix Premium 1 Bulan")),
                 qPrintable(delivery));
        QVERIFY2(delivery.contains(QStringLiteral("*Item 1*")) && delivery.contains(QStringLiteral("demo.nf1."))
                     && delivery.contains(QStringLiteral("@kedai.test")),
                 qPrintable(delivery));
        // The customer's message was marked as read.
        bool read = false;
        for (int i = 0; i < 100 && !read; ++i) {
            for (const auto &r : s->cloud->readReceipts())
                read = read || r.messageId == id;
            if (!read)
                QTest::qWait(20);
        }
        QVERIFY2(read, "no mark-as-read for the customer's message");

        QTest::qWait(1000);
        QCOMPARE(sentTo(*s->cloud, who).size(), 1);
        const QString customerOf = QStringLiteral(
            "(SELECT customer_id FROM customer_identities WHERE channel = 'whatsapp' AND external_id = ?)");
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM orders WHERE customer_id = ") + customerOf, {who}), 1);
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM inbox WHERE channel = 'whatsapp' AND external_id = ?"),
                         {id}),
                 1);
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE channel = 'whatsapp' AND recipient = ?"),
                         {who}),
                 1);
    }

    // 4. buynow: the QR image is uploaded and sent by its media id.
    void buynowUploadsTheQrisAndSendsItById()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        const int uploadsBefore = int(s->cloud->uploads().size());
        QCOMPARE(sendCloud(s, who, QStringLiteral("buynow FF100 1")).status, 200);
        const auto replies = waitSentTo(*s->cloud, who, 1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.first().type, QStringLiteral("image"));
        const QJsonObject image = replies.first().body.value(QStringLiteral("image")).toObject();
        QVERIFY2(!image.contains(QStringLiteral("link")), "the image went by link, not by upload");
        const auto uploads = s->cloud->uploads();
        QCOMPARE(uploads.size(), uploadsBefore + 1);
        const auto &upload = uploads.last();
        QCOMPARE(upload.mimeType, QStringLiteral("image/png"));
        QVERIFY(upload.bytes.startsWith("\x89PNG"));
        QCOMPARE(image.value(QStringLiteral("id")).toString(), upload.mediaId);
        const QString caption = image.value(QStringLiteral("caption")).toString();
        QVERIFY2(caption.contains(QStringLiteral("Free Fire 100 Diamond")), qPrintable(caption));
        // Release the reserved stock for the other functions.
        QCOMPARE(sendCloud(s, who, QStringLiteral("batal")).status, 200);
        QVERIFY(shownText(waitSentTo(*s->cloud, who, 2).value(1)).contains(QStringLiteral("dibatalkan")));
    }

    // 5. The catalog as a list; a chosen row and a pressed button act as commands.
    void stokListRowsAndButtonsDriveTheBot()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        QVERIFY(topUp(s, who, 100000));
        QCOMPARE(sendCloud(s, who, QStringLiteral("stok")).status, 200);
        auto replies = waitSentTo(*s->cloud, who, 1);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.first().type, QStringLiteral("interactive"));
        const QJsonObject list = replies.first().body.value(QStringLiteral("interactive")).toObject();
        QCOMPARE(list.value(QStringLiteral("type")).toString(), QStringLiteral("list"));
        QStringList ids;
        QString nf1Title;
        for (const auto &section :
             list.value(QStringLiteral("action")).toObject().value(QStringLiteral("sections")).toArray()) {
            for (const auto &row : section.toObject().value(QStringLiteral("rows")).toArray()) {
                const QString rowId = row.toObject().value(QStringLiteral("id")).toString();
                ids << rowId;
                if (rowId.contains(QLatin1String("NF1")))
                    nf1Title = row.toObject().value(QStringLiteral("title")).toString();
            }
        }
        QVERIFY2(!ids.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(list).toJson())));
        for (const QString &rowId : ids)
            QVERIFY2(rowId.startsWith(QLatin1String("cmd:")), qPrintable(rowId));
        const QString nf1Row = ids.filter(QStringLiteral("NF1")).value(0);
        QVERIFY2(!nf1Row.isEmpty(), qPrintable(ids.join(QLatin1Char(' '))));

        const auto post = [&](const QJsonObject &m) {
            const QByteArray body = cloudWebhook(s->cloud->phoneNumberId(), who, {m});
            return postCloud(s, body, signedHeaders(body)).status;
        };
        QCOMPARE(post(choiceMessage(who, wamid(), QStringLiteral("list_reply"), nf1Row, nf1Title, replies.first().id)),
                 200);
        replies = waitSentTo(*s->cloud, who, 2);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(1).type, QStringLiteral("interactive"));
        const QJsonObject buttons = replies.at(1).body.value(QStringLiteral("interactive")).toObject();
        QCOMPARE(buttons.value(QStringLiteral("type")).toString(), QStringLiteral("button"));
        QVERIFY2(shownText(replies.at(1)).contains(QStringLiteral("Netflix Premium 1 Bulan")),
                 qPrintable(shownText(replies.at(1))));
        QString buyTitle;
        for (const auto &b :
             buttons.value(QStringLiteral("action")).toObject().value(QStringLiteral("buttons")).toArray()) {
            const QJsonObject reply = b.toObject().value(QStringLiteral("reply")).toObject();
            if (reply.value(QStringLiteral("id")).toString() == QLatin1String("cmd:buy NF1 1"))
                buyTitle = reply.value(QStringLiteral("title")).toString();
        }
        QVERIFY2(!buyTitle.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(buttons).toJson())));

        QCOMPARE(post(choiceMessage(who, wamid(), QStringLiteral("button_reply"), QStringLiteral("cmd:buy NF1 1"),
                                    buyTitle, replies.at(1).id)),
                 200);
        replies = waitSentTo(*s->cloud, who, 3);
        QCOMPARE(replies.size(), 3);
        const QString delivery = shownText(replies.at(2));
        QVERIFY2(delivery.contains(QStringLiteral("Pembelian berhasil"))
                     && delivery.contains(QStringLiteral("demo.nf1.")),
                 qPrintable(delivery));
    }

    // 6. Meta's status webhooks reach the outbox.
    void statusWebhooksMarkTheOutboxDelivered()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        const int before = s->cloud->statusWebhooksDelivered();
        s->cloud->setStatusWebhook(QUrl(s->process.url() + kCloudWebhook), kAppSecret, s->cloud->phoneNumberId());
        QCOMPARE(sendCloud(s, who, QStringLiteral("saldo")).status, 200);
        const auto replies = waitSentTo(*s->cloud, who, 1);
        QCOMPARE(replies.size(), 1);
        const QString sql = QStringLiteral("SELECT delivery FROM outbox WHERE channel = 'whatsapp' AND recipient = ? "
                                           "AND external_id = ?");
        QStringList delivery;
        const QDeadlineTimer deadline(10000);
        do {
            delivery = column(s, sql, {who, replies.first().id});
            if (delivery == QStringList{QStringLiteral("delivered")})
                break;
            QTest::qWait(50);
        } while (!deadline.hasExpired());
        s->cloud->setStatusWebhook({}, {}, {});
        QCOMPARE(delivery, QStringList{QStringLiteral("delivered")});
        QVERIFY(s->cloud->statusWebhooksDelivered() >= before + 2); // sent, then delivered
    }

    // 7 + 10. Both channels down at once: everything queued goes out after, once.
    void outageThenEveryReplyArrivesOnce()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        constexpr int kCloudOutageMs = 30000;
        constexpr int kWahaOutageMs = 12000;
        QElapsedTimer clock;
        clock.start();
        s->cloud->failAllFor(std::chrono::milliseconds(kCloudOutageMs), 503, 131016);
        const QDateTime outageEnds = QDateTime::currentDateTimeUtc().addMSecs(kCloudOutageMs - 100);
        s->waha->failAllFor(kWahaOutageMs, 503);
        QStringList cloudCustomers, wahaCustomers;
        for (int i = 0; i < 5; ++i) {
            cloudCustomers << number();
            const test::HttpReply r = sendCloud(s, cloudCustomers.last(), QStringLiteral("saldo"));
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
        }
        for (int i = 0; i < 3; ++i) {
            wahaCustomers << number();
            const QByteArray body = FakeWaha::messageEvent(
                wahaCustomers.last(), QStringLiteral("false_%1@c.us_%2").arg(wahaCustomers.last()).arg(i),
                QStringLiteral("saldo"));
            const test::HttpReply r = postWaha(s, body, kWahaHmacKey);
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
        }
        const auto allArrived = [&] {
            for (const QString &w : cloudCustomers) {
                if (sentTo(*s->cloud, w).isEmpty())
                    return false;
            }
            for (const QString &w : wahaCustomers) {
                if (wahaTo(*s->waha, w + QStringLiteral("@c.us")).isEmpty())
                    return false;
            }
            return true;
        };
        qint64 wahaDoneAt = -1;
        while (!allArrived() && clock.elapsed() < kCloudOutageMs + 45000) {
            if (wahaDoneAt < 0) {
                bool done = true;
                for (const QString &w : wahaCustomers)
                    done = done && !wahaTo(*s->waha, w + QStringLiteral("@c.us")).isEmpty();
                if (done)
                    wahaDoneAt = clock.elapsed();
            }
            QTest::qWait(50);
        }
        const qint64 doneAt = clock.elapsed();
        if (wahaDoneAt < 0)
            wahaDoneAt = doneAt;
        qInfo("outage: WAHA (down %d ms) answered every customer %lld ms after it recovered; the Cloud API (down "
              "%d ms) %lld ms after it recovered",
              kWahaOutageMs, wahaDoneAt - kWahaOutageMs, kCloudOutageMs, doneAt - kCloudOutageMs);
        QVERIFY2(allArrived(), "some replies never arrived after the outage");
        QTest::qWait(1000); // a second copy, had one been sent, would be here by now
        for (const QString &w : cloudCustomers) {
            const auto got = sentTo(*s->cloud, w);
            QCOMPARE(got.size(), 1);
            QVERIFY2(shownText(got.first()).contains(QStringLiteral("Saldo Anda")), qPrintable(shownText(got.first())));
            QVERIFY(got.first().receivedAt >= outageEnds);
        }
        for (const QString &w : wahaCustomers) {
            const auto got = wahaTo(*s->waha, w + QStringLiteral("@c.us"));
            QCOMPARE(got.size(), 1);
            QVERIFY2(got.first().text.contains(QStringLiteral("Saldo Anda")), qPrintable(got.first().text));
        }
        QVERIFY2(clock.elapsed() >= kCloudOutageMs, "the replies arrived during the outage");
    }

    // 8. An expired access token: health says so, and the replies wait for the new one.
    void expiredTokenIsReportedAndRepliesWait()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        QCOMPARE(health(s).value(QStringLiteral("channels")).toObject().value(QStringLiteral("whatsapp")).toString(),
                 QStringLiteral("ok"));
        s->cloud->expireToken();
        QCOMPARE(sendCloud(s, who, QStringLiteral("saldo")).status, 200);
        QJsonObject h;
        const QDeadlineTimer deadline(15000);
        do {
            h = health(s);
            if (h.value(QStringLiteral("channels")).toObject().value(QStringLiteral("whatsapp")).toString()
                == QLatin1String("token_expired"))
                break;
            QTest::qWait(50);
        } while (!deadline.hasExpired());
        const QJsonObject channels = h.value(QStringLiteral("channels")).toObject();
        QCOMPARE(channels.value(QStringLiteral("whatsapp")).toString(), QStringLiteral("token_expired"));
        QCOMPARE(channels.value(QStringLiteral("waha")).toString(), QStringLiteral("ok"));
        QCOMPARE(channels.value(QStringLiteral("simulator")).toString(), QStringLiteral("ok"));
        QStringList alerts;
        for (const auto &a : h.value(QStringLiteral("alerts")).toArray())
            alerts << a.toString();
        QVERIFY2(alerts.filter(QStringLiteral("190")).size() == 1, qPrintable(alerts.join(QStringLiteral(" | "))));
        QCOMPARE(sentTo(*s->cloud, who).size(), 0);

        QElapsedTimer sinceRenew;
        s->cloud->renewToken();
        sinceRenew.start();
        const auto replies = waitSentTo(*s->cloud, who, 1, 40000);
        qInfo("token: the reply arrived %lld ms after the token was renewed", sinceRenew.elapsed());
        QCOMPARE(replies.size(), 1);
        QVERIFY(shownText(replies.first()).contains(QStringLiteral("Saldo Anda")));
        QCOMPARE(health(s).value(QStringLiteral("channels")).toObject().value(QStringLiteral("whatsapp")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(health(s).value(QStringLiteral("alerts")).toArray().size(), 0);
    }

    // 9. A picture is kept and answered politely.
    void inboundImageIsDownloadedAndAnswered()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        QByteArray bytes("\xff\xd8\xff\xe0 wa-e2e jpeg ");
        bytes += who.toLatin1();
        const QString mediaId = s->cloud->addMedia(bytes, QStringLiteral("image/jpeg"));
        const QByteArray body = cloudWebhook(s->cloud->phoneNumberId(), who, {imageMessage(who, wamid(), mediaId)});
        QCOMPARE(postCloud(s, body, signedHeaders(body)).status, 200);
        const auto replies = waitSentTo(*s->cloud, who, 1);
        QCOMPARE(replies.size(), 1);
        QVERIFY2(shownText(replies.first()).contains(kImageRefusal), qPrintable(shownText(replies.first())));
        const QDir inboundDir(QDir(s->dir.path()).filePath(QStringLiteral("media/inbound")));
        QStringList matching;
        for (const QFileInfo &f : inboundDir.entryInfoList(QDir::Files)) {
            QFile file(f.absoluteFilePath());
            if (file.open(QIODevice::ReadOnly) && file.readAll() == bytes)
                matching << f.fileName();
        }
        QVERIFY2(matching.size() == 1, qPrintable(inboundDir.path() + QStringLiteral(": ")
                                                  + inboundDir.entryList(QDir::Files).join(QLatin1Char(' '))));
        const QStringList recorded = column(
            s, QStringLiteral("SELECT media_path FROM inbox WHERE channel = 'whatsapp' AND from_id = ?"), {who});
        QCOMPARE(recorded.size(), 1);
        QVERIFY2(recorded.first().endsWith(matching.first()), qPrintable(recorded.first()));
    }

    // 10. WAHA: the HMAC, a purchase, our own messages.
    void wahaSignedBuyDeliversAndOwnMessagesAreIgnored()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        const QString chatId = who + QStringLiteral("@c.us");
        QVERIFY(topUp(s, who, 100000));
        const QString id = QStringLiteral("false_%1_3EB0C1A2B3C4D5E6F7").arg(chatId);
        const QByteArray body = FakeWaha::messageEvent(who, id, QStringLiteral("buy SPO1 1"));
        test::SimClient c = client(s);
        const QByteArray json = QByteArrayLiteral("application/json");
        QCOMPARE(c.request("POST", kWahaWebhook, body, {{"Content-Type", json}}, false).status, 401);
        QCOMPARE(c.request("POST", kWahaWebhook, body,
                           {{"Content-Type", json},
                            {"X-Webhook-Hmac", FakeWaha::hmac(body, "other-key")},
                            {"X-Webhook-Hmac-Algorithm", "sha512"}},
                           false)
                     .status,
                 401);
        QCOMPARE(c.request("POST", kWahaWebhook, body,
                           {{"Content-Type", json}, {"X-Webhook-Hmac", FakeWaha::hmac(body + ' ', kWahaHmacKey)}},
                           false)
                     .status,
                 401);
        QTest::qWait(1000);
        QCOMPARE(wahaTo(*s->waha, chatId).size(), 0);
        QCOMPARE(countOf(s,
                         QStringLiteral("SELECT COUNT(*) FROM inbox WHERE channel = 'waha'")
                             + QStringLiteral(" AND external_id = ?"),
                         {id}),
                 0);

        const test::HttpReply ok = postWaha(s, body, kWahaHmacKey);
        QVERIFY2(ok.status == 200, qPrintable(describe(ok)));
        QCOMPARE(postWaha(s, body, kWahaHmacKey).json().value(QStringLiteral("duplicates")).toInt(), 1);
        const auto got = waitWahaTo(*s->waha, chatId, 1);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().endpoint, QStringLiteral("sendText"));
        QCOMPARE(got.first().session, QStringLiteral("default"));
        QVERIFY2(got.first().text.contains(QStringLiteral("Pembelian berhasil"))
                     && got.first().text.contains(QStringLiteral("Spotify Premium 1 Bulan"))
                     && got.first().text.contains(QStringLiteral("demo.spo1.")),
                 qPrintable(got.first().text));
        for (const auto &r : s->waha->requests())
            QCOMPARE(r.apiKey, kWahaApiKey.toUtf8());

        // Our own message (message.any) and a fromMe echo: nothing stored, nothing answered.
        const QString self = number();
        test::WahaEventOptions own;
        own.fromMe = true;
        const QString ownId = QStringLiteral("true_%1@c.us_3EB0AA").arg(self);
        const test::HttpReply echo = postWaha(s, FakeWaha::messageEvent(self, ownId, QStringLiteral("saldo"), own),
                                              kWahaHmacKey);
        QVERIFY2(echo.status == 200, qPrintable(describe(echo)));
        QCOMPARE(echo.json().value(QStringLiteral("stored")).toInt(), 0);
        own.event = QStringLiteral("message.any");
        const test::HttpReply any = postWaha(
            s, FakeWaha::messageEvent(self, ownId + QLatin1Char('B'), QStringLiteral("stok"), own), kWahaHmacKey);
        QVERIFY2(any.status == 200, qPrintable(describe(any)));
        QCOMPARE(any.json().value(QStringLiteral("stored")).toInt(), 0);
        QTest::qWait(1000);
        QCOMPARE(wahaTo(*s->waha, self + QStringLiteral("@c.us")).size(), 0);
        QCOMPARE(countOf(s, QStringLiteral("SELECT COUNT(*) FROM inbox WHERE channel = 'waha' AND from_id LIKE ?"),
                         {QString(self + QLatin1Char('%'))}),
                 0);
    }

    // 11. WAHA: buynow sends the QRIS as a PNG image; stok and cari come back as plain text, and
    // a number answers the choices listed under the text.
    void wahaBuynowSendsTheQrisImageAndStokIsText()
    {
        Shop *s = current();
        QVERIFY2(s, "kedaid did not start");
        const QString who = number();
        const QString chatId = who + QStringLiteral("@c.us");
        int sent = 0;
        // The customer writes `text` through the signed WAHA webhook; returns the reply it gets.
        const auto say = [&](const QString &text) {
            const QString id = QStringLiteral("false_%1_3EB0%2").arg(chatId).arg(++sent, 16, 10, QLatin1Char('0'));
            const test::HttpReply r = postWaha(s, FakeWaha::messageEvent(who, id, text), kWahaHmacKey);
            if (r.status != 200 || r.json().value(QStringLiteral("stored")).toInt() != 1) {
                qWarning("%s: %s", qPrintable(text), qPrintable(describe(r)));
                return test::WahaSentMessage{};
            }
            const auto got = waitWahaTo(*s->waha, chatId, sent);
            return got.size() == sent ? got.last() : test::WahaSentMessage{};
        };
        const QString unknownStart = templateText(QStringLiteral("unknown")).section(QLatin1Char('"'), 0, 0);
        QVERIFY(!unknownStart.isEmpty());

        // buynow: one sendImage whose file is the QR as a PNG, the amount to pay in its caption.
        const test::WahaSentMessage invoice = say(QStringLiteral("buynow FF100 1"));
        QCOMPARE(invoice.endpoint, QStringLiteral("sendImage"));
        QCOMPARE(invoice.session, QStringLiteral("default"));
        const QJsonObject file = invoice.body.value(QStringLiteral("file")).toObject();
        QCOMPARE(file.value(QStringLiteral("mimetype")).toString(), QStringLiteral("image/png"));
        QVERIFY2(file.value(QStringLiteral("filename")).toString().endsWith(QLatin1String(".png")),
                 qPrintable(file.value(QStringLiteral("filename")).toString()));
        const auto decoded = QByteArray::fromBase64Encoding(file.value(QStringLiteral("data")).toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY2(decoded, "file.data is not base64");
        const QByteArray png = decoded.decoded;
        QVERIFY2(png.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1a\n")), png.left(16).toHex().constData());
        QCOMPARE(png.mid(12, 4), QByteArrayLiteral("IHDR"));
        QVERIFY2(png.endsWith(QByteArrayLiteral("\0\0\0\0IEND\xae\x42\x60\x82")), png.right(12).toHex().constData());
        const quint32 width = qFromBigEndian<quint32>(png.constData() + 16);
        const quint32 height = qFromBigEndian<quint32>(png.constData() + 20);
        qInfo("buynow over WAHA: a %u x %u PNG of %lld bytes", width, height, qint64(png.size()));
        QVERIFY2(width >= 150 && width <= 4096 && height >= width && height <= 2 * width,
                 qPrintable(QStringLiteral("%1 x %2").arg(width).arg(height)));
        QVERIFY(png.size() > 300);
        const QString caption = invoice.text;
        QCOMPARE(invoice.body.value(QStringLiteral("caption")).toString(), caption);
        const QString ref = captured(caption, QStringLiteral("Pesanan ([A-Z0-9-]+)\\*"));
        const qint64 total = rupiah(captured(caption, QStringLiteral("Total: (Rp [\\d.]+)")));
        const qint64 code = rupiah(captured(caption, QStringLiteral("Kode unik: (Rp [\\d.]+)")));
        const qint64 payable = rupiah(captured(caption, QStringLiteral("Bayar tepat: (Rp [\\d.]+)\\*")));
        QVERIFY2(!ref.isEmpty() && caption.contains(QStringLiteral("Free Fire 100 Diamond")), qPrintable(caption));
        QVERIFY2(total == 15000 && code >= 1 && code < 1000 && payable == total + code, qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("tepat ") + rupiahText(payable)), qPrintable(caption));

        // batal frees the reserved stock for the other functions, naming the same ref and amount.
        const test::WahaSentMessage cancelled = say(QStringLiteral("batal"));
        QCOMPARE(cancelled.endpoint, QStringLiteral("sendText"));
        QVERIFY2(cancelled.text.contains(QStringLiteral("dibatalkan")) && cancelled.text.contains(ref)
                     && cancelled.text.contains(rupiahText(payable)),
                 qPrintable(cancelled.text));

        // stok: the catalog as plain text (WAHA shows no lists), not the list's JSON.
        const test::WahaSentMessage catalog = say(QStringLiteral("stok"));
        QCOMPARE(catalog.endpoint, QStringLiteral("sendText"));
        const QString catalogHeader = templateText(QStringLiteral("catalog.header")).section(QLatin1Char('{'), 0, 0);
        QVERIFY2(catalog.text.startsWith(catalogHeader), qPrintable(catalog.text));
        for (const char *product : {"NF1", "NF3", "SPO1", "FF100", "GP50"})
            QVERIFY2(catalog.text.contains(QStringLiteral("*%1*").arg(QLatin1String(product))),
                     qPrintable(catalog.text));
        QVERIFY2(!catalog.text.contains(QLatin1String("cmd:")) && !catalog.text.contains(QLatin1String("\"sections\""))
                     && !catalog.text.trimmed().startsWith(QLatin1Char('{')),
                 qPrintable(catalog.text));

        // cari NF1: one product, so the text ends with its buttons as numbered choices.
        const test::WahaSentMessage found = say(QStringLiteral("cari NF1"));
        QCOMPARE(found.endpoint, QStringLiteral("sendText"));
        const QString choices = QStringLiteral("\n\n1. %1\n2. %2\n3. %3\n\n%4")
                                    .arg(templateText(QStringLiteral("button.buy_saldo")),
                                         templateText(QStringLiteral("button.buy_qris")),
                                         templateText(QStringLiteral("button.menu")),
                                         templateText(QStringLiteral("choice.hint")));
        QVERIFY2(found.text.contains(QStringLiteral("Netflix Premium 1 Bulan")) && found.text.endsWith(choices),
                 qPrintable(found.text));
        QVERIFY2(!found.text.contains(QLatin1String("cmd:")), qPrintable(found.text));

        // "1" is "buy NF1 1" from saldo: with no saldo, the shortfall, not "unknown command".
        const test::WahaSentMessage answer = say(QStringLiteral("1"));
        QCOMPARE(answer.endpoint, QStringLiteral("sendText"));
        const QString refusal = templateText(QStringLiteral("buy.insufficient_saldo")).section(QLatin1Char('\n'), 0, 0);
        QVERIFY(!refusal.isEmpty());
        QVERIFY2(!answer.text.startsWith(unknownStart), qPrintable(answer.text));
        QVERIFY2(answer.text.startsWith(refusal) && answer.text.contains(QStringLiteral("Total: Rp 35.000"))
                     && answer.text.contains(QStringLiteral("Kurang: Rp 35.000")),
                 qPrintable(answer.text));

        // With saldo, the same answer buys: the delivery arrives.
        QVERIFY(topUp(s, who, 100000));
        QCOMPARE(say(QStringLiteral("cari NF1")).text, found.text);
        const test::WahaSentMessage delivery = say(QStringLiteral("1"));
        QVERIFY2(delivery.text.contains(QStringLiteral("Pembelian berhasil"))
                     && delivery.text.contains(QStringLiteral("Netflix Premium 1 Bulan"))
                     && delivery.text.contains(QStringLiteral("demo.nf1.")),
                 qPrintable(delivery.text));

        // Nothing more than one reply per message, and the one image was the invoice.
        QTest::qWait(1000);
        const auto all = wahaTo(*s->waha, chatId);
        QStringList endpoints;
        for (const auto &m : all)
            endpoints << m.endpoint;
        QCOMPARE(endpoints,
                 (QStringList{QStringLiteral("sendImage"), QStringLiteral("sendText"), QStringLiteral("sendText"),
                              QStringLiteral("sendText"), QStringLiteral("sendText"), QStringLiteral("sendText"),
                              QStringLiteral("sendText")}));
        for (const auto &r : s->waha->requests())
            QCOMPARE(r.apiKey, kWahaApiKey.toUtf8());
    }

    // 12. kill -9 in the middle of sending: every reply still arrives (at least once). On
    // PostgreSQL the restarted kedaid must requeue the killed one's claims at once (its claimer
    // lock is free), not after MessageRepository::kStuckAfter: the 30 s below would not do.
    void killedWhileSendingEveryReplyArrives()
    {
        QFETCH_GLOBAL(QString, backend);
        const bool postgres = backend == QLatin1String("postgres");
        constexpr int kCustomers = 120;
        constexpr int kPerWebhook = 10;
        const QList<int> killAfter = {25, 60, 95}; // replies received before each kill

        QTemporaryDir dir;
        FakeCloudApi cloud;
        cloud.setLatency(60);
        QHash<QString, QString> env = baseEnv(dir.path());
        addCloud(env, cloud);
        // PostgreSQL: a schema and a Redis database of its own, read through `pg` (a Shop with no
        // kedaid). Dropped when the function returns, after the kedaid below is gone.
        Shop pg;
        pg.backend = backend;
        if (postgres) {
            pg.schema = QStringLiteral("kedai_wae2e_crash_")
                        + QString::number(QRandomGenerator::global()->generate64(), 36);
            const QString base = qEnvironmentVariable("TEST_DATABASE_URL");
            pg.databaseUrl = base + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
                             + QStringLiteral("schema=") + pg.schema;
            env.insert(QStringLiteral("DATABASE_URL"), pg.databaseUrl);
            QUrl redis(qEnvironmentVariable("TEST_REDIS_URL"));
            redis.setPath(QStringLiteral("/%1").arg(1 + (m_redisDbBase + m_redisDbs++) % 15));
            pg.redisUrl = redis.toString();
            env.insert(QStringLiteral("REDIS_URL"), pg.redisUrl);
            QVERIFY2(flushRedis(pg.redisUrl), qPrintable(QStringLiteral("cannot empty ") + pg.redisUrl));
        }
        const auto dropSchema = [&] {
            if (pg.schema.isEmpty())
                return true;
            QSqlDatabase::removeDatabase(QStringLiteral("wae2e-") + pg.schema);
            const bool dropped = store::test::postgresAdmin(QStringLiteral("DROP SCHEMA IF EXISTS ") + pg.schema
                                                            + QStringLiteral(" CASCADE"));
            flushRedis(pg.redisUrl);
            pg.schema.clear();
            return dropped;
        };
        const auto dropOnReturn = qScopeGuard([&] { dropSchema(); });
        // The outbox: the PostgreSQL schema, or the SQLite file.
        const Shop *outboxShop = postgres ? &pg : nullptr;
        const QString newline = postgres ? QStringLiteral("chr(10)") : QStringLiteral("char(10)");
        KillableKedaid kedaid;
        QVERIFY2(kedaid.start(env), kedaid.output().right(3000).constData());

        QStringList customers;
        QElapsedTimer clock;
        clock.start();
        for (int w = 0; w < kCustomers / kPerWebhook; ++w) {
            // One POST carries several messages (and contacts), as Meta may batch them.
            QJsonArray messages;
            for (int i = 0; i < kPerWebhook; ++i) {
                customers << QStringLiteral("628140%1").arg(customers.size(), 6, 10, QLatin1Char('0'));
                messages << textMessage(customers.last(), wamid(), QStringLiteral("saldo"));
            }
            QByteArray body = cloudWebhook(cloud.phoneNumberId(), customers.last(), messages);
            const test::HttpReply r = test::SimClient(kedaid.url(), kToken)
                                          .request("POST", kCloudWebhook, body, signedHeaders(body), false);
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
            QCOMPARE(r.json().value(QStringLiteral("stored")).toInt(), kPerWebhook);
        }
        QStringList kills;
        for (const int after : killAfter) {
            if (!cloud.waitForMessages(after, 20000))
                break;
            kedaid.kill();
            const int atKill = int(cloud.sentMessages().size());
            QTest::qWait(300); // whatever was in flight lands at the fake
            kills << QStringLiteral("%1 (%2 after the answer in flight)").arg(atKill).arg(cloud.sentMessages().size());
            QVERIFY2(kedaid.start(env), kedaid.output().right(3000).constData());
        }
        const auto uniqueRecipients = [&] {
            QSet<QString> to;
            for (const auto &m : cloud.sentMessages())
                to.insert(m.to);
            return to;
        };
        const QDeadlineTimer deadline(30000);
        while (uniqueRecipients().size() < kCustomers && !deadline.hasExpired())
            QTest::qWait(50);
        QTest::qWait(1000);
        const qint64 tookMs = clock.elapsed();
        const int stopCode = kedaid.stop();
        const QString dbPath = postgres ? QString() : QDir(dir.path()).filePath(QStringLiteral("kedai.db"));
        if (uniqueRecipients().size() < kCustomers || qEnvironmentVariableIsSet("WA_E2E_VERBOSE")) {
            qInfo("crash kedaid:\n%s", kedaid.output().right(8000).constData());
            const auto counts = [&](const QString &table) {
                return column(outboxShop,
                              QStringLiteral("SELECT status || ': ' || COUNT(*) FROM ") + table
                                  + QStringLiteral(" GROUP BY status"),
                              {}, dbPath)
                    .join(QStringLiteral(", "));
            };
            qInfo("crash: inbox %s; outbox %s", qPrintable(counts(QStringLiteral("inbox"))),
                  qPrintable(counts(QStringLiteral("outbox"))));
        }

        // Count what arrived: by recipient and content.
        QHash<QString, int> copies;
        for (const auto &m : cloud.sentMessages())
            ++copies[m.to + QLatin1Char('\n') + m.type + QLatin1Char('\n') + shownText(m)];
        int duplicates = 0;
        for (auto it = copies.cbegin(); it != copies.cend(); ++it)
            duplicates += it.value() - 1;
        QStringList missing;
        const QSet<QString> got = uniqueRecipients();
        for (const QString &c : customers) {
            if (!got.contains(c))
                missing << c;
        }
        const QStringList rows = column(outboxShop,
                                        QStringLiteral("SELECT recipient || ") + newline
                                            + QStringLiteral(" || text FROM outbox WHERE channel = 'whatsapp'"),
                                        {}, dbPath);
        {
            // Which sends came twice: the last before a kill are expected, earlier ones are not.
            QHash<QString, int> firstAt;
            QStringList pos;
            const auto all = cloud.sentMessages();
            for (int i = 0; i < all.size(); ++i) {
                if (firstAt.contains(all[i].to))
                    pos << QStringLiteral("%1->%2").arg(firstAt[all[i].to]).arg(i);
                else
                    firstAt.insert(all[i].to, i);
            }
            qInfo("crash: re-sent messages by position at the fake (first copy -> second copy): %s",
                  qPrintable(pos.join(QLatin1Char(' '))));
        }
        // Where the copies come from: one outbox row sent twice (the send was answered but not
        // recorded before the kill), or the customer's message handled twice (two rows).
        const int rowCopies = qMax(0, int(cloud.sentMessages().size()) - int(rows.size()));
        qInfo("crash: %lld outbox rows for %d messages (%lld written twice: the message was handled again after a "
              "kill); %d sends of a row already sent (answered by the API but not recorded before the kill)",
              qint64(rows.size()), kCustomers, qint64(rows.size()) - kCustomers, rowCopies);
        qInfo("crash: %d customers, kills after %s replies; %lld sends reached the fake, %d duplicates (same "
              "content to the same customer), %d customers never answered; %lld ms in all",
              kCustomers, qPrintable(kills.join(QStringLiteral(", "))), qint64(cloud.sentMessages().size()), duplicates,
              int(missing.size()), tookMs);
        QCOMPARE(kills.size(), killAfter.size());
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(' '))));
        // At-least-once, with the smallest window: a message is never handled twice, and a slow
        // send is recorded as soon as it is answered, so each kill repeats at most the one send in
        // flight.
        QCOMPARE(qint64(rows.size()), qint64(kCustomers));
        QVERIFY2(rowCopies <= kills.size(),
                 qPrintable(QStringLiteral("%1 sends repeated for %2 kills").arg(rowCopies).arg(kills.size())));
        for (auto it = copies.cbegin(); it != copies.cend(); ++it)
            QVERIFY2(it.key().contains(QStringLiteral("Saldo Anda")), qPrintable(it.key()));
        QCOMPARE(stopCode, 0);

        // Every outbox row is recorded as sent, and each one's content reached its recipient.
        const QStringList unsent = column(outboxShop,
                                          QStringLiteral("SELECT recipient || ' ' || status FROM outbox WHERE "
                                                         "status <> 'sent'"),
                                          {}, dbPath);
        QVERIFY2(unsent.isEmpty(), qPrintable(unsent.join(QStringLiteral(", "))));
        QVERIFY(rows.size() >= kCustomers);
        for (const QString &row : rows)
            QVERIFY2(copies.contains(row.section(QLatin1Char('\n'), 0, 0) + QStringLiteral("\ntext\n")
                                     + row.section(QLatin1Char('\n'), 1)),
                     qPrintable(row));
        if (!postgres)
            QSqlDatabase::removeDatabase(QStringLiteral("wae2e-") + dbPath);
        QVERIFY2(dropSchema(), "the crash test's schema was not dropped");
    }
};

QTEST_GUILESS_MAIN(TestWhatsappE2e)
#include "tst_whatsapp_e2e.moc"
