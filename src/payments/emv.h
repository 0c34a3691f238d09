#pragma once

#include "common/money.h"
#include "common/result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace kedai::payments {

/// One EMV MPM data object: ID (2 digits) + LEN (2 decimal digits) + VALUE.
struct EmvField
{
    QString tag;   ///< "00".."99"
    QString value; ///< the raw value, exactly as in the payload (also for templates)
    /// The parsed sub-TLV of a template (tags 26–51 and 62). A read-only view of `value`:
    /// serializeEmv() writes `value`, so edit `value` to change a template.
    QList<EmvField> children;

    const EmvField *child(QStringView subTag) const;
};

/// A parsed EMV Merchant-Presented QR payload (QRIS), fields in payload order.
struct EmvPayload
{
    QList<EmvField> fields; ///< every top-level data object, including the CRC (63)

    const EmvField *field(QStringView tag) const;
    /// The value of `tag`, or nullopt when the payload has no such tag.
    std::optional<QString> value(QStringView tag) const;
    /// The value of sub-tag `subTag` inside template `tag`, or nullopt.
    std::optional<QString> subValue(QStringView tag, QStringView subTag) const;

    QString merchantName() const; ///< tag 59 (empty when absent)
    QString merchantCity() const; ///< tag 60 (empty when absent)
    /// National Merchant ID (tag 51 sub 02, "ID10…"); some real codes have no tag 51 at all.
    std::optional<QString> nmid() const;
    /// Tag 54 as written ("25000" or "25000.00"); absent in static codes.
    std::optional<QString> amountText() const;
    /// Tag 54 as whole rupiah; nullopt when absent or not a whole, non-negative amount.
    std::optional<common::Rupiah> amount() const;
    /// Point of initiation (tag 01) is "12": a one-time code carrying an amount.
    bool isDynamic() const;
};

/// Tags whose value is itself a TLV list (merchant account templates and additional data).
bool isEmvTemplateTag(QStringView tag);

/// Parses an EMV MPM payload in any tag order. Rejects (Error.code in parentheses): empty input
/// ("qris.malformed"), characters outside printable ASCII ("qris.not_ascii"), a length running
/// past the end ("qris.truncated"), a non-digit ID or length or a broken template
/// ("qris.malformed"), a missing 00, 58 or 63 ("qris.missing_tag"), a top-level tag that appears
/// twice, a payload format indicator other than "01", a CRC that is not the last element or not
/// 4 hex digits ("qris.malformed") and a CRC that does not match ("qris.crc_mismatch"; a
/// lower-case CRC is accepted). Only top-level templates are split into sub-fields.
common::Result<EmvPayload> parseEmv(const QString &payload);

/// Writes every field except 63 in order, then "6304" and the recomputed CRC. Returns an empty
/// string if a field cannot be written (tag not two digits, value longer than 99 characters).
QString serializeEmv(const EmvPayload &payload);

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0).
quint16 crc16CcittFalseValue(QByteArrayView data);
/// The same CRC as 4 uppercase, zero-padded hex digits: "123456789" gives "29B1".
QString crc16CcittFalse(QByteArrayView data);

} // namespace kedai::payments
