#pragma once

#include "common/money.h"
#include "store/database.h"
#include "store/qrisservice.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace kedai::bench {

/// One waiting QRIS order (one item of a product) and the notification that pays it.
struct Pending
{
    qint64 customerId = 0;
    QString ref;
    common::Rupiah payable = 0;
    QByteArray body; ///< the forwarded notification (a JSON object)
    store::IncomingNotification incoming;
};

/// Products with stock, a customer and a waiting QRIS order of one item for every entry of
/// `out` (customerId, ref and payable filled), on `threads` threads; not measured. Payables are
/// distinct. Prints the time taken.
bool seedPendingOrders(const std::shared_ptr<store::Database> &db, std::vector<Pending> &out, int threads);

/// The database after the runs: the first `paid` orders paid once, each by its own
/// notification, delivered once with their item sold and one delivery message each; the others
/// still waiting with their item reserved; no notification left unmatched; no ledger rows;
/// `repeats` re-sent notifications counted. Prints what differs (or one line when all agrees).
bool verifyPaidOnce(store::Database &db, const std::vector<Pending> &all, int paid, int repeats);

} // namespace kedai::bench
