#include "payments/notificationparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace kedai::payments {

using common::makeError;
using common::Result;
using common::Rupiah;

namespace {

// ---- amounts -------------------------------------------------------------------------------

// A number as Indonesian apps print it: "50.023", "50.023,00", "50,023", "50,023.00", "50023".
// A separator followed by exactly three digits groups thousands; one or two digits are decimals.
const QString kNumber = QStringLiteral(R"((\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|)"
                                       R"(\d+(?:[.,]\d{1,2})?)(?!\d|[.,]\d))");

const QRegularExpression &amountRegex()
{
    // Group 1: sign written after the currency ("Rp -50.000"); group 2: the number.
    static const QRegularExpression re(
        QStringLiteral(R"((?<![\p{L}\p{N}]))"      // not inside a word
                       R"((?:(?:rp\.?|idr)[ \t]*)" // "Rp", "Rp.", "IDR"
                       R"(|(?:sebesar|senilai|nominal|jumlah|amount)[ \t]*:?[ \t]*(?:(?:rp\.?|idr)[ \t]*)?))"
                       R"(([-+])?)")
            + kNumber,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

/// Whole rupiah from a number matched by kNumber; nullopt for a fraction of a rupiah.
std::optional<Rupiah> numberToRupiah(const QString &number)
{
    QString whole = number;
    const qsizetype lastSep = std::max(number.lastIndexOf(QLatin1Char('.')), number.lastIndexOf(QLatin1Char(',')));
    if (lastSep >= 0 && number.size() - lastSep - 1 <= 2) {
        if (number.mid(lastSep + 1).toInt() != 0)
            return std::nullopt;
        whole = number.left(lastSep);
    }
    whole.remove(QLatin1Char('.'));
    whole.remove(QLatin1Char(','));
    if (whole.size() > 13)
        return std::nullopt;
    bool ok = false;
    const Rupiah value = whole.toLongLong(&ok);
    if (!ok || value > common::kMaxRupiah)
        return std::nullopt;
    return value;
}

struct AmountMatch
{
    qsizetype start = 0;
    qsizetype end = 0;
    bool negative = false;
    std::optional<Rupiah> value;
};

QList<AmountMatch> findAmounts(const QString &s)
{
    QList<AmountMatch> found;
    auto it = amountRegex().globalMatch(s);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        AmountMatch a;
        a.start = m.capturedStart(0);
        a.end = m.capturedEnd(0);
        // "-Rp 50.000" and "Rp -50.000" are money going out; "Kopi - Rp 20.000" is not.
        a.negative = m.captured(1) == QLatin1String("-") || (a.start > 0 && s.at(a.start - 1) == QLatin1Char('-'));
        a.value = numberToRupiah(m.captured(2));
        found.append(a);
    }
    return found;
}

qsizetype lastMatchStart(const QRegularExpression &re, const QString &s)
{
    qsizetype last = -1;
    auto it = re.globalMatch(s);
    while (it.hasNext())
        last = it.next().capturedStart(0);
    return last;
}

/// Whether the words just before an amount say it is not the payment: a balance, a fee, a discount.
bool introducedAsOther(const QString &before)
{
    static const QRegularExpression other(
        QStringLiteral(R"(\b(saldo|balance|sisa|biaya|fee|admin|mdr|diskon|discount|cashback|potongan|limit|)"
                       R"(minimal|min|maks|maksimal|hingga|s/d|s\.d)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression payment(
        QStringLiteral(R"(\b(sebesar|senilai|nominal|jumlah|amount|menerima|terima|diterima|masuk|bertambah|)"
                       R"(received|pembayaran|payment|transfer|kredit|credit|credited)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    const qsizetype lastOther = lastMatchStart(other, before);
    return lastOther >= 0 && lastOther > lastMatchStart(payment, before);
}

// ---- classification ------------------------------------------------------------------------

/// Lower-case title and text with every amount replaced by "#amt#" ("-#amt#" when negative),
/// so that the dots inside numbers do not split sentences.
QString normalizedText(const PaymentNotification &n)
{
    const QString s = (n.title + QLatin1Char('\n') + n.text).toLower();
    QString out;
    qsizetype pos = 0;
    for (const AmountMatch &a : findAmounts(s)) {
        out += QStringView(s).mid(pos, a.start - pos);
        out += a.negative ? QLatin1String(" -#amt# ") : QLatin1String(" #amt# ");
        pos = a.end;
    }
    out += QStringView(s).mid(pos);
    return out;
}

bool mentionsIncoming(const QString &normalized)
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(masuk|diterima|menerima|terima|berhasil|received|pembayaran|bertambah|kredit|)"
                       R"(credited|payment)\b)"));
    return re.match(normalized).hasMatch();
}

bool isPromotional(const QString &normalized)
{
    static const QRegularExpression re(
        QStringLiteral(R"(\b(promo|diskon|discount|voucher|kupon|cashback|hemat|gratis|dapatkan|penawaran|undian|)"
                       R"(buruan|yuk|ayo|berlaku hingga|minimal transaksi|min\. transaksi)\b|s\.d\.|s/d)"));
    return re.match(normalized).hasMatch();
}

bool isOutgoing(const QString &normalized)
{
    static const QRegularExpression anywhere(QStringLiteral(
        R"(-#amt#|\btop[ -]?up\b|\bisi saldo\b|\btarik tunai\b|\bpenarikan\b|\bwithdraw(al)?\b|\b(dana|uang) keluar\b|)"
        R"(\bpembelian\b|\byou (paid|sent|transferred)\b|\b(payment|transfer|sent) to\b|)"
        R"(\b(kamu|anda)\s+(telah\s+|sudah\s+|berhasil\s+)?(membayar|bayar|mengirim|kirim|transfer|)"
        R"(melakukan (pembayaran|transfer))\b|\b(berhasil|telah|sudah)\s+(membayar|bayar|mengirim|kirim)\b)"));
    if (anywhere.match(normalized).hasMatch())
        return true;
    // "Transfer Rp 50.000 ke Budi berhasil", "Pembayaran ke Warung X": money leaving, unless the
    // same sentence says it came in ("masuk ke rekening", "dari Budi").
    static const QRegularExpression toSomeone(
        QStringLiteral(R"(\b(transfer|kirim|mengirim|membayar|bayar|pembayaran)\b.*\bke\b)"));
    static const QRegularExpression cameIn(QStringLiteral(R"(\b(masuk|diterima|menerima|dari)\b)"));
    static const QRegularExpression sentenceEnd(QStringLiteral(R"([.!?;\n])"));
    const QStringList sentences = normalized.split(sentenceEnd);
    return std::any_of(sentences.cbegin(), sentences.cend(), [](const QString &sentence) {
        return toSomeone.match(sentence).hasMatch() && !cameIn.match(sentence).hasMatch();
    });
}

// ---- JSON ----------------------------------------------------------------------------------

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

common::Error fieldError(const QString &code, const QString &where, QLatin1String field, const QString &problem)
{
    return makeError(code, QStringLiteral("%1.%2 %3").arg(where, field, problem),
                     {{QStringLiteral("field"), QString(field)}});
}

Result<QString> stringField(const QJsonObject &o, const QString &where, QLatin1String field)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString()) {
        return fieldError(QStringLiteral("notification.bad_field"), where, field,
                          QStringLiteral("must be a string, got %1").arg(jsonTypeName(v)));
    }
    return v.toString();
}

Result<std::optional<Rupiah>> amountField(const QJsonObject &o, const QString &where)
{
    const QLatin1String field("amount");
    const QJsonValue v = o.value(field);
    const auto bad = [&](const QString &problem) {
        return fieldError(QStringLiteral("notification.bad_amount"), where, field, problem);
    };
    if (v.isUndefined() || v.isNull())
        return std::optional<Rupiah>();
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < 0)
            return bad(QStringLiteral("must not be negative, got %1").arg(d));
        if (d != std::floor(d))
            return bad(QStringLiteral("must be whole rupiah, got %1").arg(d, 0, 'f', 2));
        if (d > double(common::kMaxRupiah))
            return bad(QStringLiteral("is too large (%1)").arg(d, 0, 'f', 0));
        return std::optional<Rupiah>(Rupiah(d));
    }
    if (!v.isString())
        return bad(QStringLiteral("must be a number or a numeric string, got %1").arg(jsonTypeName(v)));
    const QString s = v.toString().trimmed();
    if (s.isEmpty())
        return std::optional<Rupiah>();
    static const QRegularExpression re(QStringLiteral(R"(^(?:(?:rp\.?|idr)\s*)?(-)?)") + kNumber + QStringLiteral("$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return bad(QStringLiteral("is not an amount: \"%1\"").arg(s));
    if (!m.captured(1).isEmpty())
        return bad(QStringLiteral("must not be negative, got \"%1\"").arg(s));
    const std::optional<Rupiah> value = numberToRupiah(m.captured(2));
    if (!value)
        return bad(QStringLiteral("must be whole rupiah up to %1, got \"%2\"").arg(common::kMaxRupiah).arg(s));
    return value;
}

Result<std::optional<QDateTime>> postedAtField(const QJsonObject &o, const QString &where)
{
    const QLatin1String field("postedAt");
    const QJsonValue v = o.value(field);
    const auto bad = [&](const QString &problem) {
        return fieldError(QStringLiteral("notification.bad_time"), where, field, problem);
    };
    if (v.isUndefined() || v.isNull())
        return std::optional<QDateTime>();
    if (v.isDouble()) {
        const double ms = v.toDouble();
        if (!std::isfinite(ms) || ms < 0 || ms != std::floor(ms) || ms > 1e14)
            return bad(QStringLiteral("must be whole epoch milliseconds, got %1").arg(QString::number(ms, 'g', 17)));
        // Seconds are the usual mistake: 1732170000 would be January 1970 in milliseconds.
        if (ms < 1e11)
            return bad(QStringLiteral("looks like seconds (%1); epoch milliseconds expected").arg(ms, 0, 'f', 0));
        return std::optional<QDateTime>(QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC));
    }
    if (!v.isString())
        return bad(QStringLiteral("must be epoch milliseconds or an ISO-8601 string, got %1").arg(jsonTypeName(v)));
    const QString s = v.toString().trimmed();
    if (s.isEmpty())
        return std::optional<QDateTime>();
    const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        return bad(QStringLiteral("is not an ISO-8601 date-time: \"%1\"").arg(s));
    return std::optional<QDateTime>(t);
}

Result<PaymentNotification> parseOne(const QJsonValue &value, const QString &where)
{
    if (!value.isObject()) {
        return makeError(QStringLiteral("notification.bad_shape"),
                         QStringLiteral("%1 must be an object, got %2").arg(where, jsonTypeName(value)));
    }
    const QJsonObject o = value.toObject();
    PaymentNotification n;
    const std::pair<QLatin1String, QString *> strings[] = {
        {QLatin1String("packageName"), &n.packageName},
        {QLatin1String("appName"), &n.appName},
        {QLatin1String("title"), &n.title},
        {QLatin1String("text"), &n.text},
    };
    for (const auto &[name, target] : strings) {
        auto s = stringField(o, where, name);
        if (!s)
            return s.error();
        *target = std::move(s).value();
    }
    if (n.packageName.trimmed().isEmpty()) {
        return fieldError(QStringLiteral("notification.missing_field"), where, QLatin1String("packageName"),
                          QStringLiteral("is missing or empty"));
    }
    if (n.title.trimmed().isEmpty() && n.text.trimmed().isEmpty()) {
        return makeError(QStringLiteral("notification.missing_field"),
                         QStringLiteral("%1 has neither a title nor a text").arg(where));
    }
    auto amount = amountField(o, where);
    if (!amount)
        return amount.error();
    n.amount = *amount;
    auto postedAt = postedAtField(o, where);
    if (!postedAt)
        return postedAt.error();
    n.postedAt = *postedAt;
    return n;
}

} // namespace

Result<QList<PaymentNotification>> parseNotificationJson(QByteArrayView body)
{
    if (body.size() > kMaxNotificationBodyBytes) {
        return makeError(QStringLiteral("notification.too_large"),
                         QStringLiteral("Payment notification body has %1 bytes; at most %2")
                             .arg(body.size())
                             .arg(kMaxNotificationBodyBytes));
    }
    const QByteArray trimmed = body.toByteArray().trimmed();
    if (trimmed.isEmpty()) {
        return makeError(QStringLiteral("notification.bad_json"), QStringLiteral("Payment notification body is empty"));
    }
    // QJsonDocument rejects a top-level number or string as "illegal value"; say what is wrong.
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
        return makeError(QStringLiteral("notification.bad_shape"),
                         QStringLiteral("Payment notification body must be a JSON object or an array of objects"));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(QStringLiteral("notification.bad_json"),
                         QStringLiteral("Payment notification body is not valid JSON: %1 at offset %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    }
    QList<PaymentNotification> out;
    if (doc.isObject()) {
        auto one = parseOne(doc.object(), QStringLiteral("notification"));
        if (!one)
            return one.error();
        out.append(std::move(one).value());
        return out;
    }
    const QJsonArray array = doc.array();
    if (array.size() > kMaxNotificationsPerBody) {
        return makeError(QStringLiteral("notification.too_many"),
                         QStringLiteral("Payment notification body has %1 entries; at most %2 per request")
                             .arg(array.size())
                             .arg(kMaxNotificationsPerBody));
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto one = parseOne(array.at(i), QStringLiteral("notification[%1]").arg(i));
        if (!one)
            return one.error();
        out.append(std::move(one).value());
    }
    return out;
}

std::optional<Rupiah> extractAmount(const QString &title, const QString &text)
{
    const QString s = title + QLatin1Char('\n') + text;
    qsizetype previousEnd = 0;
    for (const AmountMatch &a : findAmounts(s)) {
        const qsizetype windowStart = std::max(previousEnd, a.start - 40);
        const QString before = s.mid(windowStart, a.start - windowStart);
        previousEnd = a.end;
        if (a.negative || !a.value || *a.value <= 0 || introducedAsOther(before))
            continue;
        return a.value;
    }
    return std::nullopt;
}

std::optional<KnownApp> matchPaymentApp(const PaymentNotification &notification)
{
    if (isMessagingApp(notification.packageName))
        return std::nullopt;
    if (auto app = findKnownApp(notification.packageName))
        return app;
    static const QRegularExpression qris(QStringLiteral(R"(\bqris\b)"), QRegularExpression::CaseInsensitiveOption);
    const QString normalized = normalizedText(notification);
    if (qris.match(normalized).hasMatch() && mentionsIncoming(normalized)) {
        const QList<KnownApp> apps = knownPaymentApps();
        return apps.constLast(); // the generic entry
    }
    return std::nullopt;
}

bool isIncomingPayment(const PaymentNotification &notification)
{
    if (!matchPaymentApp(notification))
        return false;
    const QString normalized = normalizedText(notification);
    if (!mentionsIncoming(normalized) || isPromotional(normalized) || isOutgoing(normalized))
        return false;
    const std::optional<Rupiah> amount = notification.amount ? notification.amount
                                                             : extractAmount(notification.title, notification.text);
    return amount && *amount > 0;
}

NotificationClass classifyNotification(const PaymentNotification &notification, const QStringList &enabledAppIds)
{
    NotificationClass c;
    c.amount = notification.amount ? notification.amount : extractAmount(notification.title, notification.text);
    if (c.amount && *c.amount <= 0)
        c.amount.reset();
    if (isMessagingApp(notification.packageName))
        return c; // anyone can write that text
    const auto app = matchPaymentApp(notification);
    if (app)
        c.appId = app->id;
    // A promotion ("diskon Rp 10.000"), a top-up or a debit is never money received, even when
    // its amount is one the reader skips.
    const QString normalized = normalizedText(notification);
    if (isPromotional(normalized) || isOutgoing(normalized))
        return c;
    if (app && !enabledAppIds.isEmpty() && !enabledAppIds.contains(app->id))
        return c; // switched off by the owner
    if (!app) {
        // An unknown app: only worth a look when it speaks of a payment but no amount is readable.
        static const QRegularExpression payment(QStringLiteral(
                                                    R"(\b(qris|pembayaran|payment|dana masuk|uang masuk)\b)"),
                                                QRegularExpression::CaseInsensitiveOption);
        if (!c.amount && payment.match(normalized).hasMatch())
            c.status = domain::NotificationStatus::Unparsed;
        return c;
    }
    if (!c.amount) {
        c.status = domain::NotificationStatus::Unparsed;
        return c;
    }
    PaymentNotification withAmount = notification;
    withAmount.amount = c.amount;
    c.status = isIncomingPayment(withAmount) ? domain::NotificationStatus::Unmatched
                                             : domain::NotificationStatus::Ignored;
    return c;
}

} // namespace kedai::payments
