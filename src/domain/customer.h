#pragma once

#include "common/money.h"
#include "domain/tier.h"

#include <QDateTime>
#include <QString>

namespace kedai::domain {

/// A buyer. One customer can have several channel identities (customer_identities).
struct Customer
{
    qint64 id = 0;
    QString phone; ///< normalised digits with country code, e.g. 628123456789
    QString name;
    Tier tier = Tier::Bronze;
    common::Rupiah saldo = 0; ///< changes only through the ledger
    bool blocked = false;
    QDateTime createdAt;
};

} // namespace kedai::domain
