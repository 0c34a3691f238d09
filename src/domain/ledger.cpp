#include "domain/ledger.h"

namespace kedai::domain {

QString ledgerKindName(LedgerKind kind)
{
    switch (kind) {
    case LedgerKind::Topup: return QStringLiteral("topup");
    case LedgerKind::Deposit: return QStringLiteral("deposit");
    case LedgerKind::Bonus: return QStringLiteral("bonus");
    case LedgerKind::Purchase: return QStringLiteral("purchase");
    case LedgerKind::Refund: return QStringLiteral("refund");
    case LedgerKind::Adjustment: return QStringLiteral("adjustment");
    }
    return QStringLiteral("adjustment");
}

std::optional<LedgerKind> parseLedgerKind(const QString &text)
{
    for (auto k : {LedgerKind::Topup, LedgerKind::Deposit, LedgerKind::Bonus, LedgerKind::Purchase, LedgerKind::Refund,
                   LedgerKind::Adjustment}) {
        if (ledgerKindName(k) == text)
            return k;
    }
    return std::nullopt;
}

QString validateLedgerDelta(common::Rupiah balance, common::Rupiah delta)
{
    if (delta == 0)
        return QStringLiteral("ledger.zero");
    if (delta > common::kMaxRupiah || delta < -common::kMaxRupiah)
        return QStringLiteral("ledger.too_large");
    if (balance + delta < 0)
        return QStringLiteral("ledger.insufficient");
    if (balance + delta > common::kMaxRupiah)
        return QStringLiteral("ledger.too_large");
    return {};
}

} // namespace kedai::domain
