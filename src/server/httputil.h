#pragma once

// Private helpers of kedai_server: not installed, not used outside src/server.

#include <QByteArray>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QString>

namespace kedai::server::http {

using Status = QHttpServerResponse::StatusCode;

/// The JSON error body every failure uses: {"error": code, "message": text}.
QHttpServerResponse errorResponse(Status status, const QString &code, const QString &message);

/// True when the request declares (Content-Length) or carries a body larger than maxBytes.
bool exceedsBodyLimit(const QHttpServerRequest &request, qint64 maxBytes);

/// Equal length and content, in time that depends only on the lengths (no early exit), so the
/// admin token cannot be guessed byte by byte from response times.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

/// True when `authorization` is "Bearer <expected>" (scheme case-insensitive). An empty expected
/// token never matches: an unconfigured token must not open the API.
bool bearerMatches(const QByteArray &authorization, const QByteArray &expected);

/// A media file name: [A-Za-z0-9._-]+, no "..", at most 200 characters.
bool isSafeMediaName(const QString &name);

/// Content type of a served media file, from its extension.
QByteArray mediaContentType(const QString &name);

/// The host part of a URL that points back at this server: the request's Host header when it
/// looks like host[:port], else the bound address.
QString selfAuthority(const QByteArray &hostHeader, const QString &boundHost, quint16 boundPort);

/// "GET", "POST", ... for logs and Allow headers.
QByteArray methodName(QHttpServerRequest::Method method);

/// At most `max` characters, with an ellipsis, for logging user-controlled strings.
QString shortPrefix(const QString &text, qsizetype max = 24);

/// Number of Unicode code points (an emoji counts once, not as two UTF-16 units).
qsizetype codePointCount(const QString &text);

} // namespace kedai::server::http
