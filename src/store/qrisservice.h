#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "domain/message.h"
#include "domain/order.h"
#include "domain/payment.h"
#include "domain/product.h"
#include "store/database.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace kedai::store {

/// "2000/50000": Rp2.000 bonus for every full Rp50.000 deposited. Empty: no bonus.
struct BonusRule
{
    common::Rupiah bonus = 0;
    common::Rupiah per = 0;
    common::Rupiah bonusFor(common::Rupiah nominal) const;
    bool isNone() const { return bonus <= 0 || per <= 0; }
    /// "" and "0" are no bonus; otherwise "<bonus>/<per>" with whole rupiah (dots allowed).
    static std::optional<BonusRule> parse(const QString &text);
    QString toString() const;
};

/// Shop settings that shape a QRIS payment.
struct QrisOptions
{
    int codeMax = 99;       ///< unique codes are 1..codeMax (setting qris_code_max, at most 999)
    int expiryMinutes = 30; ///< QRIS_EXPIRY_MIN
    BonusRule bonus;        ///< deposits only (setting deposit_bonus)
    static constexpr int kMaxCodeMax = 999;
};

/// Something that happened to a QRIS payment; the messenger turns it into customer messages.
struct QrisEvent
{
    enum class Kind {
        Created,      ///< a pending order or deposit: the QR image and how to pay
        Paid,         ///< an order paid: the delivery (order.items filled)
        Deposited,    ///< a deposit paid: credited (+ bonus) to saldo
        LateCredited, ///< paid after expiry or cancel: the money went to saldo
        Expired,      ///< not paid in time: items and code released
        Cancelled     ///< cancelled by the customer or staff
    };
    Kind kind = Kind::Created;
    domain::QrisPayment payment;
    domain::Order order;           ///< purpose order: the order (with items when paid)
    domain::Product product;       ///< purpose order: prices and texts (stock counts not read)
    common::Rupiah credited = 0;   ///< what went to saldo (deposit + bonus, or the late payment)
    common::Rupiah saldoAfter = 0; ///< the saldo after a credit
    qint64 notificationId = 0;     ///< the notification that paid it (0: manual or none)
};

/// Builds the customer's messages for an event inside the operation's transaction, so they are
/// committed with it or not at all (an error rolls the operation back).
using QrisMessenger = std::function<common::Result<QList<domain::OutboundMessage>>(const QrisEvent &)>;

struct QrisOrderRequest
{
    qint64 customerId = 0;
    QString channel;   ///< where to answer
    QString recipient; ///< the customer's id on that channel
    QString productCode;
    int qty = 1;
    QString actor;
};

struct QrisDepositRequest
{
    qint64 customerId = 0;
    QString channel;
    QString recipient;
    common::Rupiah nominal = 0;
    QString actor;
};

/// A forwarded notification after the payments layer read it (payments::classifyNotification).
struct IncomingNotification
{
    QString packageName;
    QString appName;
    QString appId; ///< the known app it matched, empty for none
    QString title;
    QString text;
    std::optional<common::Rupiah> amount; ///< money received; nullopt when none could be read
    QDateTime postedAt;                   ///< invalid when not sent: the time of receipt counts
    /// Unparsed: no amount could be read; Ignored: not money received by the shop;
    /// Unmatched: money received (matching decides what it becomes).
    domain::NotificationStatus classification = domain::NotificationStatus::Unparsed;
};

struct NotificationOutcome
{
    qint64 notificationId = 0;
    domain::NotificationStatus status = domain::NotificationStatus::Unparsed;
    bool duplicate = false;         ///< the same notification came before: nothing was done again
    QString paymentRef;             ///< the payment it paid or was credited for (also for a repeat)
    std::optional<QrisEvent> event; ///< what the payment did (matched or credited)
};

struct PaymentFilter
{
    QList<domain::QrisStatus> statuses; ///< empty: any
    qint64 customerId = 0;              ///< 0: any
    int limit = 200;
};

struct NotificationFilter
{
    QList<domain::NotificationStatus> statuses; ///< empty: any
    int limit = 200;
};

/// The QRIS shop operations (ARCHITECTURE.md section 4): each is one transaction. When called
/// inside a transaction on the same thread (the bot's message handling), it becomes a savepoint.
///
/// Rules it keeps: a pending payment holds its unique code (payable unique among pending, by a
/// unique index) and, for an order, its reserved items (available -> reserved -> sold, or back);
/// a notification is stored once (repeats are counted, never applied twice); paying is one
/// transaction (payment paid, order delivered, items sold, ledger, delivery in the outbox); a
/// payment after expiry or cancel goes to the customer's saldo; money that matches nothing waits
/// in the queue (status unmatched) until staff assign it.
class QrisService
{
public:
    QrisService(std::shared_ptr<Database> db, std::shared_ptr<const common::IClock> clock);

    /// Reserves qty items of the product and a unique code, writes the pending order (method
    /// qris) and the payment, then the messenger's Created messages (the QR image).
    /// Errors: purchase.bad_qty, purchase.unknown_product, purchase.inactive, purchase.out_of_stock
    /// {available, requested, product}, purchase.customer_blocked, purchase.too_large,
    /// qris.pending_exists {ref, payable, expires_at}, qris.no_code (every code taken: try later),
    /// store.* and the messenger's errors.
    common::Result<QrisEvent> createOrder(const QrisOrderRequest &request, const QrisOptions &options,
                                          const QrisMessenger &messenger);

    /// A saldo deposit of `nominal` (kMinDeposit..kMaxDeposit) paid by QRIS.
    /// Errors: qris.bad_nominal {min, max}, purchase.customer_blocked, qris.pending_exists,
    /// qris.no_code, store.*.
    common::Result<QrisEvent> createDeposit(const QrisDepositRequest &request, const QrisOptions &options,
                                            const QrisMessenger &messenger);

    /// The customer's pending QRIS payment, if any.
    common::Result<std::optional<domain::QrisPayment>> pendingFor(qint64 customerId);

    /// Cancels the customer's pending payment: items back to stock, code released.
    /// Errors: qris.nothing_pending.
    common::Result<QrisEvent> cancel(qint64 customerId, const QString &actor, const QrisMessenger &messenger);

    /// Expires up to `limit` pending payments whose time is up, each in its own transaction
    /// (items back to stock, code released, the customer told). Safe to run on several
    /// instances at once: a payment is expired once. A payment that fails is logged and skipped
    /// (the others are still expired); the error is returned only when nothing could be expired.
    common::Result<QList<QrisEvent>> expireDue(int limit, const QrisMessenger &messenger);

    /// Stores a forwarded notification and applies it: the exact payable of a payment that was
    /// pending when the money arrived (postedAt, else now) pays it; an expired or cancelled
    /// payment's amount paid after its end is credited to that customer's saldo; money that
    /// matches nothing is queued (unmatched). A repeat is recognised (duplicate = true) and
    /// changes nothing.
    common::Result<NotificationOutcome> recordNotification(const IncomingNotification &notification,
                                                           const QrisMessenger &messenger);

    /// Manual confirmation by staff or the owner (who and why are recorded): a pending payment
    /// is paid (delivered exactly once); an expired or cancelled one is credited to saldo.
    /// Errors: qris.not_found, qris.already_paid {status}, qris.note_required.
    common::Result<QrisEvent> confirm(const QString &ref, const QString &actor, const QString &note,
                                      const QrisMessenger &messenger);

    /// Takes a queued (unmatched) notification out of the queue: with `ref`, it pays that
    /// payment (pending) or is credited to its customer (expired/cancelled); with `customerId`
    /// (and no ref), its amount is credited to that customer's saldo.
    /// Errors: qris.notification_not_found, qris.notification_resolved {status},
    /// qris.notification_no_amount, qris.not_found, qris.already_paid, customer.not_found,
    /// qris.note_required.
    common::Result<QrisEvent> assignNotification(qint64 notificationId, const QString &ref, qint64 customerId,
                                                 const QString &actor, const QString &note,
                                                 const QrisMessenger &messenger);

    /// Newest first, with the customer's phone/name and the product filled in.
    common::Result<QList<domain::QrisPayment>> payments(const PaymentFilter &filter);
    common::Result<std::optional<domain::QrisPayment>> paymentByRef(const QString &ref);
    /// Newest first.
    common::Result<QList<domain::PaymentNotificationRecord>> notifications(const NotificationFilter &filter);
    /// For /metrics: QRIS payments by status and notifications by status (every status present).
    common::Result<std::map<QString, qint64>> countPaymentsByStatus();
    common::Result<std::map<QString, qint64>> countNotificationsByStatus();

    static constexpr common::Rupiah kMinDeposit = 10'000;
    static constexpr common::Rupiah kMaxDeposit = 10'000'000;
    /// A phone clock may be a little behind: money posted this long before a payment was
    /// created still counts for it.
    static constexpr qint64 kClockSkewMs = 120'000;
    /// A payment of an expired or cancelled amount this long after its end is still taken as
    /// that customer's late payment; later it goes to the queue.
    static constexpr qint64 kLateWindowMs = 24LL * 3600 * 1000;
    /// Codes closed this recently are given out again only when no other code is free, so a late
    /// payment rarely meets a new order with the same amount.
    static constexpr qint64 kReuseAfterMs = 60LL * 60 * 1000;

private:
    std::shared_ptr<Database> m_db;
    std::shared_ptr<const common::IClock> m_clock;
};

} // namespace kedai::store
