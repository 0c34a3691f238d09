#include "support/fakewaha.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWaitCondition>

#include <optional>

namespace kedai::test {

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;
const QString kMe = QStringLiteral("6289900000000@c.us");

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Request
{
    QByteArray method;
    QString path;
    Headers headers;
    QByteArray body;
    bool keepAlive = true;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

struct Reply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    // An accepted message whose ack the fake posts to the webhook once the answer is out.
    QString ackId;
    QString ackChatId;
    QString ackSession;
};

Reply makeReply(int status, QByteArray body, QByteArray contentType = "application/json")
{
    Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    reply.contentType = std::move(contentType);
    return reply;
}

enum class Parse { Incomplete, Done, Bad };

Parse parseRequest(QByteArray &buffer, Request *out)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return buffer.size() > kMaxHeaderBytes ? Parse::Bad : Parse::Incomplete;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3)
        return Parse::Bad;
    Request request;
    request.method = requestLine[0];
    request.path = QUrl::fromPercentEncoding(requestLine[1].split('?').first());
    const bool http10 = requestLine[2] == "HTTP/1.0";
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            return Parse::Bad;
        request.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    if (!request.header("Transfer-Encoding").isEmpty())
        return Parse::Bad; // the clients under test always send Content-Length
    if (const QByteArray length = request.header("Content-Length"); !length.isEmpty()) {
        bool ok = false;
        contentLength = length.toLongLong(&ok);
        if (!ok || contentLength < 0 || contentLength > kMaxBodyBytes)
            return Parse::Bad;
    }
    const qsizetype total = headerEnd + 4 + contentLength;
    if (buffer.size() < total)
        return Parse::Incomplete;
    request.body = buffer.mid(headerEnd + 4, contentLength);
    buffer.remove(0, total);
    const QByteArray connection = request.header("Connection").toLower();
    request.keepAlive = http10 ? connection == "keep-alive" : connection != "close";
    *out = std::move(request);
    return Parse::Done;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Reply errorReply(int status, const QString &message)
{
    return makeReply(status, json({{"statusCode", status},
                                   {"message", message},
                                   {"error", QString::fromLatin1(reasonPhrase(status))}}));
}

QString randomHex32()
{
    QString hex;
    for (int i = 0; i < 4; ++i)
        hex += QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return hex.toUpper();
}

} // namespace

struct FakeWaha::State
{
    mutable QMutex mutex;
    QWaitCondition messageAccepted;
    QString apiKey;
    QStringList sessions{QStringLiteral("default")};
    bool idAsObject = false;
    QDeadlineTimer failUntil{0};
    int failAllStatus = 503;
    int failNextCount = 0;
    int failNextStatus = 503;
    int latencyMs = 0;
    QUrl webhookUrl;
    QByteArray webhookKey;
    QHash<QString, QPair<QByteArray, QByteArray>> files; ///< name → data, mime type
    QList<WahaSentMessage> sent;
    QList<WahaSeen> seen;
    QList<WahaRequest> requests;
};

// The HTTP side; lives on the fake's own thread.
class FakeWaha::Server : public QObject
{
public:
    explicit Server(std::shared_ptr<State> state) : m_state(std::move(state)) {}

    quint16 listen()
    {
        m_tcp = new QTcpServer(this);
        QObject::connect(m_tcp, &QTcpServer::newConnection, this, [this] { accept(); });
        return m_tcp->listen(QHostAddress::LocalHost, 0) ? m_tcp->serverPort() : 0;
    }

private:
    struct Connection
    {
        QByteArray buffer;
        bool busy = false;
    };

    void accept()
    {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            m_connections.insert(socket, {});
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                m_connections[socket].buffer += socket->readAll();
                processNext(socket);
            });
            QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_connections.remove(socket);
                socket->deleteLater();
            });
        }
    }

    void processNext(QTcpSocket *socket)
    {
        auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->busy)
            return;
        Request request;
        const Parse parse = parseRequest(it->buffer, &request);
        if (parse == Parse::Incomplete)
            return;
        if (parse == Parse::Bad) {
            write(socket, errorReply(400, QStringLiteral("malformed HTTP request")), false);
            return;
        }
        const Reply reply = handle(request);
        const int latency = [this] {
            QMutexLocker lock(&m_state->mutex);
            return m_state->latencyMs;
        }();
        if (latency <= 0) {
            finish(socket, reply, request.keepAlive);
            return;
        }
        it->busy = true;
        QTimer::singleShot(latency, this, [this, socket = QPointer<QTcpSocket>(socket), reply, request] {
            if (!socket || !m_connections.contains(socket.data()))
                return;
            m_connections[socket.data()].busy = false;
            finish(socket.data(), reply, request.keepAlive);
        });
    }

    void finish(QTcpSocket *socket, const Reply &reply, bool keepAlive)
    {
        if (socket->state() == QAbstractSocket::ConnectedState)
            write(socket, reply, keepAlive);
        if (!reply.ackId.isEmpty())
            postAck(reply);
        if (keepAlive && socket->state() == QAbstractSocket::ConnectedState)
            processNext(socket);
    }

    static void write(QTcpSocket *socket, const Reply &reply, bool keepAlive)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
        out += "Content-Type: " + reply.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
        out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
        out += reply.body;
        socket->write(out);
        if (!keepAlive)
            socket->disconnectFromHost();
    }

    Reply handle(const Request &request)
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->requests.append({request.method, request.path, request.header("X-Api-Key"), 0});
        const Reply reply = route(request);
        m_state->requests.last().status = reply.status;
        return reply;
    }

    // Called with the state locked.
    Reply route(const Request &request)
    {
        State &state = *m_state;
        if (state.failNextCount > 0) {
            --state.failNextCount;
            return errorReply(state.failNextStatus, QStringLiteral("injected failure"));
        }
        if (!state.failUntil.hasExpired())
            return errorReply(state.failAllStatus, QStringLiteral("injected failure"));
        if (!state.apiKey.isEmpty() && request.header("X-Api-Key") != state.apiKey.toUtf8())
            return errorReply(401, QStringLiteral("Unauthorized"));

        const bool post = request.method == "POST";
        if (post && request.path == QLatin1String("/api/sendText"))
            return send(request, false);
        if (post && request.path == QLatin1String("/api/sendImage"))
            return send(request, true);
        if (post && request.path == QLatin1String("/api/sendSeen"))
            return sendSeen(request);
        if (request.method == "GET" && request.path.startsWith(QLatin1String("/api/files/"))) {
            const auto file = state.files.find(request.path.mid(11));
            if (file == state.files.end())
                return errorReply(404, QStringLiteral("File not found"));
            return makeReply(200, file->first, file->second);
        }
        return errorReply(404, QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(request.method), request.path));
    }

    // Checks the common body fields; a reply when they are wrong.
    std::optional<Reply> checkBody(const QJsonObject &body, QString *session)
    {
        const QJsonValue value = body.value("session");
        if (!value.isUndefined() && !value.isString())
            return errorReply(400, QStringLiteral("session must be a string"));
        *session = value.toString(QStringLiteral("default"));
        if (!m_state->sessions.contains(*session)) {
            return makeReply(422, json({{"error", QStringLiteral("Session \"%1\" is not running").arg(*session)},
                                        {"session", *session},
                                        {"status", "STOPPED"},
                                        {"expected", QJsonArray{"WORKING"}}}));
        }
        const QString chatId = body.value("chatId").toString();
        if (chatId.isEmpty() || !chatId.contains(QLatin1Char('@')))
            return errorReply(400, QStringLiteral("chatId must be a chat id like 6281…@c.us"));
        return std::nullopt;
    }

    Reply send(const Request &request, bool image)
    {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject())
            return errorReply(400, QStringLiteral("the body is not a JSON object"));
        const QJsonObject body = document.object();
        WahaSentMessage sent;
        if (std::optional<Reply> bad = checkBody(body, &sent.session))
            return *bad;
        sent.endpoint = image ? QStringLiteral("sendImage") : QStringLiteral("sendText");
        sent.chatId = body.value("chatId").toString();
        sent.body = body;
        if (image) {
            const QJsonObject file = body.value("file").toObject();
            sent.mimetype = file.value("mimetype").toString();
            sent.filename = file.value("filename").toString();
            sent.text = body.value("caption").toString();
            const auto decoded = QByteArray::fromBase64Encoding(file.value("data").toString().toLatin1(),
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (sent.mimetype.isEmpty() || !decoded || decoded.decoded.isEmpty())
                return errorReply(400, QStringLiteral("file needs mimetype and base64 data"));
            sent.data = decoded.decoded;
        } else {
            const QJsonValue text = body.value("text");
            if (!text.isString() || text.toString().isEmpty())
                return errorReply(400, QStringLiteral("text should not be empty"));
            sent.text = text.toString();
        }
        const QString hex = randomHex32();
        sent.id = QStringLiteral("true_") + sent.chatId + QLatin1Char('_') + hex;
        const QJsonValue id = m_state->idAsObject ? QJsonValue(QJsonObject{
                                  {"fromMe", true}, {"remote", sent.chatId}, {"id", hex}, {"_serialized", sent.id}})
                                                  : QJsonValue(sent.id);
        const QJsonObject message{{"id", id},           {"timestamp", QDateTime::currentSecsSinceEpoch()},
                                  {"from", kMe},        {"fromMe", true},
                                  {"to", sent.chatId},  {"body", sent.text},
                                  {"hasMedia", image},  {"ack", 1},
                                  {"ackName", "SERVER"}};
        Reply reply = makeReply(201, json(message));
        if (!m_state->webhookUrl.isEmpty()) {
            reply.ackId = sent.id;
            reply.ackChatId = sent.chatId;
            reply.ackSession = sent.session;
        }
        m_state->sent.append(std::move(sent));
        m_state->messageAccepted.wakeAll();
        return reply;
    }

    Reply sendSeen(const Request &request)
    {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject())
            return errorReply(400, QStringLiteral("the body is not a JSON object"));
        const QJsonObject body = document.object();
        WahaSeen seen;
        if (std::optional<Reply> bad = checkBody(body, &seen.session))
            return *bad;
        seen.chatId = body.value("chatId").toString();
        seen.messageId = body.value("messageId").toString();
        m_state->seen.append(seen);
        return makeReply(201, json({}));
    }

    void postAck(const Reply &reply)
    {
        QUrl url;
        QByteArray key;
        {
            QMutexLocker lock(&m_state->mutex);
            url = m_state->webhookUrl;
            key = m_state->webhookKey;
        }
        if (url.isEmpty())
            return;
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        const QJsonObject event{{"event", "message.ack"},
                                {"session", reply.ackSession},
                                {"engine", "WEBJS"},
                                {"me", QJsonObject{{"id", kMe}, {"pushName", "Kedai"}}},
                                {"payload", QJsonObject{{"id", reply.ackId},
                                                        {"from", reply.ackChatId},
                                                        {"participant", QJsonValue::Null},
                                                        {"fromMe", true},
                                                        {"ack", 2},
                                                        {"ackName", "DEVICE"}}}};
        const QByteArray body = json(event);
        QNetworkRequest networkRequest(url);
        for (const auto &header : webhookHeaders(body, key))
            networkRequest.setRawHeader(header.first, header.second);
        networkRequest.setRawHeader("X-Webhook-Request-Id", randomHex32().toLatin1());
        QNetworkReply *networkReply = m_network->post(networkRequest, body);
        QObject::connect(networkReply, &QNetworkReply::finished, networkReply, &QObject::deleteLater);
    }

    std::shared_ptr<State> m_state;
    QTcpServer *m_tcp = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QHash<QTcpSocket *, Connection> m_connections;
};

FakeWaha::FakeWaha(const QString &apiKey) : m_state(std::make_shared<State>())
{
    m_state->apiKey = apiKey;
}

FakeWaha::~FakeWaha()
{
    if (!m_thread)
        return;
    // The server and its sockets are deleted on their own thread as it ends.
    QObject::connect(m_thread.get(), &QThread::finished, m_server, &QObject::deleteLater);
    m_thread->quit();
    m_thread->wait();
}

bool FakeWaha::start()
{
    if (m_thread)
        return m_port != 0;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("FakeWaha"));
    m_server = new Server(m_state);
    m_server->moveToThread(m_thread.get());
    m_thread->start();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_server, [this, &port] { port = m_server->listen(); }, Qt::BlockingQueuedConnection);
    m_port = port;
    return m_port != 0;
}

quint16 FakeWaha::port() const
{
    return m_port;
}

QString FakeWaha::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

void FakeWaha::setApiKey(const QString &apiKey)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->apiKey = apiKey;
}

void FakeWaha::setSessions(const QStringList &sessions)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->sessions = sessions;
}

void FakeWaha::setIdAsObject(bool asObject)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->idAsObject = asObject;
}

void FakeWaha::failAllFor(int ms, int httpStatus)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->failUntil = QDeadlineTimer(ms);
    m_state->failAllStatus = httpStatus;
}

void FakeWaha::failNext(int count, int httpStatus)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->failNextCount = count;
    m_state->failNextStatus = httpStatus;
}

void FakeWaha::setLatency(int ms)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->latencyMs = ms;
}

void FakeWaha::setWebhook(const QUrl &url, const QByteArray &hmacKey)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->webhookUrl = url;
    m_state->webhookKey = hmacKey;
}

QString FakeWaha::addFile(const QString &name, const QByteArray &data, const QByteArray &mimeType)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->files.insert(name, {data, mimeType});
    return baseUrl() + QStringLiteral("/api/files/") + name;
}

QList<WahaSentMessage> FakeWaha::sentMessages() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->sent;
}

bool FakeWaha::waitForMessages(int count, int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_state->mutex);
    while (m_state->sent.size() < count) {
        if (!m_state->messageAccepted.wait(&m_state->mutex, deadline))
            break;
    }
    return m_state->sent.size() >= count;
}

QList<WahaSeen> FakeWaha::seen() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->seen;
}

QList<WahaRequest> FakeWaha::requests() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->requests;
}

void FakeWaha::clear()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->sent.clear();
    m_state->seen.clear();
    m_state->requests.clear();
    m_state->failNextCount = 0;
    m_state->failUntil = QDeadlineTimer(0);
    m_state->latencyMs = 0;
}

QByteArray FakeWaha::messageEvent(const QString &from, const QString &id, const QString &text,
                                  const WahaEventOptions &options)
{
    const QString chatId = from.contains(QLatin1Char('@')) ? from : from + QStringLiteral("@c.us");
    const qint64 timestamp = options.timestamp > 0 ? options.timestamp : QDateTime::currentSecsSinceEpoch();
    QJsonObject data{{"id", QJsonObject{{"fromMe", options.fromMe}, {"remote", chatId}, {"_serialized", id}}},
                     {"body", text},
                     {"type", options.mediaUrl.isEmpty() ? "chat" : "image"},
                     {"t", timestamp}};
    if (!options.name.isEmpty())
        data.insert("notifyName", options.name);
    QJsonObject payload{{"id", id},
                        {"timestamp", timestamp},
                        {"from", chatId},
                        {"fromMe", options.fromMe},
                        {"to", kMe},
                        {"body", text},
                        {"hasMedia", !options.mediaUrl.isEmpty()},
                        {"ack", 1},
                        {"vCards", QJsonArray{}},
                        {"_data", data}};
    if (!options.participant.isEmpty())
        payload.insert("participant", options.participant);
    if (!options.mediaUrl.isEmpty())
        payload.insert("media", QJsonObject{{"url", options.mediaUrl},
                                            {"mimetype", options.mediaMime},
                                            {"filename", QJsonValue::Null},
                                            {"error", QJsonValue::Null}});
    return json({{"event", options.event},
                 {"session", options.session},
                 {"engine", "WEBJS"},
                 {"environment", QJsonObject{{"tier", "PLUS"}, {"version", "2024.10.1"}}},
                 {"me", QJsonObject{{"id", kMe}, {"pushName", "Kedai"}}},
                 {"payload", payload}});
}

QByteArray FakeWaha::ackEvent(const QString &messageId, int ack, const QString &session)
{
    return json({{"event", "message.ack"},
                 {"session", session},
                 {"engine", "WEBJS"},
                 {"payload", QJsonObject{{"id", messageId}, {"fromMe", true}, {"ack", ack}}}});
}

QByteArray FakeWaha::hmac(const QByteArray &body, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha512).toHex();
}

QList<QPair<QByteArray, QByteArray>> FakeWaha::webhookHeaders(const QByteArray &body, const QByteArray &key)
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (!key.isEmpty()) {
        headers.append({QByteArray("X-Webhook-Hmac"), hmac(body, key)});
        headers.append({QByteArray("X-Webhook-Hmac-Algorithm"), QByteArray("sha512")});
    }
    return headers;
}

} // namespace kedai::test
