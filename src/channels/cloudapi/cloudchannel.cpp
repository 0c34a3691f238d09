#include "channels/cloudapi/cloudchannel.h"

#include "channels/cloudapi/cloudrequests.h"
#include "common/log.h"
#include "domain/interactive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QMutexLocker>
#include <QSaveFile>
#include <QUrl>

#include <utility>

namespace kedai::channels::cloudapi {

namespace {

// The Cloud API's limit for images (PROTOCOLS.md §1.6 media); a bigger QR image is a bug upstream.
constexpr qint64 kMaxImageBytes = 5 * 1024 * 1024;

auto logger()
{
    return log::get("cloudapi");
}

common::Error permanent(const QString &message)
{
    return common::makeError(QStringLiteral("channel.permanent"), message);
}

} // namespace

CloudApiChannel::CloudApiChannel(CloudApiConfig config) : m_config(std::move(config)) {}

bool CloudApiChannel::configured() const
{
    return !m_config.phoneNumberId.trimmed().isEmpty() && !m_config.accessToken.trimmed().isEmpty();
}

HttpRequest CloudApiChannel::request(const QByteArray &method, const QString &pathOrUrl) const
{
    HttpRequest r;
    r.method = method;
    if (pathOrUrl.startsWith(QLatin1String("http://")) || pathOrUrl.startsWith(QLatin1String("https://"))) {
        r.url = QUrl(pathOrUrl);
    } else {
        QString base = m_config.apiBaseUrl;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        r.url = QUrl(base + QLatin1Char('/') + pathOrUrl);
    }
    r.headers << qMakePair(QByteArrayLiteral("Authorization"),
                           QByteArrayLiteral("Bearer ") + m_config.accessToken.toUtf8());
    r.timeoutMs = m_config.timeoutMs;
    return r;
}

void CloudApiChannel::record(Outcome outcome, const QString &message)
{
    const QMutexLocker lock(&m_mutex);
    switch (outcome) {
    case Outcome::Success:
        m_tokenRefused = false;
        m_transientInRow = 0;
        break;
    case Outcome::Auth:
        m_tokenRefused = true;
        m_lastError = message;
        break;
    case Outcome::Transient:
        ++m_transientInRow;
        m_lastError = message;
        break;
    case Outcome::Permanent:
        // The API answered, so it is reachable; the message itself was wrong.
        m_transientInRow = 0;
        break;
    }
}

common::Error CloudApiChannel::failure(const HttpResponse &response)
{
    common::Error e = classifySendError(response.status, response.body, response.status == 0);
    if (response.status == 0 && !response.error.isEmpty())
        e.message += QStringLiteral(": ") + truncated(response.error, 200);
    if (!m_config.accessToken.isEmpty())
        e.message.replace(m_config.accessToken, QStringLiteral("***"));
    if (e.code == QLatin1String("channel.auth"))
        record(Outcome::Auth, e.message);
    else if (e.code == QLatin1String("channel.transient"))
        record(Outcome::Transient, e.message);
    else
        record(Outcome::Permanent, e.message);
    return e;
}

common::Result<QString> CloudApiChannel::postMessage(const QJsonObject &body)
{
    HttpRequest r = request("POST", m_config.phoneNumberId + QStringLiteral("/messages"));
    r.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    r.body = jsonBody(body);
    const HttpResponse response = httpRequest(r);
    if (!response.ok())
        return failure(response);
    record(Outcome::Success);
    const QString id = sentMessageId(response.body);
    if (id.isEmpty()) {
        // Accepted without an id: sending again could duplicate it, so it counts as sent.
        logger()->warn("send accepted without a message id (HTTP {})", response.status);
    }
    return id;
}

common::Result<QString> CloudApiChannel::sendText(const QString &to, const QString &text)
{
    const QStringList parts = splitText(text);
    if (parts.isEmpty())
        return permanent(QStringLiteral("The message has no text to send"));
    QString lastId;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        auto sent = postMessage(textBody(to, parts.at(i)));
        if (!sent) {
            // The earlier parts were delivered and the sender will retry the whole message on a
            // transient error, so the customer may get those parts twice. Accepted: a long text
            // arriving twice beats part of it never arriving.
            if (i > 0) {
                logger()->warn("part {} of {} failed after {} parts were accepted ({}); a retry repeats them", i + 1,
                               parts.size(), i, sent.error().code);
            }
            common::Error e = sent.error();
            e.details.insert(QStringLiteral("partsSent"), int(i));
            return e;
        }
        lastId = sent.value();
    }
    return lastId;
}

common::Result<QString> CloudApiChannel::uploadMedia(const QString &path, QString *mimeType)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return permanent(QStringLiteral("The image file cannot be read: %1").arg(QFileInfo(path).fileName()));
    if (file.size() > kMaxImageBytes)
        return permanent(QStringLiteral("The image is larger than 5 MB: %1").arg(QFileInfo(path).fileName()));
    const QByteArray bytes = file.readAll();
    const QByteArray mime = QMimeDatabase().mimeTypeForFileNameAndData(path, bytes).name().toUtf8();
    *mimeType = QString::fromUtf8(mime);

    QByteArray contentType;
    const QByteArray body = multipartBody({{"messaging_product", "whatsapp", {}, {}},
                                           {"file", bytes, QFileInfo(path).fileName().toUtf8(), mime},
                                           {"type", mime, {}, {}}},
                                          &contentType);
    HttpRequest r = request("POST", m_config.phoneNumberId + QStringLiteral("/media"));
    r.headers << qMakePair(QByteArrayLiteral("Content-Type"), contentType);
    r.body = body;
    const HttpResponse response = httpRequest(r);
    if (!response.ok())
        return failure(response);
    record(Outcome::Success);
    const QString id = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("id")).toString();
    if (id.isEmpty())
        return common::makeError(QStringLiteral("channel.transient"),
                                 QStringLiteral("WhatsApp media upload answered without a media id"));
    return id;
}

common::Result<QString> CloudApiChannel::sendImage(const domain::OutboundMessage &message)
{
    QString mime;
    auto mediaId = uploadMedia(message.mediaPath, &mime);
    if (!mediaId)
        return mediaId.error();
    const ImageMessage image = imageMessage(message.to, mediaId.value(), message.text);
    auto sent = postMessage(image.image);
    if (!sent)
        return sent.error();
    QString lastId = sent.value();
    for (const QString &text : image.followingTexts) {
        // Same duplicate risk as a split text: a retry sends the image again.
        auto more = postMessage(textBody(message.to, text));
        if (!more) {
            logger()->warn("the rest of an image caption failed after the image was accepted ({})", more.error().code);
            return more.error();
        }
        lastId = more.value();
    }
    return lastId;
}

common::Result<SendReceipt> CloudApiChannel::send(const domain::OutboundMessage &message)
{
    if (!configured()) {
        return permanent(QStringLiteral("WhatsApp Cloud API is not configured: set WA_PHONE_NUMBER_ID and "
                                        "WA_ACCESS_TOKEN"));
    }
    if (message.to.isEmpty())
        return permanent(QStringLiteral("The message has no recipient"));

    common::Result<QString> sent;
    switch (message.type) {
    case domain::MessageType::Image: sent = sendImage(message); break;
    case domain::MessageType::Interactive: {
        const auto interactive = domain::Interactive::fromJson(message.payload);
        if (interactive) {
            auto body = interactiveBody(message.to, *interactive);
            if (body) {
                sent = postMessage(body.value());
                break;
            }
        }
        const QString text = message.text.isEmpty() && interactive ? interactive->fallbackText({}) : message.text;
        sent = sendText(message.to, text);
        break;
    }
    default: sent = sendText(message.to, message.text); break;
    }
    if (!sent)
        return sent.error();
    return SendReceipt{sent.value()};
}

void CloudApiChannel::markRead(const domain::InboundMessage &message)
{
    if (!configured() || message.externalId.isEmpty())
        return;
    HttpRequest r = request("POST", m_config.phoneNumberId + QStringLiteral("/messages"));
    r.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    r.body = jsonBody(markReadBody(message.externalId));
    const HttpResponse response = httpRequest(r);
    if (!response.ok()) {
        const common::Error e = failure(response);
        logger()->warn("mark-as-read failed: {}", e.message);
        return;
    }
    record(Outcome::Success);
}

common::Result<MediaFile> CloudApiChannel::downloadMedia(const domain::InboundMessage &message, const QString &dir,
                                                         qint64 maxBytes)
{
    if (!configured())
        return permanent(QStringLiteral("WhatsApp Cloud API is not configured"));
    if (message.mediaId.isEmpty())
        return permanent(QStringLiteral("The message has no media id"));
    // A refused token may be renewed: the download can be tried again then.
    const auto mediaError = [this](const HttpResponse &response) {
        common::Error e = failure(response);
        if (e.code == QLatin1String("channel.auth"))
            e.code = QStringLiteral("channel.transient");
        return e;
    };
    const auto tooLarge = [maxBytes](qint64 size) {
        return common::makeError(QStringLiteral("channel.media_too_large"),
                                 QStringLiteral("The file is larger than %1 bytes").arg(maxBytes),
                                 {{QStringLiteral("size"), size}, {QStringLiteral("maxBytes"), maxBytes}});
    };

    const HttpResponse infoResponse = httpRequest(
        request("GET", QString::fromUtf8(QUrl::toPercentEncoding(message.mediaId))));
    if (!infoResponse.ok())
        return mediaError(infoResponse);
    record(Outcome::Success);
    const auto info = parseMediaInfo(infoResponse.body);
    if (!info)
        return permanent(QStringLiteral("WhatsApp media lookup answered without a URL"));
    if (maxBytes > 0 && info->fileSize > maxBytes)
        return tooLarge(info->fileSize);
    // The bearer goes only to https, or to http when the API itself is http (a local fake).
    const QUrl url(info->url);
    if (url.scheme() != QLatin1String("https")
        && !(url.scheme() == QLatin1String("http") && m_config.apiBaseUrl.startsWith(QLatin1String("http://"))))
        return permanent(QStringLiteral("WhatsApp media URL is not https"));

    HttpRequest r = request("GET", info->url);
    r.maxResponseBytes = maxBytes;
    const HttpResponse file = httpRequest(r);
    if (file.tooLarge || (maxBytes > 0 && file.body.size() > maxBytes))
        return tooLarge(file.tooLarge ? -1 : file.body.size());
    if (!file.ok())
        return mediaError(file);
    record(Outcome::Success);

    const QString mime = info->mimeType.isEmpty() ? message.mediaMime : info->mimeType;
    if (!QDir().mkpath(dir))
        return permanent(QStringLiteral("Cannot create the media folder %1").arg(dir));
    const QString path = QDir(dir).absoluteFilePath(mediaFileName(message.mediaId, mime));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(file.body) != file.body.size() || !out.commit())
        return permanent(QStringLiteral("Cannot write %1: %2").arg(path, out.errorString()));
    return MediaFile{path, mime, file.body.size()};
}

QJsonObject CloudApiChannel::health() const
{
    const auto state = [](const QString &s, const QString &detail) {
        QJsonObject o{{QStringLiteral("state"), s}};
        if (!detail.isEmpty())
            o.insert(QStringLiteral("detail"), detail);
        return o;
    };
    if (!configured()) {
        return state(QStringLiteral("unconfigured"),
                     QStringLiteral("Set WA_PHONE_NUMBER_ID and WA_ACCESS_TOKEN to send through WhatsApp"));
    }
    const QMutexLocker lock(&m_mutex);
    if (m_tokenRefused) {
        return state(QStringLiteral("token_expired"),
                     QStringLiteral("WhatsApp refused the access token (expired or revoked): renew WA_ACCESS_TOKEN "
                                    "in the Meta dashboard and save it in the settings"));
    }
    if (m_transientInRow >= kFailingAfter) {
        return state(
            QStringLiteral("failing"),
            QStringLiteral("%1 WhatsApp calls failed in a row; last: %2").arg(m_transientInRow).arg(m_lastError));
    }
    return state(QStringLiteral("ok"), {});
}

} // namespace kedai::channels::cloudapi
