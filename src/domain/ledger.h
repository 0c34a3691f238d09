#pragma once

#include "common/money.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace kedai::domain {

enum class LedgerKind { Topup, Deposit, Bonus, Purchase, Refund, Adjustment };
QString ledgerKindName(LedgerKind kind);
std::optional<LedgerKind> parseLedgerKind(const QString &text);

/// One saldo movement. customers.saldo == sum(ledger.delta) for every customer.
struct LedgerEntry
{
    qint64 id = 0;
    qint64 customerId = 0;
    common::Rupiah delta = 0;
    common::Rupiah balanceAfter = 0;
    LedgerKind kind = LedgerKind::Adjustment;
    QString actor;     ///< "system", "owner:628...", "staff:<user>", "customer:628..."
    QString reference; ///< order ref, etc.
    QString note;
    QDateTime createdAt;
};

/// Rule: a saldo movement is valid when the delta is non-zero, within bounds, and the
/// resulting balance is not negative. Returns an error code or empty.
QString validateLedgerDelta(common::Rupiah balance, common::Rupiah delta);

} // namespace kedai::domain
