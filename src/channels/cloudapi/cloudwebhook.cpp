#include "channels/cloudapi/cloudwebhook.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMessageAuthenticationCode>

#include <algorithm>

namespace kedai::channels::cloudapi {

namespace {

constexpr QByteArrayView kSignaturePrefix = "sha256=";
constexpr qsizetype kHexDigits = 64;

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Touches every byte of the longer input so the time taken does not reveal where they differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    const qsizetype length = std::max(a.size(), b.size());
    unsigned diff = a.size() == b.size() ? 0U : 1U;
    for (qsizetype i = 0; i < length; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        diff |= static_cast<unsigned>(x ^ y);
    }
    return diff == 0;
}

common::Error badBody(const QString &why)
{
    return common::makeError(QStringLiteral("cloudapi.bad_body"),
                             QStringLiteral("WhatsApp Cloud API webhook body rejected: ") + why);
}

QString str(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toString();
}

// Timestamps arrive as unix seconds in a string; a number is accepted too.
std::optional<QDateTime> parseTimestamp(const QJsonValue &value)
{
    bool ok = false;
    qint64 seconds = 0;
    if (value.isString())
        seconds = value.toString().toLongLong(&ok);
    else if (value.isDouble()) {
        seconds = value.toInteger(-1);
        ok = seconds >= 0;
    }
    if (!ok || seconds < 0)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

CloudError parseError(const QJsonObject &object)
{
    CloudError error;
    error.code = object.value(QLatin1String("code")).toInt();
    error.title = str(object, QLatin1String("title"));
    error.message = str(object, QLatin1String("message"));
    error.details = object.value(QLatin1String("error_data")).toObject().value(QLatin1String("details")).toString();
    return error;
}

void setUnsupported(CloudMessage &cloud)
{
    cloud.message.type = domain::MessageType::Unsupported;
    cloud.message.text.clear();
}

// Fills the type-specific fields; false when the payload the type promises is malformed.
bool parsePayload(const QJsonObject &json, CloudMessage &cloud)
{
    domain::InboundMessage &message = cloud.message;
    const QString &type = cloud.originalType;
    const QJsonObject payload = json.value(type).toObject();

    if (type == QLatin1String("text")) {
        const QJsonValue body = payload.value(QLatin1String("body"));
        if (!body.isString())
            return false;
        message.type = domain::MessageType::Text;
        message.text = body.toString();
        return true;
    }
    if (type == QLatin1String("image") || type == QLatin1String("audio")) {
        cloud.mediaId = str(payload, QLatin1String("id"));
        if (cloud.mediaId.isEmpty())
            return false;
        cloud.mimeType = str(payload, QLatin1String("mime_type"));
        if (type == QLatin1String("image")) {
            message.type = domain::MessageType::Image;
            message.text = str(payload, QLatin1String("caption"));
        } else {
            message.type = domain::MessageType::Audio;
            cloud.voice = payload.value(QLatin1String("voice")).toBool();
        }
        return true;
    }
    if (type == QLatin1String("interactive")) {
        const QString kind = str(payload, QLatin1String("type"));
        if (kind != QLatin1String("button_reply") && kind != QLatin1String("list_reply")) {
            // Meta sends interactive messages it could not decode without a payload (error 131000).
            setUnsupported(cloud);
            return true;
        }
        const QJsonObject reply = payload.value(kind).toObject();
        cloud.replyId = str(reply, QLatin1String("id"));
        if (cloud.replyId.isEmpty())
            return false;
        message.type = domain::MessageType::Interactive;
        message.text = str(reply, QLatin1String("title"));
        return true;
    }
    if (type == QLatin1String("button")) {
        cloud.replyId = str(payload, QLatin1String("payload"));
        if (cloud.replyId.isEmpty())
            return false;
        message.type = domain::MessageType::Interactive;
        message.text = str(payload, QLatin1String("text"));
        return true;
    }
    setUnsupported(cloud);
    return true;
}

std::optional<CloudMessage> parseMessage(const QJsonObject &json, const QHash<QString, QString> &names)
{
    CloudMessage cloud;
    domain::InboundMessage &message = cloud.message;
    message.channel = QStringLiteral("whatsapp");
    message.externalId = str(json, QLatin1String("id"));
    message.from = str(json, QLatin1String("from"));
    cloud.originalType = str(json, QLatin1String("type"));
    const std::optional<QDateTime> receivedAt = parseTimestamp(json.value(QLatin1String("timestamp")));
    if (message.externalId.isEmpty() || message.from.isEmpty() || cloud.originalType.isEmpty() || !receivedAt)
        return std::nullopt;
    message.receivedAt = *receivedAt;
    message.name = names.value(message.from);
    cloud.contextId = json.value(QLatin1String("context")).toObject().value(QLatin1String("id")).toString();
    const QJsonArray errors = json.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty())
        cloud.errorCode = errors.first().toObject().value(QLatin1String("code")).toInt();
    if (!parsePayload(json, cloud))
        return std::nullopt;
    return cloud;
}

std::optional<CloudStatus> parseStatus(const QJsonObject &json)
{
    static const QStringList known = {QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read"),
                                      QStringLiteral("failed"), QStringLiteral("played")};
    CloudStatus status;
    status.messageId = str(json, QLatin1String("id"));
    status.recipient = str(json, QLatin1String("recipient_id"));
    status.status = str(json, QLatin1String("status"));
    const std::optional<QDateTime> timestamp = parseTimestamp(json.value(QLatin1String("timestamp")));
    if (status.messageId.isEmpty() || !known.contains(status.status) || !timestamp)
        return std::nullopt;
    status.timestamp = *timestamp;
    const QJsonArray errors = json.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const CloudError error = parseError(errors.first().toObject());
        status.errorCode = error.code;
        status.errorTitle = error.title;
        status.errorDetails = error.details;
    }
    return status;
}

void parseValue(const QJsonObject &value, CloudUpdate &update)
{
    QHash<QString, QString> names;
    for (const QJsonValue &contact : value.value(QLatin1String("contacts")).toArray()) {
        const QJsonObject object = contact.toObject();
        names.insert(str(object, QLatin1String("wa_id")),
                     object.value(QLatin1String("profile")).toObject().value(QLatin1String("name")).toString());
    }
    for (const QJsonValue &item : value.value(QLatin1String("messages")).toArray()) {
        if (std::optional<CloudMessage> message = parseMessage(item.toObject(), names))
            update.messages.append(std::move(*message));
        else
            ++update.skipped;
    }
    for (const QJsonValue &item : value.value(QLatin1String("statuses")).toArray()) {
        if (std::optional<CloudStatus> status = parseStatus(item.toObject()))
            update.statuses.append(std::move(*status));
        else
            ++update.skipped;
    }
    for (const QJsonValue &item : value.value(QLatin1String("errors")).toArray())
        update.errors.append(parseError(item.toObject()));
}

} // namespace

bool verifySignature(QByteArrayView rawBody, QByteArrayView headerValue, QByteArrayView appSecret)
{
    if (appSecret.isEmpty() || headerValue.size() != kSignaturePrefix.size() + kHexDigits
        || !headerValue.startsWith(kSignaturePrefix))
        return false;
    const QByteArrayView given = headerValue.sliced(kSignaturePrefix.size());
    // The format check looks only at the attacker's own input, so it may exit early.
    for (const char c : given) {
        if (!isHexDigit(c))
            return false;
    }
    const QByteArray expected = QMessageAuthenticationCode::hash(rawBody.toByteArray(), appSecret.toByteArray(),
                                                                 QCryptographicHash::Sha256)
                                    .toHex();
    unsigned diff = 0;
    for (qsizetype i = 0; i < kHexDigits; ++i) {
        // Setting bit 0x20 lowercases A–F and leaves digits unchanged.
        const auto lowered = static_cast<unsigned char>(given[i] | 0x20);
        diff |= static_cast<unsigned>(lowered ^ static_cast<unsigned char>(expected[i]));
    }
    return diff == 0;
}

std::optional<QString> verifyChallenge(const QString &mode, const QString &token, const QString &challenge,
                                       const QString &expectedToken)
{
    if (expectedToken.isEmpty() || mode != QLatin1String("subscribe"))
        return std::nullopt;
    if (!constantTimeEquals(token.toUtf8(), expectedToken.toUtf8()))
        return std::nullopt;
    return challenge;
}

common::Result<CloudUpdate> parseWebhook(QByteArrayView body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badBody(QStringLiteral("not JSON (") + parseError.errorString() + QStringLiteral(")"));
    if (!document.isObject())
        return badBody(QStringLiteral("not a JSON object"));
    const QJsonObject root = document.object();
    const QString object = str(root, QLatin1String("object"));
    if (object != QLatin1String("whatsapp_business_account"))
        return badBody(QStringLiteral("object is \"") + object + QStringLiteral("\", not whatsapp_business_account"));

    CloudUpdate update;
    for (const QJsonValue &entry : root.value(QLatin1String("entry")).toArray()) {
        for (const QJsonValue &change : entry.toObject().value(QLatin1String("changes")).toArray()) {
            const QJsonObject changeObject = change.toObject();
            if (str(changeObject, QLatin1String("field")) != QLatin1String("messages"))
                continue;
            parseValue(changeObject.value(QLatin1String("value")).toObject(), update);
        }
    }
    return update;
}

} // namespace kedai::channels::cloudapi
