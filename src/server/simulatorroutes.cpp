#include "server/simulatorroutes.h"

#include "common/ids.h"
#include "common/log.h"
#include "server/httputil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace kedai::server {

using common::makeError;
using http::Status;

namespace {

const QString kExample = QStringLiteral(R"({"from": "628123456789", "text": "menu"})");

QString quoted(const char *field)
{
    return QLatin1Char('"') + QLatin1String(field) + QLatin1Char('"');
}

/// Reads an optional string field: absent and null give an empty string; any other type is an
/// error, so a client bug (a number for a phone) is reported instead of silently dropped.
common::Result<QString> optionalString(const QJsonObject &body, const char *field)
{
    const QJsonValue value = body.value(QLatin1String(field));
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return makeError(QStringLiteral("wrong_type"), QStringLiteral("Field %1 must be a string.").arg(quoted(field)));
    return value.toString();
}

common::Result<QString> requiredString(const QJsonObject &body, const char *field, const QString &hint)
{
    if (!body.contains(QLatin1String(field)) || body.value(QLatin1String(field)).isNull())
        return makeError(QStringLiteral("missing_field"),
                         QStringLiteral("Field %1 is required: %2.").arg(quoted(field), hint));
    return optionalString(body, field);
}

/// The body of POST /api/simulator/messages as an InboundMessage, or the 400 to send.
common::Result<domain::InboundMessage> parseInbound(const QByteArray &raw)
{
    if (raw.trimmed().isEmpty())
        return makeError(QStringLiteral("invalid_json"),
                         QStringLiteral("The body is empty: send a JSON object such as %1.").arg(kExample));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
    // A body that does not even start like an object ("menu", 42, a form post) is answered with
    // what to send instead of a parser offset.
    if (parseError.error != QJsonParseError::NoError && raw.trimmed().startsWith('{'))
        return makeError(QStringLiteral("invalid_json"), QStringLiteral("The body is not valid JSON (%1 at byte %2).")
                                                             .arg(parseError.errorString())
                                                             .arg(parseError.offset));
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("not_an_object"),
                         QStringLiteral("The body must be a JSON object such as %1.").arg(kExample));
    const QJsonObject body = doc.object();

    const auto from = requiredString(body, "from",
                                     QStringLiteral("the customer's phone number, e.g. \"628123456789\""));
    if (!from)
        return from.error();
    const QString phone = common::normalizePhone(*from);
    if (phone.isEmpty())
        return makeError(QStringLiteral("invalid_phone"),
                         QStringLiteral("Field \"from\" is not a phone number: use 6 to 20 digits, e.g. "
                                        "\"628123456789\" or \"08123456789\"."));

    const auto text = requiredString(body, "text", QStringLiteral("what the customer writes, e.g. \"menu\""));
    if (!text)
        return text.error();
    if (text->trimmed().isEmpty())
        return makeError(QStringLiteral("empty_text"), QStringLiteral("Field \"text\" must not be empty."));
    const qsizetype length = http::codePointCount(*text);
    if (length > SimulatorRoutes::kMaxTextChars)
        return makeError(QStringLiteral("text_too_long"),
                         QStringLiteral("Field \"text\" has %1 characters; the limit is %2.")
                             .arg(length)
                             .arg(SimulatorRoutes::kMaxTextChars));

    const auto name = optionalString(body, "name");
    if (!name)
        return name.error();
    if (http::codePointCount(*name) > SimulatorRoutes::kMaxNameChars)
        return makeError(QStringLiteral("name_too_long"), QStringLiteral("Field \"name\" is longer than %1 characters.")
                                                              .arg(SimulatorRoutes::kMaxNameChars));

    // A client-chosen id lets tests send the same message twice and see the inbox dedupe it.
    const auto id = optionalString(body, "id");
    if (!id)
        return id.error();
    if (body.contains(QLatin1String("id")) && !body.value(QLatin1String("id")).isNull()
        && (id->isEmpty() || id->size() > SimulatorRoutes::kMaxIdChars))
        return makeError(QStringLiteral("invalid_id"), QStringLiteral("Field \"id\" must be 1 to %1 characters long.")
                                                           .arg(SimulatorRoutes::kMaxIdChars));

    domain::InboundMessage message;
    message.channel = QStringLiteral("simulator");
    message.externalId = id->isEmpty() ? QStringLiteral("sim-") + common::randomToken(12) : *id;
    message.from = phone;
    message.name = name->trimmed();
    message.type = domain::MessageType::Text;
    message.text = *text;
    message.receivedAt = QDateTime::currentDateTimeUtc();
    return message;
}

QJsonValue isoOrNull(const QDateTime &when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QHttpServerResponse SimulatorRoutes::postMessage(const QHttpServerRequest &request) const
{
    auto message = parseInbound(request.body());
    if (!message)
        return http::errorResponse(Status::BadRequest, message.error().code, message.error().message);

    const auto outcome = m_backend->ingest(*message);
    if (!outcome) {
        kedai::log::get("server")->error("simulator message from {} not stored: {} ({})", message->from,
                                         outcome.error().code, outcome.error().message);
        // The simulated customer sees `reply`, as a WhatsApp customer would see a bot's answer;
        // a real channel's webhook gets the 503 alone, so the provider retries.
        QJsonObject body{
            {QStringLiteral("error"), QStringLiteral("ingest_failed")},
            {QStringLiteral("message"),
             QStringLiteral("The message could not be stored (%1); send it again later.").arg(outcome.error().code)},
            {QStringLiteral("reply"), m_backend->unavailableReply()}};
        QHttpServerResponse response(body, Status::ServiceUnavailable);
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        return response;
    }
    kedai::log::get("server")->debug("simulator message {} from {}{}: {}", outcome->inboxId, message->from,
                                     outcome->duplicate ? " (duplicate)" : "", http::shortPrefix(message->text));
    return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), outcome->inboxId},
                                           {QStringLiteral("duplicate"), outcome->duplicate}},
                               Status::Accepted);
}

QHttpServerResponse SimulatorRoutes::listMessages(const QHttpServerRequest &request, const QString &authority) const
{
    const QUrlQuery query = request.query();
    if (!query.hasQueryItem(QStringLiteral("to")))
        return http::errorResponse(Status::BadRequest, QStringLiteral("missing_parameter"),
                                   QStringLiteral("Query parameter \"to\" is required: the simulated customer's "
                                                  "phone number, e.g. ?to=628123456789."));
    const QString to = common::normalizePhone(query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded));
    if (to.isEmpty())
        return http::errorResponse(Status::BadRequest, QStringLiteral("invalid_phone"),
                                   QStringLiteral("Query parameter \"to\" is not a phone number: use 6 to 20 digits, "
                                                  "e.g. 628123456789."));
    qint64 after = 0;
    if (query.hasQueryItem(QStringLiteral("after"))) {
        bool ok = false;
        after = query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded).toLongLong(&ok);
        if (!ok || after < 0)
            return http::errorResponse(Status::BadRequest, QStringLiteral("invalid_parameter"),
                                       QStringLiteral("Query parameter \"after\" must be a message id: a whole "
                                                      "number, 0 or more."));
    }

    const auto sent = m_backend->simulatorMessages(to, after);
    if (!sent) {
        kedai::log::get("server")->error("simulator messages for {} unavailable: {} ({})", to, sent.error().code,
                                         sent.error().message);
        auto response = http::errorResponse(
            Status::ServiceUnavailable, QStringLiteral("unavailable"),
            QStringLiteral("The messages could not be read (%1); try again later.").arg(sent.error().code));
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        return response;
    }

    QJsonArray messages;
    for (const domain::OutboundMessage &m : *sent) {
        // Only files this server can serve get a URL: the same name rule as the media route.
        QJsonValue mediaUrl = QJsonValue::Null;
        const QString file = QFileInfo(m.mediaPath).fileName();
        if (m.type == domain::MessageType::Image && http::isSafeMediaName(file))
            mediaUrl = QString(QStringLiteral("http://") + authority + QStringLiteral("/api/simulator/media/") + file);
        messages.append(QJsonObject{
            {QStringLiteral("id"), m.id},
            {QStringLiteral("to"), m.to},
            {QStringLiteral("type"), domain::messageTypeName(m.type)},
            {QStringLiteral("text"), m.text},
            {QStringLiteral("media_url"), mediaUrl},
            {QStringLiteral("created_at"), isoOrNull(m.createdAt)},
            {QStringLiteral("sent_at"), isoOrNull(m.sentAt)},
        });
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("messages"), messages}});
}

QHttpServerResponse SimulatorRoutes::media(const QString &name) const
{
    if (!http::isSafeMediaName(name))
        return http::errorResponse(Status::BadRequest, QStringLiteral("invalid_name"),
                                   QStringLiteral("A media name contains only letters, digits, '.', '_' and '-' "
                                                  "(and no \"..\")."));
    const auto notFound = [&name] {
        return http::errorResponse(Status::NotFound, QStringLiteral("not_found"),
                                   QStringLiteral("There is no media file named \"%1\".").arg(name));
    };
    const QString dirPath = m_backend->mediaDir();
    if (dirPath.isEmpty())
        return notFound();
    const QDir dir(dirPath);
    const QFileInfo info(dir.filePath(name));
    // The name cannot hold a separator, but a symlink placed in the folder could still point
    // outside it: serve only files whose real path is inside the real folder.
    const QString root = dir.canonicalPath();
    if (!info.isFile() || root.isEmpty() || !info.canonicalFilePath().startsWith(root + QLatin1Char('/')))
        return notFound();

    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        kedai::log::get("server")->error("media file {} unreadable: {}", name, file.errorString());
        return http::errorResponse(Status::InternalServerError, QStringLiteral("media_unreadable"),
                                   QStringLiteral("The media file \"%1\" could not be read.").arg(name));
    }
    QHttpServerResponse response(http::mediaContentType(name), file.readAll());
    response.setHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    return response;
}

} // namespace kedai::server
