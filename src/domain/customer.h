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
    /// Human takeover: staff replied in the Conversations panel, so the bot says nothing to this
    /// customer before this time (invalid: not paused).
    QDateTime botPausedUntil;
    qint64 mergedInto = 0; ///< merged into that customer (their identities and history moved there)

    bool botPausedAt(const QDateTime &now) const { return botPausedUntil.isValid() && botPausedUntil > now; }
};

} // namespace kedai::domain
