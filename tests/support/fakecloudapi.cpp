#include "support/fakecloudapi.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWaitCondition>

#include <functional>
#include <optional>

namespace kedai::test {

namespace {

struct HttpIn
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

struct HttpOut
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::function<void()> after; ///< runs once the answer is written
};

HttpOut json(int status, const QJsonObject &o)
{
    HttpOut out;
    out.status = status;
    out.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return out;
}

QString titleOf(int code)
{
    static const QHash<int, QString> titles{
        {4, "Application request limit reached"},
        {100, "Invalid parameter"},
        {368, "Temporarily blocked for policies violations"},
        {80007, "Rate limit issues"},
        {130429, "Rate limit hit"},
        {131000, "Something went wrong"},
        {131008, "Required parameter is missing"},
        {131009, "Parameter value is not valid"},
        {131016, "Service unavailable"},
        {131026, "Message undeliverable"},
        {131031, "Account has been locked"},
        {131047, "Re-engagement message"},
        {131048, "Spam rate limit hit"},
        {131051, "Unsupported message type"},
        {131052, "Media download error"},
        {131053, "Media upload error"},
        {131056, "(Business Account, Consumer Account) pair rate limit hit"},
        {132000, "Number of parameters does not match the expected number of params"},
        {132001, "Template name does not exist in the translation"},
    };
    return titles.value(code, QStringLiteral("Error"));
}

// The Graph error envelope of PROTOCOLS.md §1.7 / error_bodies.json.
HttpOut graphError(int status, int code, const QString &details = {}, const QString &title = {})
{
    QJsonObject error{{"type", "OAuthException"}, {"code", code}, {"fbtrace_id", "AFakeTrace0000"}};
    if (code == 190) {
        error.insert("message", "Error validating access token: Session has expired.");
        error.insert("error_subcode", 463);
    } else {
        error.insert("message", QStringLiteral("(#%1) %2").arg(code).arg(title.isEmpty() ? titleOf(code) : title));
        error.insert("error_data", QJsonObject{{"messaging_product", "whatsapp"},
                                               {"details", details.isEmpty() ? titleOf(code) : details}});
    }
    HttpOut out = json(status, {{"error", error}});
    if (status == 401)
        out.headers << qMakePair(QByteArray("WWW-Authenticate"), QByteArray("OAuth \"Facebook Platform\" "
                                                                            "\"invalid_token\""));
    return out;
}

HttpOut invalid(const QString &why)
{
    return graphError(400, 100, why);
}

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 411: return "Length Required";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// Meta counts characters; counting code points is the lenient reading (PROTOCOLS.md §1.5).
qsizetype chars(const QString &s)
{
    return s.toUcs4().size();
}

struct Media
{
    QByteArray bytes;
    QString mime;
};

struct Failure
{
    int status = 0;
    int code = 0;
};

} // namespace

struct FakeCloudApi::State
{
    QString phoneNumberId;
    QString token;
    QString version;
    quint16 port = 0;
    QThread thread;
    Server *server = nullptr;
    QElapsedTimer clock;

    mutable QMutex mutex;
    mutable QWaitCondition sentChanged;
    QList<SentMessage> sent;
    QList<ReadReceipt> reads;
    QList<Upload> uploads;
    QList<Request> requests;
    QHash<QString, Media> media;
    int downloads = 0;
    int webhooksDelivered = 0;
    quint64 counter = 0;
    bool tokenExpired = false;
    int latencyMs = 0;
    FileSize fileSize = FileSize::String;
    QDeadlineTimer failUntil{QDeadlineTimer::Forever};
    bool failAll = false;
    Failure failAllWith;
    int failNextCount = 0;
    Failure failNextWith;
    QHash<QString, Failure> failRecipients;
    QUrl webhookUrl;
    QByteArray webhookSecret;
    QString webhookPhoneNumberId;
};

class FakeCloudApi::Server : public QObject
{
public:
    explicit Server(State *state) : m_state(state) {}

    quint16 listen()
    {
        m_tcp = new QTcpServer(this);
        connect(m_tcp, &QTcpServer::newConnection, this, &Server::accept);
        return m_tcp->listen(QHostAddress::LocalHost, 0) ? m_tcp->serverPort() : 0;
    }

    // Runs on the server thread before it stops: nothing of ours may outlive it there.
    void shutdown()
    {
        const auto children = this->children();
        for (QObject *child : children)
            delete child;
        m_tcp = nullptr;
        m_nam = nullptr;
    }

    int latency() const
    {
        const QMutexLocker lock(&m_state->mutex);
        return m_state->latencyMs;
    }

    HttpOut handle(const HttpIn &in);

private:
    void accept();
    QString root() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_state->port); }
    bool authorized(const HttpIn &in) const;
    std::optional<Failure> injectedFailure();
    HttpOut messages(const HttpIn &in);
    HttpOut upload(const HttpIn &in);
    HttpOut mediaInfo(const QString &id);
    HttpOut download(const HttpIn &in);
    std::optional<QString> validate(const QJsonObject &body) const;
    void postStatus(const QString &wamid, const QString &to, const QString &status);

    State *m_state;
    QTcpServer *m_tcp = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
};

namespace {

// One keep-alive connection: requests are answered one at a time, in order.
class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, FakeCloudApi::Server *server) : QObject(server), m_socket(socket), m_server(server)
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &Connection::readMore);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    }

private:
    void readMore()
    {
        m_buffer += m_socket->readAll();
        next();
    }

    void next()
    {
        if (m_busy)
            return;
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > 1024 * 1024)
                m_socket->abort();
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        HttpIn in;
        in.method = requestLine.value(0);
        const QUrl url(QString::fromLatin1(requestLine.value(1)));
        in.path = url.path();
        in.query = QUrlQuery(url);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                in.headers << qMakePair(lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = in.header("Content-Length").toLongLong();
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        in.body = m_buffer.mid(headEnd + 4, length);
        m_buffer.remove(0, headEnd + 4 + length);
        const bool close = in.header("Connection").compare("close", Qt::CaseInsensitive) == 0;

        m_busy = true;
        HttpOut out = in.header("Transfer-Encoding").isEmpty() ? m_server->handle(in)
                                                               : invalid("chunked bodies are not supported");
        const auto finish = [this, out, close] {
            write(out);
            m_busy = false;
            if (out.after)
                out.after();
            if (close)
                m_socket->disconnectFromHost();
            else
                next();
        };
        const int latency = m_server->latency();
        if (latency > 0)
            QTimer::singleShot(latency, this, finish);
        else
            finish();
    }

    void write(const HttpOut &out)
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(out.status) + ' ' + reason(out.status) + "\r\n";
        head += "Content-Type: " + out.contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(out.body.size()) + "\r\n";
        for (const auto &h : out.headers)
            head += h.first + ": " + h.second + "\r\n";
        head += "\r\n";
        m_socket->write(head + out.body);
    }

    QTcpSocket *m_socket;
    FakeCloudApi::Server *m_server;
    QByteArray m_buffer;
    bool m_busy = false;
};

} // namespace

void FakeCloudApi::Server::accept()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection())
        new Connection(socket, this);
}

bool FakeCloudApi::Server::authorized(const HttpIn &in) const
{
    const QByteArray auth = in.header("Authorization");
    const QMutexLocker lock(&m_state->mutex);
    if (m_state->tokenExpired)
        return false;
    return auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0 && auth.mid(7) == m_state->token.toUtf8();
}

std::optional<Failure> FakeCloudApi::Server::injectedFailure()
{
    const QMutexLocker lock(&m_state->mutex);
    if (m_state->failAll) {
        if (!m_state->failUntil.hasExpired())
            return m_state->failAllWith;
        m_state->failAll = false;
    }
    if (m_state->failNextCount > 0) {
        --m_state->failNextCount;
        return m_state->failNextWith;
    }
    return std::nullopt;
}

HttpOut FakeCloudApi::Server::handle(const HttpIn &in)
{
    const QStringList segments = in.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    HttpOut out;
    if (segments.value(0) == QLatin1String("whatsapp_business") && segments.value(1) == QLatin1String("attachments")) {
        out = download(in);
    } else if (segments.value(0) != m_state->version || segments.size() < 2 || segments.size() > 3) {
        out = graphError(404, 100, "Unknown path components: " + in.path, "Unknown path components");
    } else if (!authorized(in)) {
        out = graphError(401, 190);
    } else if (const auto failure = injectedFailure()) {
        out = failure->code == 190 ? graphError(401, 190) : graphError(failure->status, failure->code);
    } else if (segments.size() == 3) {
        if (segments[1] != m_state->phoneNumberId) {
            out = graphError(
                400, 100,
                QStringLiteral("Unsupported post request. Object with ID '%1' does not exist").arg(segments[1]));
        } else if (in.method == "POST" && segments[2] == QLatin1String("messages")) {
            out = messages(in);
        } else if (in.method == "POST" && segments[2] == QLatin1String("media")) {
            out = upload(in);
        } else {
            out = graphError(400, 100, "Unknown path components: " + in.path, "Unknown path components");
        }
    } else if (in.method == "GET") {
        out = mediaInfo(segments[1]);
    } else if (in.method == "DELETE") {
        const QMutexLocker lock(&m_state->mutex);
        out = m_state->media.remove(segments[1]) ? json(200, {{"success", true}})
                                                 : invalid("Object with ID '" + segments[1] + "' does not exist");
    } else {
        out = graphError(400, 100, "Unsupported method", "Unsupported request");
    }
    const QMutexLocker lock(&m_state->mutex);
    m_state->requests << Request{in.method, in.path, in.header("Authorization"), out.status};
    return out;
}

HttpOut FakeCloudApi::Server::messages(const HttpIn &in)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(in.body, &parseError);
    if (!doc.isObject())
        return invalid("The request body is not a JSON object: " + parseError.errorString());
    const QJsonObject body = doc.object();
    if (body.value("messaging_product").toString() != QLatin1String("whatsapp"))
        return invalid("The parameter messaging_product is required and must be \"whatsapp\"");

    if (body.contains("status")) {
        const QString id = body.value("message_id").toString();
        if (body.value("status").toString() != QLatin1String("read") || id.isEmpty())
            return invalid("Mark as read needs status \"read\" and a message_id");
        const QMutexLocker lock(&m_state->mutex);
        m_state->reads << ReadReceipt{id, QDateTime::currentDateTimeUtc()};
        return json(200, {{"success", true}});
    }

    if (const auto why = validate(body))
        return invalid(*why);
    const QString to = body.value("to").toString();
    const QString waId = to.startsWith(QLatin1Char('+')) ? to.mid(1) : to;

    const QMutexLocker lock(&m_state->mutex);
    const Failure failure = m_state->failRecipients.value(waId);
    if (failure.code != 0)
        return failure.code == 190 ? graphError(401, 190) : graphError(failure.status, failure.code);
    const quint64 n = ++m_state->counter;
    QByteArray raw = "FAKE" + QByteArray::number(n) + ':';
    for (int i = 0; i < 3; ++i)
        raw += QByteArray::number(QRandomGenerator::global()->generate(), 36);
    const QString wamid = "wamid." + QString::fromLatin1(raw.toBase64());
    m_state->sent << SentMessage{waId,  body.value("type").toString(),   body,
                                 wamid, QDateTime::currentDateTimeUtc(), m_state->clock.elapsed()};
    m_state->sentChanged.wakeAll();

    HttpOut out = json(200, {{"messaging_product", "whatsapp"},
                             {"contacts", QJsonArray{QJsonObject{{"input", to}, {"wa_id", waId}}}},
                             {"messages", QJsonArray{QJsonObject{{"id", wamid}, {"message_status", "accepted"}}}}});
    if (m_state->webhookUrl.isValid()) {
        QPointer<Server> self(this);
        out.after = [self, wamid, waId] {
            if (self)
                self->postStatus(wamid, waId, "sent");
        };
    }
    return out;
}

// PROTOCOLS.md §1.5: the fields and limits of what the client may send.
std::optional<QString> FakeCloudApi::Server::validate(const QJsonObject &body) const
{
    static const QRegularExpression digits(QStringLiteral("^\\+?[0-9]{5,20}$"));
    const QString to = body.value("to").toString();
    if (!digits.match(to).hasMatch())
        return "The parameter to must be a phone number in digits, got \"" + to + '"';
    const QString recipientType = body.value("recipient_type").toString("individual");
    if (recipientType != QLatin1String("individual") && recipientType != QLatin1String("group"))
        return QStringLiteral("recipient_type must be \"individual\"");
    if (body.contains("context") && body.value("context").toObject().value("message_id").toString().isEmpty())
        return QStringLiteral("context.message_id is required when context is given");
    const QString type = body.value("type").toString();
    if (type == QLatin1String("text")) {
        const QJsonObject text = body.value("text").toObject();
        const QString b = text.value("body").toString();
        if (b.trimmed().isEmpty())
            return QStringLiteral("text.body is required");
        if (chars(b) > 4096)
            return QStringLiteral("text.body is longer than 4096 characters (%1)").arg(chars(b));
        if (text.contains("preview_url") && !text.value("preview_url").isBool())
            return QStringLiteral("text.preview_url must be a boolean");
        return std::nullopt;
    }
    if (type == QLatin1String("image")) {
        const QJsonObject image = body.value("image").toObject();
        const bool hasId = image.contains("id");
        if (hasId == image.contains("link"))
            return QStringLiteral("image needs exactly one of id and link");
        if (chars(image.value("caption").toString()) > 1024)
            return QStringLiteral("image.caption is longer than 1024 characters");
        const QMutexLocker lock(&m_state->mutex);
        if (hasId && !m_state->media.contains(image.value("id").toString()))
            return "image.id is not an uploaded media id: " + image.value("id").toString();
        return std::nullopt;
    }
    if (type != QLatin1String("interactive"))
        return "The fake accepts type text, image and interactive, not \"" + type + '"';

    const QJsonObject interactive = body.value("interactive").toObject();
    const QString bodyText = interactive.value("body").toObject().value("text").toString();
    if (bodyText.isEmpty() || chars(bodyText) > 1024)
        return QStringLiteral("interactive.body.text is required and at most 1024 characters");
    if (interactive.contains("footer") && chars(interactive.value("footer").toObject().value("text").toString()) > 60)
        return QStringLiteral("interactive.footer.text is longer than 60 characters");
    if (interactive.contains("header")) {
        const QJsonObject header = interactive.value("header").toObject();
        if (header.value("type").toString() != QLatin1String("text") || chars(header.value("text").toString()) > 60)
            return QStringLiteral("interactive.header must be type text with at most 60 characters");
    }
    const QJsonObject action = interactive.value("action").toObject();
    const QString kind = interactive.value("type").toString();
    if (kind == QLatin1String("button")) {
        const QJsonArray buttons = action.value("buttons").toArray();
        if (buttons.isEmpty() || buttons.size() > 3)
            return QStringLiteral("action.buttons needs 1 to 3 buttons, got %1").arg(buttons.size());
        QSet<QString> ids;
        for (const auto &b : buttons) {
            const QJsonObject reply = b.toObject().value("reply").toObject();
            const QString id = reply.value("id").toString();
            const QString title = reply.value("title").toString();
            if (b.toObject().value("type").toString() != QLatin1String("reply"))
                return QStringLiteral("every button must be type reply");
            if (id.isEmpty() || chars(id) > 256 || ids.contains(id))
                return "button id empty, longer than 256 or repeated: " + id;
            if (title.isEmpty() || chars(title) > 20)
                return "button title empty or longer than 20 characters: " + title;
            ids.insert(id);
        }
        return std::nullopt;
    }
    if (kind != QLatin1String("list"))
        return "interactive.type must be button or list, not \"" + kind + '"';
    const QString button = action.value("button").toString();
    if (button.isEmpty() || chars(button) > 20)
        return QStringLiteral("action.button is required and at most 20 characters");
    const QJsonArray sections = action.value("sections").toArray();
    if (sections.isEmpty() || sections.size() > 10)
        return QStringLiteral("action.sections needs 1 to 10 sections, got %1").arg(sections.size());
    int rows = 0;
    QSet<QString> ids;
    for (const auto &sv : sections) {
        const QJsonObject section = sv.toObject();
        if (sections.size() > 1 && section.value("title").toString().isEmpty())
            return QStringLiteral("every section needs a title when there is more than one");
        if (chars(section.value("title").toString()) > 24)
            return QStringLiteral("section title longer than 24 characters");
        for (const auto &rv : section.value("rows").toArray()) {
            const QJsonObject row = rv.toObject();
            const QString id = row.value("id").toString();
            const QString title = row.value("title").toString();
            if (id.isEmpty() || chars(id) > 200 || ids.contains(id))
                return "row id empty, longer than 200 or repeated: " + id;
            if (title.isEmpty() || chars(title) > 24)
                return "row title empty or longer than 24 characters: " + title;
            if (chars(row.value("description").toString()) > 72)
                return "row description longer than 72 characters: " + id;
            ids.insert(id);
            ++rows;
        }
    }
    if (rows == 0 || rows > 10)
        return QStringLiteral("a list needs 1 to 10 rows in total, got %1").arg(rows);
    return std::nullopt;
}

HttpOut FakeCloudApi::Server::upload(const HttpIn &in)
{
    const QByteArray contentType = in.header("Content-Type");
    const qsizetype at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0)
        return invalid("The upload must be multipart/form-data");
    QByteArray boundary = contentType.mid(at + 9).split(';').value(0).trimmed();
    if (boundary.startsWith('"') && boundary.endsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;

    QHash<QByteArray, QByteArray> fields;
    Upload file;
    bool hasFile = false;
    qsizetype pos = in.body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (in.body.mid(pos, 2) == "--")
            break;
        pos += 2; // CRLF after the delimiter
        const qsizetype headEnd = in.body.indexOf("\r\n\r\n", pos);
        const qsizetype next = in.body.indexOf(QByteArray("\r\n" + delimiter), pos);
        if (headEnd < 0 || next < 0 || headEnd > next)
            return invalid("Malformed multipart body");
        const QList<QByteArray> headers = in.body.mid(pos, headEnd - pos).split('\n');
        const QByteArray data = in.body.mid(headEnd + 4, next - headEnd - 4);
        QByteArray name, fileName, partType;
        for (const QByteArray &h : headers) {
            const QByteArray line = h.trimmed();
            if (line.toLower().startsWith("content-type:"))
                partType = line.mid(13).trimmed();
            static const QRegularExpression nameRe(QStringLiteral("[; ]name=\"([^\"]*)\""));
            static const QRegularExpression fileRe(QStringLiteral("filename=\"([^\"]*)\""));
            if (line.toLower().startsWith("content-disposition:")) {
                name = nameRe.match(QString::fromUtf8(line)).captured(1).toUtf8();
                fileName = fileRe.match(QString::fromUtf8(line)).captured(1).toUtf8();
            }
        }
        if (name == "file") {
            hasFile = true;
            file.bytes = data;
            file.fileName = QString::fromUtf8(fileName);
            file.partContentType = QString::fromUtf8(partType);
        } else {
            fields.insert(name, data);
        }
        pos = next + 2;
    }
    if (fields.value("messaging_product") != "whatsapp")
        return invalid("The upload needs messaging_product=whatsapp");
    if (!hasFile || file.bytes.isEmpty() || file.partContentType.isEmpty())
        return invalid("The upload needs a non-empty file part with its own Content-Type");
    if (fields.value("type").isEmpty())
        return invalid("The upload needs the type field (the MIME type)");
    file.mimeType = QString::fromUtf8(fields.value("type"));

    const QMutexLocker lock(&m_state->mutex);
    file.mediaId = QString::number(1013859600000000ULL + ++m_state->counter);
    m_state->media.insert(file.mediaId, Media{file.bytes, file.mimeType});
    m_state->uploads << file;
    return json(200, {{"id", file.mediaId}});
}

HttpOut FakeCloudApi::Server::mediaInfo(const QString &id)
{
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->media.constFind(id);
    if (it == m_state->media.constEnd())
        return invalid("Unsupported get request. Object with ID '" + id + "' does not exist");
    QUrl url(root() + "/whatsapp_business/attachments/");
    const QByteArray sha = QCryptographicHash::hash(it->bytes, QCryptographicHash::Sha256).toHex();
    url.setQuery(QUrlQuery{{"mid", id},
                           {"ext", QString::number(QDateTime::currentSecsSinceEpoch())},
                           {"hash", QString::fromLatin1(sha.left(16))}});
    QJsonObject o{{"messaging_product", "whatsapp"},
                  {"url", url.toString()},
                  {"mime_type", it->mime},
                  {"sha256", QString::fromLatin1(sha)},
                  {"id", id}};
    if (m_state->fileSize == FileSize::String)
        o.insert("file_size", QString::number(it->bytes.size()));
    else if (m_state->fileSize == FileSize::Number)
        o.insert("file_size", it->bytes.size());
    return json(200, o);
}

HttpOut FakeCloudApi::Server::download(const HttpIn &in)
{
    if (in.method != "GET")
        return graphError(400, 100, "Unsupported method", "Unsupported request");
    if (!authorized(in))
        return graphError(401, 190);
    const QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->media.constFind(in.query.queryItemValue("mid"));
    if (it == m_state->media.constEnd())
        return graphError(404, 100, "No such media", "Not found");
    ++m_state->downloads;
    HttpOut out;
    out.contentType = it->mime.toUtf8();
    out.body = it->bytes;
    return out;
}

// The `statuses` webhook of fixtures/whatsapp_cloud/pywa_updates_message_status.json.
void FakeCloudApi::Server::postStatus(const QString &wamid, const QString &to, const QString &status)
{
    QUrl url;
    QByteArray secret;
    QString phoneNumberId;
    {
        const QMutexLocker lock(&m_state->mutex);
        url = m_state->webhookUrl;
        secret = m_state->webhookSecret;
        phoneNumberId = m_state->webhookPhoneNumberId;
    }
    if (!url.isValid())
        return;
    const QString now = QString::number(QDateTime::currentSecsSinceEpoch());
    QJsonObject conversation{{"id", "fakeconversation0001"}, {"origin", QJsonObject{{"type", "service"}}}};
    if (status == QLatin1String("sent"))
        conversation.insert("expiration_timestamp", QString::number(QDateTime::currentSecsSinceEpoch() + 86400));
    const QJsonObject value{
        {"messaging_product", "whatsapp"},
        {"metadata", QJsonObject{{"display_phone_number", "6280000000000"}, {"phone_number_id", phoneNumberId}}},
        {"contacts", QJsonArray{QJsonObject{{"profile", QJsonObject{{"name", "Customer"}}}, {"wa_id", to}}}},
        {"statuses",
         QJsonArray{QJsonObject{
             {"id", wamid},
             {"status", status},
             {"timestamp", now},
             {"recipient_id", to},
             {"conversation", conversation},
             {"pricing", QJsonObject{{"billable", true}, {"pricing_model", "CBP"}, {"category", "service"}}}}}}};
    const QJsonObject hook{
        {"object", "whatsapp_business_account"},
        {"entry",
         QJsonArray{QJsonObject{{"id", "5467539754836534"},
                                {"changes", QJsonArray{QJsonObject{{"value", value}, {"field", "messages"}}}}}}}};
    const QByteArray body = QJsonDocument(hook).toJson(QJsonDocument::Compact);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("X-Hub-Signature-256",
                         "sha256="
                             + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex());
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    QNetworkReply *reply = m_nam->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, wamid, to, status] {
        reply->deleteLater();
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (code >= 200 && code < 300) {
            const QMutexLocker lock(&m_state->mutex);
            ++m_state->webhooksDelivered;
        }
        if (status == QLatin1String("sent"))
            postStatus(wamid, to, "delivered");
    });
}

FakeCloudApi::FakeCloudApi(const QString &phoneNumberId, const QString &accessToken, const QString &version)
    : m_state(std::make_unique<State>())
{
    m_state->phoneNumberId = phoneNumberId;
    m_state->token = accessToken;
    m_state->version = version;
    m_state->clock.start();
    m_state->thread.setObjectName("FakeCloudApi");
    m_state->thread.start();
    m_state->server = new Server(m_state.get());
    m_state->server->moveToThread(&m_state->thread);
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_state->server, [&] { port = m_state->server->listen(); }, Qt::BlockingQueuedConnection);
    m_state->port = port;
}

FakeCloudApi::~FakeCloudApi()
{
    QMetaObject::invokeMethod(
        m_state->server, [this] { m_state->server->shutdown(); }, Qt::BlockingQueuedConnection);
    m_state->thread.quit();
    m_state->thread.wait();
    delete m_state->server;
}

quint16 FakeCloudApi::port() const
{
    return m_state->port;
}

QString FakeCloudApi::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_state->port).arg(m_state->version);
}

QString FakeCloudApi::phoneNumberId() const
{
    return m_state->phoneNumberId;
}

QString FakeCloudApi::accessToken() const
{
    return m_state->token;
}

void FakeCloudApi::failAllFor(std::chrono::milliseconds duration, int httpStatus, int code)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->failAll = true;
    m_state->failUntil = QDeadlineTimer(duration);
    m_state->failAllWith = {httpStatus, code};
}

void FakeCloudApi::failNext(int count, int httpStatus, int code)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->failNextCount = count;
    m_state->failNextWith = {httpStatus, code};
}

void FakeCloudApi::failRecipient(const QString &waId, int httpStatus, int code)
{
    const QMutexLocker lock(&m_state->mutex);
    if (code == 0)
        m_state->failRecipients.remove(waId);
    else
        m_state->failRecipients.insert(waId, {httpStatus, code});
}

void FakeCloudApi::expireToken()
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->tokenExpired = true;
}

void FakeCloudApi::renewToken()
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->tokenExpired = false;
}

void FakeCloudApi::setLatency(int ms)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->latencyMs = ms;
}

void FakeCloudApi::setFileSizeStyle(FileSize style)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->fileSize = style;
}

void FakeCloudApi::setStatusWebhook(const QUrl &url, const QByteArray &appSecret, const QString &phoneNumberId)
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->webhookUrl = url;
    m_state->webhookSecret = appSecret;
    m_state->webhookPhoneNumberId = phoneNumberId;
}

QString FakeCloudApi::addMedia(const QByteArray &bytes, const QString &mimeType)
{
    const QMutexLocker lock(&m_state->mutex);
    const QString id = QString::number(2013859600000000ULL + ++m_state->counter);
    m_state->media.insert(id, Media{bytes, mimeType});
    return id;
}

QList<FakeCloudApi::SentMessage> FakeCloudApi::sentMessages() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->sent;
}

bool FakeCloudApi::waitForMessages(int n, int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_state->mutex);
    while (m_state->sent.size() < n) {
        if (!m_state->sentChanged.wait(&m_state->mutex, deadline))
            break;
    }
    return m_state->sent.size() >= n;
}

QList<FakeCloudApi::ReadReceipt> FakeCloudApi::readReceipts() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->reads;
}

QList<FakeCloudApi::Upload> FakeCloudApi::uploads() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->uploads;
}

QList<FakeCloudApi::Request> FakeCloudApi::requests() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->requests;
}

int FakeCloudApi::downloads() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->downloads;
}

int FakeCloudApi::statusWebhooksDelivered() const
{
    const QMutexLocker lock(&m_state->mutex);
    return m_state->webhooksDelivered;
}

void FakeCloudApi::clear()
{
    const QMutexLocker lock(&m_state->mutex);
    m_state->sent.clear();
    m_state->reads.clear();
    m_state->uploads.clear();
    m_state->requests.clear();
    m_state->downloads = 0;
    m_state->webhooksDelivered = 0;
    m_state->failAll = false;
    m_state->failNextCount = 0;
    m_state->failRecipients.clear();
}

} // namespace kedai::test
