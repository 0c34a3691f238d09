#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace kedai::domain {

/// One deliverable stock item line, e.g. "a@b.com|pass123|Profil 2|1234|JBSWY3DP".
/// Fields are labelled in the order email, password, profil, pin, 2fa.
struct StockLine
{
    static QStringList labels(); ///< {"Email","Password","Profil","PIN","2FA"}

    /// Splits on '|' and labels the fields; a single-field line (voucher code) keeps the label "Kode".
    static QList<QPair<QString, QString>> labelled(const QString &line);

    /// Cleans pasted text into item lines: trims, drops empty lines and comment lines (#).
    static QStringList splitPasted(const QString &text);

    /// Longest accepted line (bytes of UTF-8).
    static constexpr int kMaxLength = 1000;
};

} // namespace kedai::domain
