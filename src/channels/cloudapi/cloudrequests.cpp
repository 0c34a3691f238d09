#include "channels/cloudapi/cloudrequests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QSet>

#include <utility>

namespace kedai::channels::cloudapi {

namespace {

const QString kWhatsapp = QStringLiteral("whatsapp");

// Never ends a cut between the halves of a surrogate pair.
qsizetype safeCut(const QString &text, qsizetype cut)
{
    if (cut > 0 && cut < text.size() && text.at(cut - 1).isHighSurrogate() && text.at(cut).isLowSurrogate())
        return cut - 1;
    return cut;
}

QString chopTrailingSpace(QString text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    text.truncate(end);
    return text;
}

QString chopLeadingSpace(const QString &text)
{
    qsizetype start = 0;
    while (start < text.size() && text.at(start).isSpace())
        ++start;
    return text.mid(start);
}

// The first part of a text longer than `limit` and the rest. A paragraph or line break counts
// only in the last two thirds of the window, so one early blank line does not make a tiny part.
std::pair<QString, QString> splitFirst(const QString &text, int limit)
{
    const QString window = text.left(limit + 1); // a separator right after the limit still counts
    qsizetype cut = -1;
    const qsizetype paragraph = window.lastIndexOf(QLatin1String("\n\n"));
    const qsizetype line = window.lastIndexOf(QLatin1Char('\n'));
    if (paragraph > limit / 3 && paragraph <= limit) {
        cut = paragraph;
    } else if (line > limit / 3 && line <= limit) {
        cut = line;
    } else {
        for (qsizetype i = qMin<qsizetype>(limit, window.size() - 1); i > 0; --i) {
            if (window.at(i).isSpace()) {
                cut = i;
                break;
            }
        }
    }
    if (cut > 0) {
        QString head = chopTrailingSpace(text.left(cut));
        if (!head.isEmpty())
            return {head, chopLeadingSpace(text.mid(cut))};
    }
    cut = safeCut(text, limit);
    return {text.left(cut), chopLeadingSpace(text.mid(cut))};
}

QJsonObject envelope(const QString &to, const QString &type)
{
    return {{QStringLiteral("messaging_product"), kWhatsapp},
            {QStringLiteral("recipient_type"), QStringLiteral("individual")},
            {QStringLiteral("to"), to},
            {QStringLiteral("type"), type}};
}

common::Error doesNotFit(const QString &why)
{
    return common::makeError(doesNotFitCode(), why);
}

QJsonObject textObject(const QString &text)
{
    return {{QStringLiteral("text"), text}};
}

common::Result<QJsonObject> buttonsAction(const domain::Interactive &message)
{
    if (message.buttons.isEmpty() || message.buttons.size() > kMaxButtons)
        return doesNotFit(QStringLiteral("%1 buttons (1 to 3 fit)").arg(message.buttons.size()));
    QJsonArray buttons;
    QSet<QString> ids;
    QSet<QString> titles;
    for (const auto &b : message.buttons) {
        const QString title = truncated(b.title, kMaxButtonTitle);
        if (b.id.isEmpty() || b.id.size() > kMaxButtonId || title.isEmpty())
            return doesNotFit(QStringLiteral("a button id or title is empty or too long"));
        if (ids.contains(b.id) || titles.contains(title))
            return doesNotFit(QStringLiteral("two buttons have the same id or title"));
        ids.insert(b.id);
        titles.insert(title);
        buttons.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("reply")},
                                   {QStringLiteral("reply"),
                                    QJsonObject{{QStringLiteral("id"), b.id}, {QStringLiteral("title"), title}}}});
    }
    return QJsonObject{{QStringLiteral("buttons"), buttons}};
}

common::Result<QJsonObject> listAction(const domain::Interactive &message)
{
    QList<domain::InteractiveSection> sections;
    int rowCount = 0;
    for (const auto &s : message.sections) {
        if (!s.rows.isEmpty()) {
            sections << s;
            rowCount += int(s.rows.size());
        }
    }
    if (rowCount == 0 || rowCount > kMaxListRows || sections.size() > kMaxListSections)
        return doesNotFit(
            QStringLiteral("%1 rows in %2 sections (up to 10 rows fit)").arg(rowCount).arg(sections.size()));
    QJsonArray sectionsJson;
    QSet<QString> ids;
    for (const auto &s : sections) {
        // The API wants a title on every section of a list with more than one.
        if (sections.size() > 1 && s.title.trimmed().isEmpty())
            return doesNotFit(QStringLiteral("a section of a multi-section list has no title"));
        QJsonArray rows;
        for (const auto &r : s.rows) {
            const QString title = truncated(r.title, kMaxRowTitle);
            if (r.id.isEmpty() || r.id.size() > kMaxRowId || title.isEmpty())
                return doesNotFit(QStringLiteral("a row id or title is empty or too long"));
            if (ids.contains(r.id))
                return doesNotFit(QStringLiteral("two rows have the same id"));
            ids.insert(r.id);
            QJsonObject row{{QStringLiteral("id"), r.id}, {QStringLiteral("title"), title}};
            if (!r.description.isEmpty())
                row.insert(QStringLiteral("description"), truncated(r.description, kMaxRowDescription));
            rows.append(row);
        }
        QJsonObject section{{QStringLiteral("rows"), rows}};
        if (!s.title.isEmpty())
            section.insert(QStringLiteral("title"), truncated(s.title, kMaxSectionTitle));
        sectionsJson.append(section);
    }
    const QString button = message.button.trimmed().isEmpty() ? QStringLiteral("Pilih") : message.button;
    return QJsonObject{{QStringLiteral("button"), truncated(button, kMaxListButton)},
                       {QStringLiteral("sections"), sectionsJson}};
}

} // namespace

QString truncated(const QString &text, int limit)
{
    if (text.size() <= limit)
        return text;
    if (limit <= 1)
        return text.left(safeCut(text, limit));
    return chopTrailingSpace(text.left(safeCut(text, limit - 1))) + QChar(0x2026);
}

QStringList splitText(const QString &text, int limit)
{
    if (text.trimmed().isEmpty() || limit < 2)
        return {};
    if (text.size() <= limit)
        return {text};
    QStringList parts;
    QString rest = text;
    while (rest.size() > limit) {
        auto [head, tail] = splitFirst(rest, limit);
        if (!head.trimmed().isEmpty())
            parts << head;
        rest = tail;
    }
    if (!rest.trimmed().isEmpty())
        parts << chopTrailingSpace(rest);
    return parts;
}

QJsonObject textBody(const QString &to, const QString &body)
{
    QJsonObject o = envelope(to, QStringLiteral("text"));
    o.insert(QStringLiteral("text"),
             QJsonObject{{QStringLiteral("preview_url"), false}, {QStringLiteral("body"), body}});
    return o;
}

ImageMessage imageMessage(const QString &to, const QString &mediaId, const QString &caption)
{
    ImageMessage result;
    QJsonObject image{{QStringLiteral("id"), mediaId}};
    QString first = caption;
    if (caption.size() > kMaxCaptionLength) {
        auto [head, rest] = splitFirst(caption, kMaxCaptionLength);
        first = head;
        result.followingTexts = splitText(rest);
    }
    if (!first.trimmed().isEmpty())
        image.insert(QStringLiteral("caption"), first);
    result.image = envelope(to, QStringLiteral("image"));
    result.image.insert(QStringLiteral("image"), image);
    return result;
}

common::Result<QJsonObject> interactiveBody(const QString &to, const domain::Interactive &message)
{
    if (message.body.trimmed().isEmpty() || message.body.size() > kMaxInteractiveBody)
        return doesNotFit(QStringLiteral("the body is empty or longer than 1024 characters"));
    const bool list = message.kind == domain::Interactive::Kind::List;
    auto action = list ? listAction(message) : buttonsAction(message);
    if (!action)
        return action.error();
    QJsonObject interactive{{QStringLiteral("type"), list ? QStringLiteral("list") : QStringLiteral("button")},
                            {QStringLiteral("body"), textObject(message.body)},
                            {QStringLiteral("action"), action.value()}};
    if (!message.header.trimmed().isEmpty()) {
        interactive.insert(QStringLiteral("header"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), truncated(message.header, kMaxInteractiveHeader)}});
    }
    if (!message.footer.trimmed().isEmpty())
        interactive.insert(QStringLiteral("footer"), textObject(truncated(message.footer, kMaxInteractiveFooter)));
    QJsonObject o = envelope(to, QStringLiteral("interactive"));
    o.insert(QStringLiteral("interactive"), interactive);
    return o;
}

QJsonObject markReadBody(const QString &messageId)
{
    return {{QStringLiteral("messaging_product"), kWhatsapp},
            {QStringLiteral("status"), QStringLiteral("read")},
            {QStringLiteral("message_id"), messageId}};
}

QString sentMessageId(const QByteArray &responseBody)
{
    const QJsonObject o = QJsonDocument::fromJson(responseBody).object();
    return o.value(QStringLiteral("messages")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
}

std::optional<MediaInfo> parseMediaInfo(const QByteArray &responseBody)
{
    const QJsonObject o = QJsonDocument::fromJson(responseBody).object();
    MediaInfo info;
    info.url = o.value(QStringLiteral("url")).toString();
    info.mimeType = o.value(QStringLiteral("mime_type")).toString();
    info.sha256 = o.value(QStringLiteral("sha256")).toString();
    info.id = o.value(QStringLiteral("id")).toString();
    const QJsonValue size = o.value(QStringLiteral("file_size"));
    if (size.isDouble()) {
        info.fileSize = qint64(size.toDouble());
    } else if (size.isString()) {
        bool ok = false;
        const qint64 n = size.toString().trimmed().toLongLong(&ok);
        if (ok)
            info.fileSize = n;
    }
    if (info.url.isEmpty())
        return std::nullopt;
    return info;
}

QString mediaFileName(const QString &mediaId, const QString &mimeType)
{
    QString id;
    for (const QChar c : mediaId) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            id += c;
        else if (c == QLatin1Char('-') || c == QLatin1Char('_'))
            id += c;
    }
    id.truncate(64);
    if (id.isEmpty())
        id = QString::number(QRandomGenerator::global()->generate64(), 16);
    const QString bareMime = mimeType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    QString ext;
    if (bareMime == QLatin1String("audio/ogg")) {
        ext = QStringLiteral("ogg"); // voice notes; the MIME database says "oga", players expect "ogg"
    } else if (!bareMime.isEmpty()) {
        const QMimeType type = QMimeDatabase().mimeTypeForName(bareMime);
        if (type.isValid())
            ext = type.preferredSuffix();
    }
    if (ext.isEmpty())
        ext = QStringLiteral("bin");
    return QStringLiteral("in-") + id + QLatin1Char('.') + ext;
}

namespace {

enum class ErrorClass { Transient, Auth, Permanent, Unknown };

struct CodeInfo
{
    ErrorClass kind;
    const char *meaning;
};

// PROTOCOLS.md §1.7. Unknown codes are classed by the HTTP status.
CodeInfo codeInfo(int code)
{
    switch (code) {
    case 130429: return {ErrorClass::Transient, "throughput limit reached"};
    case 131056: return {ErrorClass::Transient, "too many messages to this customer in a short time"};
    case 131000: return {ErrorClass::Transient, "unknown error at WhatsApp"};
    case 131016: return {ErrorClass::Transient, "WhatsApp service unavailable"};
    case 131052: return {ErrorClass::Transient, "media download failed"};
    case 131053: return {ErrorClass::Transient, "media upload failed"};
    case 4: return {ErrorClass::Transient, "app call-rate limit reached"};
    case 80007: return {ErrorClass::Transient, "business account rate limit reached"};
    case 190: return {ErrorClass::Auth, "access token expired or invalid, renew WA_ACCESS_TOKEN"};
    case 131047: return {ErrorClass::Permanent, "outside the 24-hour window"};
    case 131026: return {ErrorClass::Permanent, "undeliverable (not on WhatsApp, old app or terms not accepted)"};
    case 131051: return {ErrorClass::Permanent, "unsupported message type"};
    case 131008: return {ErrorClass::Permanent, "a required parameter is missing"};
    case 131009: return {ErrorClass::Permanent, "a parameter value is not valid"};
    case 100: return {ErrorClass::Permanent, "invalid parameter"};
    case 132000: return {ErrorClass::Permanent, "template parameter count mismatch"};
    case 132001: return {ErrorClass::Permanent, "template does not exist"};
    case 131048: return {ErrorClass::Permanent, "spam rate limit hit"};
    case 368: return {ErrorClass::Permanent, "temporarily blocked for policy violations"};
    case 131031: return {ErrorClass::Permanent, "business account locked"};
    default: return {ErrorClass::Unknown, nullptr};
    }
}

// "(#131047) Re-engagement message" → "Re-engagement message"; bounded, one line.
QString errorTitle(const QJsonObject &error)
{
    QString title = error.value(QStringLiteral("message")).toString();
    if (title.startsWith(QLatin1String("(#"))) {
        const qsizetype end = title.indexOf(QLatin1String(") "));
        if (end > 0)
            title = title.mid(end + 2);
    }
    if (title.isEmpty())
        title = error.value(QStringLiteral("error_user_title")).toString();
    title = title.simplified();
    return truncated(title, 120);
}

} // namespace

common::Error classifySendError(int httpStatus, const QByteArray &body, bool networkError)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    const int code = error.value(QStringLiteral("code")).toInt(0);
    QVariantMap details;
    if (httpStatus > 0)
        details.insert(QStringLiteral("httpStatus"), httpStatus);
    if (code != 0)
        details.insert(QStringLiteral("code"), code);
    if (code == 131056)
        details.insert(QStringLiteral("retryAfterMs"), 6000);

    const CodeInfo info = codeInfo(code);
    ErrorClass kind = info.kind;
    if (httpStatus == 401 && !networkError)
        kind = ErrorClass::Auth;
    else if (kind == ErrorClass::Unknown) {
        if (networkError || httpStatus == 0 || httpStatus == 429 || httpStatus >= 500)
            kind = ErrorClass::Transient;
        else if (httpStatus >= 400)
            kind = ErrorClass::Permanent;
        else
            kind = ErrorClass::Transient; // e.g. a 200 without a message id: the API may retry it
    }

    const QString title = errorTitle(error);
    QString message;
    if (code != 0) {
        const QString meaning = info.meaning ? QString::fromLatin1(info.meaning) : QString();
        message = QStringLiteral("WhatsApp %1").arg(code);
        if (!meaning.isEmpty())
            message += QStringLiteral(": ") + meaning;
        if (!title.isEmpty() && title.compare(meaning, Qt::CaseInsensitive) != 0)
            message += meaning.isEmpty() ? QString(QStringLiteral(": ") + title)
                                         : QString(QStringLiteral(" (") + title + QLatin1Char(')'));
        if (meaning.isEmpty() && title.isEmpty())
            message += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    } else if (networkError || httpStatus == 0) {
        message = QStringLiteral("WhatsApp Cloud API unreachable (network error or timeout)");
    } else {
        message = QStringLiteral("WhatsApp Cloud API answered HTTP %1").arg(httpStatus);
        if (!title.isEmpty())
            message += QStringLiteral(" (") + title + QLatin1Char(')');
    }

    QString errorCode;
    switch (kind) {
    case ErrorClass::Auth: errorCode = QStringLiteral("channel.auth"); break;
    case ErrorClass::Permanent: errorCode = QStringLiteral("channel.permanent"); break;
    default: errorCode = QStringLiteral("channel.transient"); break;
    }
    return common::makeError(errorCode, message, details);
}

} // namespace kedai::channels::cloudapi
