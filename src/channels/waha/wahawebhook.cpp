#include "channels/waha/wahawebhook.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMessageAuthenticationCode>

#include <cmath>
#include <optional>

namespace kedai::channels::waha {

namespace {

constexpr qsizetype kHexDigits = 128; // SHA-512
constexpr qsizetype kMaxUserDigits = 32;
// Unix seconds beyond this (year 5138) are not a timestamp but hostile input.
constexpr double kMaxTimestamp = 1e11;

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isDigits(QStringView text)
{
    if (text.isEmpty() || text.size() > kMaxUserDigits)
        return false;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

QString str(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toString();
}

// The sender as Kedai knows it, or nullopt with the reason in `why`.
std::optional<QString> senderId(const QString &from, QString *why)
{
    const qsizetype at = from.indexOf(QLatin1Char('@'));
    const QStringView server = at < 0 ? QStringView() : QStringView(from).sliced(at + 1);
    if (server == QLatin1String("g.us")) {
        *why = QStringLiteral("group message");
        return std::nullopt;
    }
    if (server == QLatin1String("broadcast")) {
        *why = QStringLiteral("broadcast or status message");
        return std::nullopt;
    }
    QStringView user = at < 0 ? QStringView(from) : QStringView(from).first(at);
    // Multi-device ids may carry the device after a colon (6281…:12@s.whatsapp.net).
    if (const qsizetype colon = user.indexOf(QLatin1Char(':')); colon >= 0)
        user = user.first(colon);
    if (!isDigits(user)) {
        *why = QStringLiteral("sender is not a user id");
        return std::nullopt;
    }
    if (at < 0 || server == QLatin1String("c.us") || server == QLatin1String("s.whatsapp.net"))
        return user.toString();
    if (server == QLatin1String("lid"))
        return user.toString() + QStringLiteral("@lid");
    *why = QStringLiteral("sender is not a user id");
    return std::nullopt;
}

// WAHA sends unix seconds as a number; a numeric string is accepted too. Absent → now.
std::optional<QDateTime> parseTimestamp(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QDateTime::currentDateTimeUtc();
    double seconds = -1;
    if (value.isDouble())
        seconds = value.toDouble();
    else if (value.isString()) {
        bool ok = false;
        seconds = value.toString().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (!std::isfinite(seconds) || seconds < 0 || seconds > kMaxTimestamp)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(seconds), Qt::UTC);
}

void setMedia(const QJsonObject &payload, domain::InboundMessage &message)
{
    const QJsonObject media = payload.value(QLatin1String("media")).toObject();
    QString url = str(media, QLatin1String("url"));
    if (url.isEmpty())
        url = str(payload, QLatin1String("mediaUrl")); // deprecated, older releases
    QString mime = str(media, QLatin1String("mimetype"));
    if (mime.isEmpty())
        mime = payload.value(QLatin1String("_data")).toObject().value(QLatin1String("mimetype")).toString();
    message.mediaId = url;
    message.mediaMime = mime;
    const QString lower = mime.toLower();
    if (url.isEmpty())
        message.type = domain::MessageType::Unsupported; // WAHA could not store the file
    else if (lower.startsWith(QLatin1String("image/")))
        message.type = domain::MessageType::Image;
    else if (lower.startsWith(QLatin1String("audio/")))
        message.type = domain::MessageType::Audio;
    else
        message.type = domain::MessageType::Unsupported;
}

std::optional<domain::InboundMessage> parseMessage(const QJsonObject &payload, QString *why)
{
    const QJsonValue fromMe = payload.value(QLatin1String("fromMe"));
    if (!fromMe.isUndefined() && !fromMe.isNull() && !fromMe.isBool()) {
        *why = QStringLiteral("fromMe is not a boolean");
        return std::nullopt;
    }
    if (fromMe.toBool()) {
        *why = QStringLiteral("our own message");
        return std::nullopt;
    }
    const QJsonValue participant = payload.value(QLatin1String("participant"));
    if (!participant.isUndefined() && !participant.isNull()
        && !(participant.isString() && participant.toString().isEmpty())) {
        *why = QStringLiteral("group message");
        return std::nullopt;
    }
    domain::InboundMessage message;
    message.channel = QStringLiteral("waha");
    message.externalId = str(payload, QLatin1String("id"));
    if (message.externalId.isEmpty()) {
        *why = QStringLiteral("message without id");
        return std::nullopt;
    }
    const std::optional<QString> from = senderId(str(payload, QLatin1String("from")), why);
    if (!from)
        return std::nullopt;
    message.from = *from;
    const std::optional<QDateTime> receivedAt = parseTimestamp(payload.value(QLatin1String("timestamp")));
    if (!receivedAt) {
        *why = QStringLiteral("bad timestamp");
        return std::nullopt;
    }
    message.receivedAt = *receivedAt;
    message.name = payload.value(QLatin1String("_data")).toObject().value(QLatin1String("notifyName")).toString();
    if (message.name.isEmpty())
        message.name = str(payload, QLatin1String("notifyName"));
    message.text = str(payload, QLatin1String("body"));
    if (payload.value(QLatin1String("hasMedia")).toBool())
        setMedia(payload, message);
    else if (message.text.isEmpty())
        message.type = domain::MessageType::Unsupported; // location, sticker, contact card, …
    return message;
}

std::optional<WahaStatus> parseAck(const QJsonObject &payload, QString *why)
{
    WahaStatus status;
    status.messageId = str(payload, QLatin1String("id"));
    if (status.messageId.isEmpty()) {
        *why = QStringLiteral("ack without message id");
        return std::nullopt;
    }
    const QJsonValue ack = payload.value(QLatin1String("ack"));
    const QString ackName = str(payload, QLatin1String("ackName"));
    if (ack.isDouble() && ack.toDouble() == std::floor(ack.toDouble()) && ack.toDouble() >= -1 && ack.toDouble() <= 4)
        status.ack = ack.toInt();
    else if (ack.isUndefined() && !ackName.isEmpty()) {
        static const QStringList names = {QStringLiteral("ERROR"),  QStringLiteral("PENDING"),
                                          QStringLiteral("SERVER"), QStringLiteral("DEVICE"),
                                          QStringLiteral("READ"),   QStringLiteral("PLAYED")};
        const qsizetype index = names.indexOf(ackName);
        if (index < 0) {
            *why = QStringLiteral("unknown ackName");
            return std::nullopt;
        }
        status.ack = static_cast<int>(index) - 1;
    } else {
        *why = QStringLiteral("bad ack");
        return std::nullopt;
    }
    switch (status.ack) {
    case -1: status.status = QStringLiteral("failed"); break;
    case 1: status.status = QStringLiteral("sent"); break;
    case 2: status.status = QStringLiteral("delivered"); break;
    case 3: status.status = QStringLiteral("read"); break;
    case 4: status.status = QStringLiteral("played"); break;
    default: *why = QStringLiteral("pending ack"); return std::nullopt;
    }
    return status;
}

common::Error badBody(const QString &why)
{
    return common::makeError(QStringLiteral("waha.bad_body"), QStringLiteral("WAHA webhook body rejected: ") + why);
}

void skip(WahaUpdate &update, const QString &why)
{
    ++update.skipped;
    update.skipReason = why;
}

} // namespace

bool verifyHmac(QByteArrayView rawBody, QByteArrayView headerValue, QByteArrayView key)
{
    const QByteArrayView given = headerValue.trimmed();
    if (key.isEmpty() || given.size() != kHexDigits)
        return false;
    // The format check looks only at the attacker's own input, so it may exit early.
    for (const char c : given) {
        if (!isHexDigit(c))
            return false;
    }
    const QByteArray expected =
        QMessageAuthenticationCode::hash(rawBody.toByteArray(), key.toByteArray(), QCryptographicHash::Sha512).toHex();
    unsigned diff = 0;
    for (qsizetype i = 0; i < kHexDigits; ++i) {
        // Setting bit 0x20 lowercases A–F and leaves digits unchanged.
        const auto lowered = static_cast<unsigned char>(given[i] | 0x20);
        diff |= static_cast<unsigned>(lowered ^ static_cast<unsigned char>(expected[i]));
    }
    return diff == 0;
}

bool verifySignedRequest(QByteArrayView rawBody, QByteArrayView hmacHeader, QByteArrayView algorithmHeader,
                         QByteArrayView key)
{
    const QByteArrayView algorithm = algorithmHeader.trimmed();
    if (!algorithm.isEmpty() && algorithm.compare("sha512", Qt::CaseInsensitive) != 0)
        return false;
    return verifyHmac(rawBody, hmacHeader, key);
}

common::Result<WahaUpdate> parseWebhook(QByteArrayView body, const QString &expectedSession)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badBody(QStringLiteral("not JSON (") + parseError.errorString() + QStringLiteral(")"));
    if (!document.isObject())
        return badBody(QStringLiteral("not a JSON object"));
    const QJsonObject root = document.object();
    WahaUpdate update;
    update.event = str(root, QLatin1String("event"));
    update.session = str(root, QLatin1String("session"));
    if (update.event.isEmpty())
        return badBody(QStringLiteral("no event"));

    const bool isMessage = update.event == QLatin1String("message") || update.event == QLatin1String("message.any");
    const bool isAck = update.event == QLatin1String("message.ack");
    if (!isMessage && !isAck) {
        ++update.ignored;
        return update;
    }
    if (!expectedSession.isEmpty() && update.session != expectedSession) {
        skip(update, QStringLiteral("session \"%1\" is not \"%2\"").arg(update.session.left(64), expectedSession));
        return update;
    }
    const QJsonValue payload = root.value(QLatin1String("payload"));
    if (!payload.isObject()) {
        skip(update, QStringLiteral("payload is not an object"));
        return update;
    }
    QString why;
    if (isMessage) {
        if (std::optional<domain::InboundMessage> message = parseMessage(payload.toObject(), &why))
            update.messages.append(std::move(*message));
        else
            skip(update, why);
    } else {
        if (std::optional<WahaStatus> status = parseAck(payload.toObject(), &why))
            update.statuses.append(std::move(*status));
        else
            skip(update, why);
    }
    return update;
}

QString chatIdFor(const QString &from)
{
    if (from.contains(QLatin1Char('@')))
        return from;
    QString digits = from;
    digits.remove(QLatin1Char('+')).remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
    if (!isDigits(digits))
        return {};
    return digits + QStringLiteral("@c.us");
}

} // namespace kedai::channels::waha
