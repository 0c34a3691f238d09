#include "server/httputil.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace kedai::server::http {

QHttpServerResponse errorResponse(Status status, const QString &code, const QString &message)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}},
                               status);
}

bool exceedsBodyLimit(const QHttpServerRequest &request, qint64 maxBytes)
{
    if (request.body().size() > maxBytes)
        return true;
    // QtHttpServer 6.4 has buffered the body by now; the declared length still matters for a
    // client that announced more than it sent, and keeps the answer the same for both.
    const QByteArray declared = request.value(QByteArrayLiteral("Content-Length")).trimmed();
    if (declared.isEmpty())
        return false;
    bool ok = false;
    const qint64 length = declared.toLongLong(&ok);
    return ok && length > maxBytes;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Walk the longer input completely and fold the length difference into the result, so
    // neither the position of the first mismatch nor a length mismatch ends the loop early.
    const qsizetype n = std::max(a.size(), b.size());
    unsigned diff = a.size() == b.size() ? 0U : 1U;
    for (qsizetype i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a.at(i) : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b.at(i) : 0);
        diff |= unsigned(x ^ y);
    }
    return diff == 0;
}

bool bearerMatches(const QByteArray &authorization, const QByteArray &expected)
{
    if (expected.isEmpty())
        return false;
    const QByteArray value = authorization.trimmed();
    static const QByteArray kScheme = QByteArrayLiteral("bearer");
    if (value.size() <= kScheme.size() || value.left(kScheme.size()).toLower() != kScheme
        || (value.at(kScheme.size()) != ' ' && value.at(kScheme.size()) != '\t'))
        return false;
    return constantTimeEquals(value.mid(kScheme.size()).trimmed(), expected);
}

bool isSafeMediaName(const QString &name)
{
    static const QRegularExpression kAllowed(QStringLiteral("^[A-Za-z0-9._-]{1,200}$"));
    return kAllowed.match(name).hasMatch() && !name.contains(QLatin1String(".."));
}

QByteArray mediaContentType(const QString &name)
{
    const QString lower = name.toLower();
    if (lower.endsWith(QLatin1String(".png")))
        return QByteArrayLiteral("image/png");
    if (lower.endsWith(QLatin1String(".jpg")) || lower.endsWith(QLatin1String(".jpeg")))
        return QByteArrayLiteral("image/jpeg");
    if (lower.endsWith(QLatin1String(".webp")))
        return QByteArrayLiteral("image/webp");
    if (lower.endsWith(QLatin1String(".gif")))
        return QByteArrayLiteral("image/gif");
    return QByteArrayLiteral("application/octet-stream");
}

QString selfAuthority(const QByteArray &hostHeader, const QString &boundHost, quint16 boundPort)
{
    // The Host header is client-controlled and ends up in URLs we hand out: accept only a plain
    // host name or IP literal with an optional port, nothing that could add a path or userinfo.
    static const QRegularExpression kHost(
        QStringLiteral("^([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$"));
    QString header = QString::fromLatin1(hostHeader.trimmed());
    if (!header.isEmpty() && kHost.match(header).hasMatch())
        return header;

    QString host = boundHost;
    if (host.isEmpty() || host == QLatin1String("*") || host == QLatin1String("0.0.0.0"))
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("::"))
        host = QStringLiteral("[::1]");
    else if (host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('[')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(boundPort);
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get: return QByteArrayLiteral("GET");
    case M::Put: return QByteArrayLiteral("PUT");
    case M::Delete: return QByteArrayLiteral("DELETE");
    case M::Post: return QByteArrayLiteral("POST");
    case M::Head: return QByteArrayLiteral("HEAD");
    case M::Options: return QByteArrayLiteral("OPTIONS");
    case M::Patch: return QByteArrayLiteral("PATCH");
    case M::Connect: return QByteArrayLiteral("CONNECT");
    case M::Trace: return QByteArrayLiteral("TRACE");
    default: return QByteArrayLiteral("UNKNOWN");
    }
}

QString shortPrefix(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    if (max <= 0)
        return {};
    // Do not cut a surrogate pair in half: the log sink expects valid UTF-8.
    const qsizetype cut = text.at(max - 1).isHighSurrogate() ? max - 1 : max;
    return text.left(cut) + QChar(0x2026);
}

qsizetype codePointCount(const QString &text)
{
    qsizetype n = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++n;
    }
    return n;
}

} // namespace kedai::server::http
