#include "server/channelroutes.h"

#include "channels/cloudapi/cloudwebhook.h"
#include "channels/waha/wahawebhook.h"
#include "common/log.h"
#include "domain/interactive.h"
#include "server/httputil.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace kedai::server {

using http::Status;

namespace {

/// An interactive answer whose choice is a bot command ("cmd:buy NF1 1") is handled as that
/// command; any other answer as the title the customer saw.
domain::InboundMessage fromCloud(const channels::cloudapi::CloudMessage &cloud)
{
    domain::InboundMessage m = cloud.message;
    if (const QString command = domain::commandOfChoice(cloud.replyId); !command.isEmpty())
        m.text = command;
    m.mediaId = cloud.mediaId;
    m.mediaMime = cloud.mimeType;
    return m;
}

QHttpServerResponse unauthorized(const QString &code, const QString &message)
{
    return http::errorResponse(Status::Unauthorized, code, message);
}

} // namespace

QHttpServerResponse ChannelRoutes::whatsappVerify(const QHttpServerRequest &request) const
{
    const ChannelSecrets secrets = m_backend->channelSecrets();
    // The keys contain dots: read them literally from the query.
    const QUrlQuery query(request.url());
    const auto value = [&](const char *key) {
        return query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
    };
    const auto challenge = channels::cloudapi::verifyChallenge(value("hub.mode"), value("hub.verify_token"),
                                                               value("hub.challenge"), secrets.waVerifyToken);
    if (!challenge)
        return http::errorResponse(Status::Forbidden, QStringLiteral("verification_failed"),
                                   secrets.waVerifyToken.isEmpty()
                                       ? QStringLiteral("WA_VERIFY_TOKEN is not set in Kedai: set it to the verify "
                                                        "token you type in the Meta App Dashboard.")
                                       : QStringLiteral("The verify token does not match WA_VERIFY_TOKEN."));
    return QHttpServerResponse(QByteArrayLiteral("text/plain"), challenge->toUtf8(), Status::Ok);
}

QHttpServerResponse ChannelRoutes::whatsappEvent(const QHttpServerRequest &request) const
{
    const ChannelSecrets secrets = m_backend->channelSecrets();
    if (secrets.waAppSecret.isEmpty())
        return unauthorized(QStringLiteral("not_configured"),
                            QStringLiteral("WA_APP_SECRET is not set in Kedai, so no webhook can be verified: set it "
                                           "to the app secret (Meta App Dashboard, App settings, Basic)."));
    const QByteArray signature = request.value(QByteArrayLiteral("X-Hub-Signature-256")).trimmed();
    if (signature.isEmpty())
        return unauthorized(QStringLiteral("signature_missing"),
                            QStringLiteral("The X-Hub-Signature-256 header is missing."));
    // On the raw bytes, before any parsing: a forged body is never read.
    if (!channels::cloudapi::verifySignature(request.body(), signature, secrets.waAppSecret))
        return unauthorized(QStringLiteral("signature_invalid"),
                            QStringLiteral("X-Hub-Signature-256 does not match the body (check WA_APP_SECRET)."));
    auto update = channels::cloudapi::parseWebhook(request.body());
    if (!update)
        return http::errorResponse(Status::BadRequest, QStringLiteral("bad_body"), update.error().message);
    for (const auto &e : update->errors)
        log::get("whatsapp")->warn("Cloud API reported error {}: {}", e.code, e.title);
    QList<domain::InboundMessage> messages;
    for (const auto &cloud : update->messages)
        messages << fromCloud(cloud);
    QList<DeliveryStatus> statuses;
    for (const auto &s : update->statuses) {
        QString error;
        if (s.errorCode != 0)
            error = QStringLiteral("WhatsApp %1: %2").arg(s.errorCode).arg(s.errorTitle);
        if (!s.errorDetails.isEmpty())
            error += QStringLiteral(" (") + s.errorDetails + QLatin1Char(')');
        statuses << DeliveryStatus{QStringLiteral("whatsapp"), s.messageId, s.status, s.timestamp, s.errorCode, error};
    }
    return store(messages, statuses, update->skipped);
}

QHttpServerResponse ChannelRoutes::wahaEvent(const QHttpServerRequest &request) const
{
    const ChannelSecrets secrets = m_backend->channelSecrets();
    if (!secrets.waha)
        return http::errorResponse(Status::NotFound, QStringLiteral("not_configured"),
                                   QStringLiteral("The WAHA channel is off: set WAHA_URL to use it."));
    if (!secrets.wahaHmacKey.isEmpty()) {
        const QByteArray hmac = request.value(QByteArrayLiteral("X-Webhook-Hmac")).trimmed();
        if (hmac.isEmpty())
            return unauthorized(QStringLiteral("signature_missing"),
                                QStringLiteral("The X-Webhook-Hmac header is missing (WAHA_HMAC_KEY is set)."));
        const QByteArray algorithm = request.value(QByteArrayLiteral("X-Webhook-Hmac-Algorithm")).trimmed();
        if (!algorithm.isEmpty() && algorithm.compare("sha512", Qt::CaseInsensitive) != 0)
            return unauthorized(QStringLiteral("signature_invalid"),
                                QStringLiteral("Only sha512 webhook signatures are accepted."));
        if (!channels::waha::verifyHmac(request.body(), hmac, secrets.wahaHmacKey))
            return unauthorized(QStringLiteral("signature_invalid"),
                                QStringLiteral("X-Webhook-Hmac does not match the body (check WAHA_HMAC_KEY)."));
    }
    auto update = channels::waha::parseWebhook(request.body(), secrets.wahaSession);
    if (!update)
        return http::errorResponse(Status::BadRequest, QStringLiteral("bad_body"), update.error().message);
    QList<DeliveryStatus> statuses;
    for (const auto &ack : update->statuses)
        statuses << DeliveryStatus{QStringLiteral("waha"),
                                   ack.messageId,
                                   ack.status,
                                   QDateTime::currentDateTimeUtc(),
                                   0,
                                   ack.status == QLatin1String("failed")
                                       ? QStringLiteral("WAHA reported the message as not delivered")
                                       : QString()};
    return store(update->messages, statuses, update->skipped);
}

QHttpServerResponse ChannelRoutes::store(const QList<domain::InboundMessage> &messages,
                                         const QList<DeliveryStatus> &statuses, int skipped) const
{
    int stored = 0;
    int duplicates = 0;
    for (const auto &m : messages) {
        auto outcome = m_backend->ingest(m);
        if (!outcome) {
            // Not stored: the channel sends the webhook again; what was stored is deduplicated.
            return http::errorResponse(Status::ServiceUnavailable, QStringLiteral("unavailable"),
                                       QStringLiteral("The message could not be stored now; send it again later."));
        }
        outcome->duplicate ? ++duplicates : ++stored;
    }
    int recorded = 0;
    if (!statuses.isEmpty()) {
        auto r = m_backend->recordDeliveries(statuses);
        if (!r)
            return http::errorResponse(Status::ServiceUnavailable, QStringLiteral("unavailable"),
                                       QStringLiteral("The statuses could not be stored now; send them again later."));
        recorded = *r;
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("stored"), stored},
                                           {QStringLiteral("duplicates"), duplicates},
                                           {QStringLiteral("statuses"), recorded},
                                           {QStringLiteral("skipped"), skipped}},
                               Status::Ok);
}

} // namespace kedai::server
