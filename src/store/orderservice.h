#pragma once

#include "common/result.h"
#include "domain/order.h"
#include "store/database.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace kedai::store {

struct RefundRequest
{
    QString ref;
    QString reason;           ///< required: written as the ledger note and in the audit row
    bool returnItems = false; ///< put the sold items back on sale (off: the customer has seen them)
    QString actor;            ///< "staff:<user>", "owner:<number>", "system"
};

struct RefundOutcome
{
    domain::Order order; ///< status refunded, without items
    common::Rupiah credited = 0;
    common::Rupiah saldoAfter = 0;
    int itemsReturned = 0; ///< stock items that are available again
};

struct ResendOutcome
{
    domain::Order order; ///< without items
    qint64 outboxId = 0;
    QString channel;
    QString recipient;
};

/// The text of a resent delivery for an order that has its items: the bot's kirimulang text
/// (bot::Bot::resendText). Runs inside the resend transaction.
using ResendTextBuilder = std::function<common::Result<QString>(const domain::Order &order)>;

/// Staff operations on existing orders: refund to saldo, the audited reveal of the delivered
/// items and the resend of a delivery. Each is one transaction with its audit row.
class OrderService
{
public:
    explicit OrderService(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// One transaction: a paid or delivered order becomes refunded, `total` (what the goods cost,
    /// without a QRIS kode unik) is credited to the customer's saldo through the ledger (kind
    /// refund, reference = ref, note = reason), the items go back to available when asked (items
    /// a paid order still holds in reserve always do: the customer never saw them), and an
    /// audit row order.refund records before and after. The order row is locked first (FOR
    /// UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so of two concurrent refunds exactly one
    /// succeeds. Errors: order.reason_required, order.not_found, order.already_refunded,
    /// order.not_refundable {status}, the ledger's errors (ledger.too_large), store.*.
    common::Result<RefundOutcome> refund(const RefundRequest &request);

    /// The delivered items of the order, after writing the audit row order.reveal (who and how
    /// many; never the contents) in the same transaction. Errors: order.not_found, store.*.
    common::Result<QStringList> revealItems(const QString &ref, const QString &actor);

    /// Queues the delivery message to the customer again (the channel and id they wrote from
    /// last; their newest identity when they never wrote), audited as order.resend, in one
    /// transaction. Errors: order.not_found, order.not_delivered {status}, order.no_contact,
    /// the builder's errors, outbox.invalid, store.*.
    common::Result<ResendOutcome> resendDelivery(const QString &ref, const QString &actor,
                                                 const ResendTextBuilder &text);

    /// Longest refund reason kept.
    static constexpr int kMaxReasonLength = 500;

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
