#pragma once

// The customer's and the shop phone's side of a QRIS payment, for the end-to-end tests: reading
// the invoice a customer is sent (caption and QR image) and writing the notifications the
// shop's phone forwards. Header-only: it needs ZXing and QtGui (QImage reads the PNG with
// libpng), which only the tests that include it link.

#include "support/simclient.h"
#include "unit/payments/zxingdecode.h"

#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace kedai::test {

/// "70.001": thousands grouped with dots, as the apps write them.
inline QString grouped(qint64 amount)
{
    QString digits = QString::number(amount);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char('.'));
    return digits;
}

/// "Rp 70.001" -> 70001 (-1 when it is not that shape).
inline qint64 rupiah(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^Rp (\\d{1,3}(?:\\.\\d{3})*)$"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).remove(QLatin1Char('.')).toLongLong() : -1;
}

inline QString captured(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern).match(text).captured(1);
}

/// A bot reply template of resources/templates/id.json.
inline QString templateText(const QString &key)
{
    QFile file(qEnvironmentVariable("KEDAI_SOURCE_DIR") + QStringLiteral("/resources/templates/id.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(key).toString();
}

inline QByteArray compact(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

inline QJsonObject notification(const QString &package, const QString &appName, const QString &title,
                                const QString &text, const QDateTime &postedAt = QDateTime::currentDateTimeUtc())
{
    return {{QStringLiteral("packageName"), package},
            {QStringLiteral("appName"), appName},
            {QStringLiteral("title"), title},
            {QStringLiteral("text"), text},
            {QStringLiteral("postedAt"), double(postedAt.toMSecsSinceEpoch())}};
}

/// What GoPay Merchant shows when money arrives.
inline QJsonObject gopay(qint64 amount, const QDateTime &postedAt = QDateTime::currentDateTimeUtc())
{
    return notification(QStringLiteral("com.gojek.gopaymerchant"), QStringLiteral("GoPay Merchant"),
                        QStringLiteral("Pembayaran diterima"),
                        QStringLiteral("Kamu menerima pembayaran QRIS Rp") + grouped(amount), postedAt);
}

inline QString text(const QJsonValue &message)
{
    return message.toObject().value(QStringLiteral("text")).toString();
}

inline QJsonObject firstResult(const HttpReply &r)
{
    return r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
}

inline QString describe(const HttpReply &r)
{
    return QStringLiteral("HTTP %1: %2").arg(r.status).arg(QString::fromUtf8(r.body.left(600)));
}

/// A pending payment as the customer's caption states it.
struct Invoice
{
    QString ref;
    qint64 amount = -1; ///< "Total" of an order, "Nominal" of a deposit
    qint64 code = -1;   ///< the kode unik
    qint64 payable = -1;
    QDateTime expires; ///< to the minute
    int minutes = -1;
    QString mediaUrl;
    QString caption;
};

inline Invoice readInvoice(const QJsonObject &message)
{
    Invoice inv;
    inv.caption = message.value(QStringLiteral("text")).toString();
    inv.mediaUrl = message.value(QStringLiteral("media_url")).toString();
    const QString &c = inv.caption;
    inv.ref = captured(c, QStringLiteral("(?:Pesanan|Deposit) ([A-Z0-9-]+)\\*"));
    inv.amount = rupiah(captured(c, QStringLiteral("(?:Total|Nominal): (Rp [\\d.]+)")));
    inv.code = rupiah(captured(c, QStringLiteral("Kode unik: (Rp [\\d.]+)")));
    inv.payable = rupiah(captured(c, QStringLiteral("Bayar tepat: (Rp [\\d.]+)\\*")));
    const auto m = QRegularExpression(
                       QStringLiteral("sebelum \\*(\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d) WIB\\* \\((\\d+) menit\\)"))
                       .match(c);
    if (m.hasMatch()) {
        const QDateTime local = QDateTime::fromString(m.captured(1), QStringLiteral("dd/MM/yyyy HH:mm"));
        inv.expires = QDateTime(local.date(), local.time(), QTimeZone(7 * 3600));
        inv.minutes = m.captured(2).toInt();
    }
    return inv;
}

/// The QR code in the image at `mediaUrl`, read back with ZXing (empty on any failure).
inline QString decodeImage(SimClient &c, const QString &mediaUrl, QString *problem)
{
    const QUrl url(mediaUrl);
    if (url.port() != QUrl(c.baseUrl()).port()) {
        *problem = QStringLiteral("media_url %1 does not point at this kedaid").arg(mediaUrl);
        return {};
    }
    const HttpReply r = c.request("GET", url.path());
    QImage image;
    if (r.status != 200 || !image.loadFromData(r.body, "PNG")) {
        *problem = QStringLiteral("GET %1 gave no PNG: HTTP %2").arg(mediaUrl).arg(r.status);
        return {};
    }
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    const QString payload = decodeQr(gray.constBits(), gray.width(), gray.height(), int(gray.bytesPerLine()));
    if (payload.isEmpty())
        *problem = QStringLiteral("ZXing found no QR code in %1").arg(mediaUrl);
    return payload;
}

} // namespace kedai::test
