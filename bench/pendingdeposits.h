#pragma once

#include "common/money.h"
#include "store/database.h"
#include "store/qrisservice.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace kedai::bench {

/// One waiting QRIS deposit and the notification that pays it.
struct Pending
{
    qint64 customerId = 0;
    QString ref;
    common::Rupiah payable = 0;
    QByteArray body; ///< the forwarded notification (a JSON object)
    store::IncomingNotification incoming;
};

/// A customer and a waiting deposit for every entry of `out` (customerId, ref and payable
/// filled), on `threads` threads; not measured. Payables are distinct. Prints the time taken.
bool seedPendingDeposits(const std::shared_ptr<store::Database> &db, std::vector<Pending> &out, int threads);

/// The database after the runs: the first `paid` deposits paid once, each by its own
/// notification, and credited once; the others still waiting; no notification left unmatched;
/// `repeats` re-sent notifications counted. Prints what differs (or one line when all agrees).
bool verifyPaidOnce(store::Database &db, const std::vector<Pending> &all, int paid, int repeats);

} // namespace kedai::bench
