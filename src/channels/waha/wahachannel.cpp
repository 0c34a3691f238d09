#include "channels/waha/wahachannel.h"

#include "channels/httpclient.h"
#include "channels/waha/wahawebhook.h"
#include "common/log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QUrl>

#include <algorithm>

namespace kedai::channels::waha {

namespace {

constexpr int kFailingAfter = 5;
constexpr int kSeenTimeoutMs = 5000;
constexpr qsizetype kMaxDetail = 300;

QString transient()
{
    return QStringLiteral("channel.transient");
}
QString permanent()
{
    return QStringLiteral("channel.permanent");
}

common::Error error(const QString &code, const QString &message, int status = 0)
{
    QVariantMap details;
    if (status > 0)
        details.insert(QStringLiteral("code"), status);
    return common::makeError(code, message, details);
}

// What WAHA said in an error body: NestJS puts it in `message` (a string or a list), WAHA's own
// session errors in `error`.
QString wahaSays(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QString text;
    const QJsonValue message = object.value(QLatin1String("message"));
    if (message.isString())
        text = message.toString();
    else if (message.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : message.toArray())
            parts << part.toString();
        text = parts.join(QStringLiteral("; "));
    }
    if (text.isEmpty())
        text = object.value(QLatin1String("error")).toString();
    if (text.isEmpty())
        text = QString::fromUtf8(body.left(kMaxDetail)).simplified();
    return text.left(kMaxDetail);
}

// The id of a created message: a string, or on some engines an object with `_serialized`.
QString messageId(const QByteArray &body)
{
    const QJsonValue id = QJsonDocument::fromJson(body).object().value(QLatin1String("id"));
    if (id.isObject())
        return id.toObject().value(QLatin1String("_serialized")).toString();
    return id.toString();
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

QString suffixFor(const QString &mimeType)
{
    const QString mime = mimeType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    static const QHash<QString, QString> known = {
        {QStringLiteral("image/jpeg"), QStringLiteral("jpg")},  {QStringLiteral("image/png"), QStringLiteral("png")},
        {QStringLiteral("image/webp"), QStringLiteral("webp")}, {QStringLiteral("image/gif"), QStringLiteral("gif")},
        {QStringLiteral("audio/ogg"), QStringLiteral("ogg")},   {QStringLiteral("audio/mpeg"), QStringLiteral("mp3")},
        {QStringLiteral("audio/mp4"), QStringLiteral("m4a")},   {QStringLiteral("audio/aac"), QStringLiteral("aac")},
        {QStringLiteral("audio/amr"), QStringLiteral("amr")},
    };
    QString suffix = known.value(mime);
    if (suffix.isEmpty() && !mime.isEmpty())
        suffix = QMimeDatabase().mimeTypeForName(mime).preferredSuffix();
    // The type comes from a webhook: keep only what is safe in a file name.
    const bool safe = !suffix.isEmpty() && suffix.size() <= 8
                      && std::all_of(suffix.cbegin(), suffix.cend(), [](QChar c) {
                             return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                                    || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
                         });
    return safe ? suffix : QStringLiteral("bin");
}

QString randomHex()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &url) { return url.scheme() == QLatin1String("https") ? 443 : 80; };
    return a.isValid() && b.isValid() && a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 && !a.host().isEmpty()
           && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(defaultPort(a)) == b.port(defaultPort(b))
           && a.userInfo().isEmpty();
}

} // namespace

WahaChannel::WahaChannel(WahaConfig config) : m_config(std::move(config)) {}

HttpResponse WahaChannel::post(const QString &path, const QJsonObject &body, int timeoutMs) const
{
    QString base = m_config.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = QUrl(base + path);
    request.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                       {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}};
    if (!m_config.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("X-Api-Key"), m_config.apiKey.toUtf8()});
    request.body = jsonBody(body);
    request.timeoutMs = timeoutMs;
    return httpRequest(request);
}

common::Error WahaChannel::classify(const HttpResponse &response, const QString &what, bool countsForFailing)
{
    const int status = response.status;
    const QString server = displayUrl(QUrl(m_config.baseUrl));
    common::Error result;
    Outcome outcome = Outcome::Permanent;
    if (status == 0) {
        outcome = Outcome::Transient;
        const QString text = response.timedOut ? QStringLiteral("WAHA at %1 did not answer in time (%2): %3")
                                               : QStringLiteral("WAHA at %1 is unreachable (%2): %3");
        result = error(transient(), text.arg(server, what, response.error.left(kMaxDetail)));
    } else if (status == 401 || status == 403) {
        outcome = Outcome::Auth;
        result = error(QStringLiteral("channel.auth"),
                       QStringLiteral("WAHA refused the API key (HTTP %1): set the key WAHA runs with "
                                      "(WAHA_API_KEY) in Kedai's WAHA settings")
                           .arg(status),
                       status);
    } else if (status == 429 || status >= 500) {
        outcome = Outcome::Transient;
        result = error(
            transient(),
            QStringLiteral("WAHA could not %1 (HTTP %2): %3").arg(what).arg(status).arg(wahaSays(response.body)),
            status);
        bool ok = false;
        const int retryAfter = response.header("Retry-After").toInt(&ok);
        if (ok && retryAfter > 0 && retryAfter < 3600)
            result.details.insert(QStringLiteral("retryAfterMs"), retryAfter * 1000);
    } else if (status == 422) {
        result = error(permanent(),
                       QStringLiteral("WAHA session \"%1\" is not running: start it in WAHA's dashboard (%2)")
                           .arg(m_config.session, wahaSays(response.body)),
                       status);
    } else if (status == 404) {
        result = error(permanent(),
                       QStringLiteral("WAHA answered 404 Not Found (%1): check the WAHA URL and that this WAHA "
                                      "version has the endpoint (%2)")
                           .arg(what, wahaSays(response.body)),
                       status);
    } else {
        result = error(
            permanent(),
            QStringLiteral("WAHA refused to %1 (HTTP %2): %3").arg(what).arg(status).arg(wahaSays(response.body)),
            status);
    }
    record(outcome, countsForFailing, result.message);
    return result;
}

void WahaChannel::record(Outcome outcome, bool countsForFailing, const QString &detail)
{
    QMutexLocker lock(&m_mutex);
    switch (outcome) {
    case Outcome::Success:
        m_authFailed = false;
        m_transientInRow = 0;
        m_lastError.clear();
        break;
    case Outcome::Auth:
        m_authFailed = true;
        m_lastError = detail;
        break;
    case Outcome::Transient:
        if (countsForFailing)
            ++m_transientInRow;
        m_lastError = detail;
        break;
    case Outcome::Permanent:
        // WAHA answered: it is reachable, the request itself was wrong.
        m_transientInRow = 0;
        m_lastError = detail;
        break;
    }
}

common::Result<SendReceipt> WahaChannel::send(const domain::OutboundMessage &message)
{
    if (m_config.baseUrl.isEmpty())
        return error(permanent(), QStringLiteral("WAHA is not configured: set its URL in Kedai's WAHA settings"));
    const QString chatId = chatIdFor(message.to);
    if (chatId.isEmpty())
        return error(permanent(), QStringLiteral("\"%1\" is not a WhatsApp number").arg(message.to.left(64)));

    QJsonObject body{{QStringLiteral("session"), m_config.session}, {QStringLiteral("chatId"), chatId}};
    QString path;
    switch (message.type) {
    case domain::MessageType::Text:
    case domain::MessageType::Interactive: // WAHA has no lists or buttons: `text` is the fallback
        if (message.text.isEmpty())
            return error(permanent(), QStringLiteral("the message is empty"));
        path = QStringLiteral("/api/sendText");
        body.insert(QStringLiteral("text"), message.text);
        break;
    case domain::MessageType::Image: {
        QFile file(message.mediaPath);
        if (message.mediaPath.isEmpty() || !file.open(QIODevice::ReadOnly))
            return error(permanent(), QStringLiteral("the image file \"%1\" cannot be read").arg(message.mediaPath));
        const QByteArray data = file.readAll();
        path = QStringLiteral("/api/sendImage");
        body.insert(QStringLiteral("file"),
                    QJsonObject{{QStringLiteral("mimetype"),
                                 QMimeDatabase().mimeTypeForFileNameAndData(message.mediaPath, data).name()},
                                {QStringLiteral("data"), QString::fromLatin1(data.toBase64())},
                                {QStringLiteral("filename"), QFileInfo(message.mediaPath).fileName()}});
        body.insert(QStringLiteral("caption"), message.text);
        break;
    }
    default:
        return error(permanent(),
                     QStringLiteral("WAHA channel cannot send %1 messages").arg(domain::messageTypeName(message.type)));
    }

    const HttpResponse response = post(path, body, m_config.timeoutMs);
    if (!response.ok())
        return classify(response, QStringLiteral("send the message"), true);
    record(Outcome::Success, true, {});
    const QString id = messageId(response.body);
    if (id.isEmpty())
        log::get("channels")->warn("WAHA sent message {} but its answer has no message id", message.id);
    return SendReceipt{id};
}

void WahaChannel::markRead(const domain::InboundMessage &message)
{
    const QString chatId = chatIdFor(message.from);
    if (m_config.baseUrl.isEmpty() || chatId.isEmpty())
        return;
    QJsonObject body{{QStringLiteral("session"), m_config.session}, {QStringLiteral("chatId"), chatId}};
    if (!message.externalId.isEmpty())
        body.insert(QStringLiteral("messageId"), message.externalId);
    // Best effort on a bot shard: a slow WAHA must not hold up the customer's answer for long.
    const HttpResponse response = post(QStringLiteral("/api/sendSeen"), body, qMin(m_config.timeoutMs, kSeenTimeoutMs));
    if (response.ok()) {
        record(Outcome::Success, false, {});
        return;
    }
    const common::Error failure = classify(response, QStringLiteral("mark the message read"), false);
    log::get("channels")->warn("WAHA sendSeen for {} failed: {}", message.externalId, failure.message);
}

common::Result<MediaFile> WahaChannel::downloadMedia(const domain::InboundMessage &message, const QString &dir,
                                                     qint64 maxBytes)
{
    if (message.mediaId.isEmpty())
        return error(permanent(), QStringLiteral("the message has no file to download"));
    QUrl url(message.mediaId);
    // WAHA names its own files with the address it was started with (often http://localhost:3000
    // behind Docker), which may not be how Kedai reaches it: a file under /api/files/ is fetched
    // from WAHA_URL. Any other address is refused, so a forged webhook cannot make Kedai fetch it.
    if (!sameOrigin(url, QUrl(m_config.baseUrl)) && url.isValid()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && url.path().startsWith(QLatin1String("/api/files/")) && !url.path().contains(QLatin1String(".."))) {
        QUrl local(m_config.baseUrl);
        local.setPath(url.path());
        local.setQuery(url.query());
        url = local;
    }
    if (!sameOrigin(url, QUrl(m_config.baseUrl))) {
        log::get("channels")->warn("refused to download {}: not on the WAHA server", displayUrl(url).left(200));
        return error(permanent(), QStringLiteral("refused to download %1: it is not on the WAHA server %2")
                                      .arg(displayUrl(url).left(200), displayUrl(QUrl(m_config.baseUrl))));
    }
    HttpRequest request;
    request.url = url;
    if (!m_config.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("X-Api-Key"), m_config.apiKey.toUtf8()});
    request.timeoutMs = m_config.timeoutMs;
    request.maxResponseBytes = maxBytes;
    const HttpResponse response = httpRequest(request);
    const auto tooLarge = [&] {
        return error(QStringLiteral("channel.media_too_large"),
                     QStringLiteral("the file is larger than %1 bytes").arg(maxBytes));
    };
    if (response.tooLarge)
        return tooLarge();
    if (!response.ok())
        return classify(response, QStringLiteral("download the file"), false);
    record(Outcome::Success, false, {});
    if (maxBytes > 0 && response.body.size() > maxBytes)
        return tooLarge();

    QString mime = message.mediaMime;
    if (mime.isEmpty())
        mime = QString::fromLatin1(response.header("Content-Type"));
    if (!QDir().mkpath(dir))
        return error(QStringLiteral("channel.media_write_failed"), QStringLiteral("cannot create %1").arg(dir));
    const QString path = QDir(dir).absoluteFilePath(QStringLiteral("in-waha-") + randomHex() + QLatin1Char('.')
                                                    + suffixFor(mime));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(response.body) != response.body.size() || !file.commit())
        return error(QStringLiteral("channel.media_write_failed"),
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return MediaFile{path, mime, response.body.size()};
}

QJsonObject WahaChannel::health() const
{
    const auto state = [](const QString &name, const QString &detail) {
        return QJsonObject{{QStringLiteral("state"), name}, {QStringLiteral("detail"), detail}};
    };
    if (m_config.baseUrl.isEmpty())
        return state(QStringLiteral("unconfigured"), QStringLiteral("no WAHA URL is set"));
    QMutexLocker lock(&m_mutex);
    if (m_authFailed)
        return state(QStringLiteral("auth_failed"), m_lastError);
    if (m_transientInRow >= kFailingAfter)
        return state(QStringLiteral("failing"), m_lastError);
    return state(QStringLiteral("ok"), {});
}

} // namespace kedai::channels::waha
