#include "payments/emv.h"

#include <QRegularExpression>

#include <algorithm>

namespace kedai::payments {

using common::makeError;
using common::Result;

namespace {

constexpr qsizetype kHeaderLength = 4; // ID(2) + LEN(2)
constexpr qsizetype kCrcLength = 4;

bool isDigits(QStringView s)
{
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return !s.isEmpty();
}

bool isHex(QStringView s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        const bool hex = (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'F') || (u >= u'a' && u <= u'f');
        if (!hex)
            return false;
    }
    return true;
}

/// Where a problem sits, for error messages: "offset 12" or "template 26, offset 12".
QString location(const QString &context, qsizetype offset)
{
    const QString at = QStringLiteral("offset %1").arg(offset);
    if (context.isEmpty())
        return at;
    return QStringLiteral("%1 (template %2)").arg(at, context);
}

/// Parses a TLV list. `base` is the offset of `text` inside the whole payload, so messages
/// point at the character the user can find; `context` names the enclosing template.
Result<QList<EmvField>> parseTlvList(QStringView text, qsizetype base, const QString &context)
{
    QList<EmvField> fields;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype at = base + pos;
        const qsizetype remaining = text.size() - pos;
        if (remaining < kHeaderLength) {
            return makeError(QStringLiteral("qris.truncated"),
                             QStringLiteral("QRIS payload is truncated: the data object at %1 needs 4 characters "
                                            "for its ID and length, only %2 remain")
                                 .arg(location(context, at))
                                 .arg(remaining));
        }
        const QStringView tag = text.mid(pos, 2);
        if (!isDigits(tag)) {
            return makeError(QStringLiteral("qris.malformed"),
                             QStringLiteral("QRIS payload is malformed: expected a 2-digit tag ID at %1, found \"%2\"")
                                 .arg(location(context, at), tag.toString()));
        }
        const QStringView lengthText = text.mid(pos + 2, 2);
        if (!isDigits(lengthText)) {
            return makeError(QStringLiteral("qris.malformed"),
                             QStringLiteral("QRIS payload is malformed: the length of tag %1 at %2 is not 2 decimal "
                                            "digits: \"%3\"")
                                 .arg(tag.toString(), location(context, at), lengthText.toString()));
        }
        const qsizetype length = lengthText.toInt();
        if (length > remaining - kHeaderLength) {
            return makeError(QStringLiteral("qris.truncated"),
                             QStringLiteral("QRIS payload is truncated: tag %1 at %2 declares length %3 but only %4 "
                                            "characters remain")
                                 .arg(tag.toString(), location(context, at))
                                 .arg(length)
                                 .arg(remaining - kHeaderLength));
        }
        EmvField field;
        field.tag = tag.toString();
        field.value = text.mid(pos + kHeaderLength, length).toString();
        if (context.isEmpty() && isEmvTemplateTag(tag)) {
            auto children = parseTlvList(field.value, at + kHeaderLength, field.tag);
            if (!children)
                return children.error();
            field.children = std::move(children).value();
        }
        fields.append(std::move(field));
        pos += kHeaderLength + length;
    }
    return fields;
}

Result<void> checkAscii(const QString &payload)
{
    for (qsizetype i = 0; i < payload.size(); ++i) {
        const char16_t c = payload.at(i).unicode();
        if (c > 0x7e) {
            return makeError(QStringLiteral("qris.not_ascii"),
                             QStringLiteral("QRIS payload contains the non-ASCII character U+%1 at offset %2; "
                                            "QRIS is printable ASCII only")
                                 .arg(QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0')))
                                 .arg(i));
        }
        if (c < 0x20) {
            return makeError(QStringLiteral("qris.not_ascii"),
                             QStringLiteral("QRIS payload contains the control character 0x%1 at offset %2; "
                                            "QRIS is printable ASCII only (a stray line break?)")
                                 .arg(uint(c), 2, 16, QLatin1Char('0'))
                                 .arg(i));
        }
    }
    return {};
}

qsizetype indexOfTag(const QList<EmvField> &fields, QLatin1String tag)
{
    const auto it = std::find_if(fields.cbegin(), fields.cend(), [&](const EmvField &f) { return f.tag == tag; });
    return it == fields.cend() ? -1 : it - fields.cbegin();
}

/// Offsets of the top-level fields in the payload, for messages.
QList<qsizetype> fieldOffsets(const QList<EmvField> &fields)
{
    QList<qsizetype> offsets;
    qsizetype pos = 0;
    for (const EmvField &f : fields) {
        offsets.append(pos);
        pos += kHeaderLength + f.value.size();
    }
    return offsets;
}

Result<void> checkTags(const QList<EmvField> &fields, const QList<qsizetype> &offsets)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (fields[i].tag == fields[j].tag) {
                return makeError(QStringLiteral("qris.malformed"),
                                 QStringLiteral("QRIS payload is malformed: tag %1 appears twice (offsets %2 and %3)")
                                     .arg(fields[i].tag)
                                     .arg(offsets[j])
                                     .arg(offsets[i]));
            }
        }
    }
    static const std::pair<QLatin1String, QLatin1String> required[] = {
        {QLatin1String("00"), QLatin1String("payload format indicator")},
        {QLatin1String("58"), QLatin1String("country code")},
        {QLatin1String("63"), QLatin1String("CRC")},
    };
    for (const auto &[tag, name] : required) {
        if (indexOfTag(fields, tag) < 0) {
            return makeError(QStringLiteral("qris.missing_tag"),
                             QStringLiteral("QRIS payload has no tag %1 (%2)").arg(tag, name),
                             {{QStringLiteral("tag"), QString(tag)}});
        }
    }
    const QString &format = fields[indexOfTag(fields, QLatin1String("00"))].value;
    if (format != QLatin1String("01")) {
        return makeError(QStringLiteral("qris.malformed"),
                         QStringLiteral("QRIS payload is malformed: payload format indicator (tag 00) is \"%1\", "
                                        "expected \"01\"")
                             .arg(format));
    }
    return {};
}

/// Tag 63 is present (checkTags); it must be last, 4 hex digits, and match the content.
Result<void> checkCrc(const QString &payload, const QList<EmvField> &fields, const QList<qsizetype> &offsets)
{
    const qsizetype crcIndex = indexOfTag(fields, QLatin1String("63"));
    const EmvField &crc = fields[crcIndex];
    if (crcIndex != fields.size() - 1) {
        return makeError(QStringLiteral("qris.malformed"),
                         QStringLiteral("QRIS payload is malformed: the CRC (tag 63 at offset %1) must be the last "
                                        "element, but %2 characters follow it")
                             .arg(offsets[crcIndex])
                             .arg(payload.size() - offsets[crcIndex] - kHeaderLength - crc.value.size()));
    }
    if (crc.value.size() != kCrcLength || !isHex(crc.value)) {
        return makeError(QStringLiteral("qris.malformed"),
                         QStringLiteral("QRIS payload is malformed: the CRC (tag 63) must be 4 hex digits, got \"%1\"")
                             .arg(crc.value));
    }
    const QString computed = crc16CcittFalse(payload.left(payload.size() - kCrcLength).toLatin1());
    if (computed.compare(crc.value, Qt::CaseInsensitive) != 0) {
        return makeError(QStringLiteral("qris.crc_mismatch"),
                         QStringLiteral("QRIS CRC mismatch: the payload says %1 but its content gives %2 (the code "
                                        "was altered or copied incompletely)")
                             .arg(crc.value, computed),
                         {{QStringLiteral("expected"), computed}, {QStringLiteral("found"), crc.value}});
    }
    return {};
}

} // namespace

const EmvField *EmvField::child(QStringView subTag) const
{
    for (const EmvField &c : children) {
        if (c.tag == subTag)
            return &c;
    }
    return nullptr;
}

const EmvField *EmvPayload::field(QStringView tag) const
{
    for (const EmvField &f : fields) {
        if (f.tag == tag)
            return &f;
    }
    return nullptr;
}

std::optional<QString> EmvPayload::value(QStringView tag) const
{
    if (const EmvField *f = field(tag))
        return f->value;
    return std::nullopt;
}

std::optional<QString> EmvPayload::subValue(QStringView tag, QStringView subTag) const
{
    if (const EmvField *f = field(tag)) {
        if (const EmvField *c = f->child(subTag))
            return c->value;
    }
    return std::nullopt;
}

QString EmvPayload::merchantName() const
{
    return value(u"59").value_or(QString());
}

QString EmvPayload::merchantCity() const
{
    return value(u"60").value_or(QString());
}

std::optional<QString> EmvPayload::nmid() const
{
    return subValue(u"51", u"02");
}

std::optional<QString> EmvPayload::amountText() const
{
    return value(u"54");
}

std::optional<common::Rupiah> EmvPayload::amount() const
{
    const std::optional<QString> text = amountText();
    if (!text)
        return std::nullopt;
    // EMV allows up to two decimals ("25000.00"); rupiah amounts are whole.
    static const QRegularExpression re(QStringLiteral("^(\\d{1,13})(?:\\.(\\d{1,2}))?$"));
    const QRegularExpressionMatch m = re.match(*text);
    if (!m.hasMatch())
        return std::nullopt;
    const QString fraction = m.captured(2);
    if (!fraction.isEmpty() && fraction.toInt() != 0)
        return std::nullopt;
    const qint64 rupiah = m.captured(1).toLongLong();
    if (rupiah > common::kMaxRupiah)
        return std::nullopt;
    return rupiah;
}

bool EmvPayload::isDynamic() const
{
    return value(u"01") == QLatin1String("12");
}

bool isEmvTemplateTag(QStringView tag)
{
    if (tag.size() != 2 || !isDigits(tag))
        return false;
    const int id = tag.toInt();
    return (id >= 26 && id <= 51) || id == 62;
}

Result<EmvPayload> parseEmv(const QString &payload)
{
    if (payload.isEmpty())
        return makeError(QStringLiteral("qris.malformed"), QStringLiteral("QRIS payload is empty"));
    if (auto ascii = checkAscii(payload); !ascii)
        return ascii.error();
    auto fields = parseTlvList(payload, 0, QString());
    if (!fields)
        return fields.error();
    const QList<qsizetype> offsets = fieldOffsets(*fields);
    if (auto tags = checkTags(*fields, offsets); !tags)
        return tags.error();
    if (auto crc = checkCrc(payload, *fields, offsets); !crc)
        return crc.error();
    return EmvPayload{std::move(fields).value()};
}

QString serializeEmv(const EmvPayload &payload)
{
    QString out;
    for (const EmvField &f : payload.fields) {
        if (f.tag == QLatin1String("63"))
            continue;
        if (f.tag.size() != 2 || !isDigits(f.tag) || f.value.size() > 99)
            return QString();
        out += f.tag;
        out += QStringLiteral("%1").arg(f.value.size(), 2, 10, QLatin1Char('0'));
        out += f.value;
    }
    out += QLatin1String("6304");
    out += crc16CcittFalse(out.toLatin1());
    return out;
}

quint16 crc16CcittFalseValue(QByteArrayView data)
{
    quint16 crc = 0xFFFF;
    for (const char byte : data) {
        crc ^= quint16(quint8(byte)) << 8;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
    }
    return crc;
}

QString crc16CcittFalse(QByteArrayView data)
{
    return QStringLiteral("%1").arg(crc16CcittFalseValue(data), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace kedai::payments
