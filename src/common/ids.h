#pragma once

#include <QDateTime>
#include <QString>

namespace kedai::common {

/// Order reference shown to customers: "KD" + yymmdd + 6 random base-32 characters
/// (no 0/O/1/I), e.g. "KD261121X7K2QM". Random, so refs cannot be guessed or enumerated.
QString newOrderRef(const QDateTime &when);

/// A random token of `bytes` bytes, hex encoded (admin tokens, lock tokens).
QString randomToken(int bytes = 24);

/// Normalises a phone/WhatsApp number to digits with the 62 country code:
/// "+62 812-3456" -> "628123456", "08123456" -> "628123456". Empty when not a number.
QString normalizePhone(const QString &text);

} // namespace kedai::common
