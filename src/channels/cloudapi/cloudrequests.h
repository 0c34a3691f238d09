#pragma once

#include "common/result.h"
#include "domain/interactive.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

/// Request bodies and answers of the WhatsApp Business Cloud API (PROTOCOLS.md §1.5–1.7), as pure
/// functions: no network, so every limit and error class is unit-tested.
///
/// Lengths are counted in UTF-16 code units (QString::size()), never more than Meta's character
/// count, and a cut never separates the two halves of a surrogate pair.
namespace kedai::channels::cloudapi {

constexpr int kMaxTextLength = 4096;
constexpr int kMaxCaptionLength = 1024;
constexpr int kMaxInteractiveBody = 1024;
constexpr int kMaxInteractiveHeader = 60;
constexpr int kMaxInteractiveFooter = 60;
constexpr int kMaxButtons = 3;
constexpr int kMaxButtonTitle = 20;
constexpr int kMaxButtonId = 256;
constexpr int kMaxListButton = 20;
constexpr int kMaxListRows = 10;
constexpr int kMaxListSections = 10;
constexpr int kMaxRowId = 200;
constexpr int kMaxRowTitle = 24;
constexpr int kMaxRowDescription = 72;
constexpr int kMaxSectionTitle = 24;

/// Error code of interactiveBody() when the message cannot be shown as a list or buttons (more
/// than 10 rows, more than 3 buttons, a body over 1024, an id over its limit): send the text.
inline QString doesNotFitCode()
{
    return QStringLiteral("cloudapi.does_not_fit");
}

/// Splits \a text into parts of at most \a limit code units, cutting at the last paragraph break,
/// else line break, else space of each window (whitespace at a cut is dropped), else hard. A text
/// that fits is returned unchanged; a blank text gives no parts.
QStringList splitText(const QString &text, int limit = kMaxTextLength);

/// \a text cut to \a limit code units with a trailing "…" when it is longer.
QString truncated(const QString &text, int limit);

/// A text message (`preview_url` false).
QJsonObject textBody(const QString &to, const QString &body);

/// An image message by uploaded media id, and the texts to send after it when the caption is
/// longer than 1024 (the caption keeps the first part, the rest follows as text messages).
struct ImageMessage
{
    QJsonObject image;
    QStringList followingTexts;
};
ImageMessage imageMessage(const QString &to, const QString &mediaId, const QString &caption);

/// A list or reply-buttons message. Titles, descriptions, the list button, header and footer are
/// cut to their limits; error doesNotFitCode() when the message cannot be shown that way.
common::Result<QJsonObject> interactiveBody(const QString &to, const domain::Interactive &message);

/// The mark-as-read body for an inbound message's wamid.
QJsonObject markReadBody(const QString &messageId);

/// The wamid of a send answer (`messages[0].id`); empty when the answer has none.
QString sentMessageId(const QByteArray &responseBody);

/// GET /{media-id} answer.
struct MediaInfo
{
    QString url;
    QString mimeType;
    qint64 fileSize = -1; ///< -1 when the answer did not say (it may be a string or a number)
    QString sha256;
    QString id;
};
std::optional<MediaInfo> parseMediaInfo(const QByteArray &responseBody);

/// "in-<media id>.<ext>": the id reduced to [A-Za-z0-9_-] (random when nothing is left), the
/// extension from the MIME type (parameters ignored; "bin" when unknown).
QString mediaFileName(const QString &mediaId, const QString &mimeType);

/// Classifies a failed Cloud API call per PROTOCOLS.md §1.7 into "channel.transient",
/// "channel.auth" or "channel.permanent" (see IChannel). details: "code" (the Graph error code,
/// when the body has one), "httpStatus", "retryAfterMs" (131056). The message is short and names
/// the code and the API's title, e.g. "WhatsApp 131047: outside the 24-hour window
/// (Re-engagement message)"; it never holds request data or the token.
common::Error classifySendError(int httpStatus, const QByteArray &body, bool networkError);

} // namespace kedai::channels::cloudapi
