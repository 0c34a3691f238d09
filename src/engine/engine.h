#pragma once

#include "common/config.h"
#include "common/result.h"
#include "domain/customer.h"
#include "domain/ledger.h"
#include "domain/message.h"
#include "domain/order.h"
#include "domain/payment.h"
#include "domain/product.h"
#include "domain/staff.h"
#include "domain/stockitem.h"
#include "engine/replytemplate.h"
#include "store/catalogrepository.h"
#include "store/conversationrepository.h"
#include "store/customerrepository.h"
#include "store/orderrepository.h"
#include "store/orderservice.h"
#include "store/qrisservice.h"
#include "store/reportrepository.h"
#include "store/settingsrepository.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace kedai::engine {

class EnginePrivate;

/// The composition root: builds everything from Config, owns the threads (bot shards, sender,
/// HTTP, a database pool for the async API) and exposes the async API and the signals that the
/// GUI uses. Every method is callable from the GUI thread and never blocks on I/O: results come
/// back as QFutures (use QFuture::then(context, ...)). Signals are emitted from worker threads,
/// so connect them with queued connections (the default across threads).
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(common::Config config, QObject *parent = nullptr);
    ~Engine() override;

    /// Opens the database (migrations), seeds the demo shop when asked and empty, recovers the
    /// inbox/outbox, starts the shards, the sender and the HTTP endpoint. Blocking; call once.
    common::Result<void> start();
    /// Stops the HTTP endpoint, drains the shards and the sender, joins the threads. Idempotent.
    void stop();

    const common::Config &config() const;
    quint16 httpPort() const;
    QString httpUrl() const; ///< e.g. http://127.0.0.1:8080

    // ---- Catalog
    QFuture<common::Result<QList<domain::Product>>> products(bool includeInactive = true);
    QFuture<common::Result<domain::Product>> saveProduct(const domain::Product &product, bool isNew,
                                                         const QString &actor);
    QFuture<common::Result<void>> deactivateProduct(const QString &code, const QString &actor);
    QFuture<common::Result<QList<domain::StockItem>>> stockItems(qint64 productId, bool includeSoldAndVoid = true);
    QFuture<common::Result<QStringList>> existingStock(qint64 productId);
    QFuture<common::Result<store::AddStockResult>> addStock(qint64 productId, const QStringList &lines,
                                                            const QString &actor);
    QFuture<common::Result<int>> voidStockItem(qint64 itemId, const QString &actor);
    /// One page of a product's stock items (enginecatalog.cpp; see CatalogRepository::stockItemsPage:
    /// ids above `afterId`, sold contents cut to three characters).
    QFuture<common::Result<QList<domain::StockItem>>> stockItemsPage(qint64 productId, qint64 afterId, int limit,
                                                                     std::optional<domain::StockStatus> status = {});
    QFuture<common::Result<store::StockCounts>> stockCounts(qint64 productId);
    /// Which of `lines` are already (non-void) stock of the product: the import preview's check.
    QFuture<common::Result<QSet<QString>>> stockLinesInStock(qint64 productId, const QStringList &lines);

    // ---- Orders (engineorders.cpp). Nothing here returns delivered items but revealOrderItems.
    /// Newest first, one page (keyset paging with filter.beforeId); without items.
    QFuture<common::Result<QList<domain::Order>>> orders(const store::OrderFilter &filter);
    /// Without items.
    QFuture<common::Result<std::optional<domain::Order>>> orderByRef(const QString &ref);
    /// How many orders match (the filter's paging fields are ignored).
    QFuture<common::Result<qint64>> orderCount(const store::OrderFilter &filter);
    /// The detail view's data: order, customer, saldo movements, item count; no item contents.
    QFuture<common::Result<std::optional<store::OrderDetail>>> orderDetail(const QString &ref);
    /// The delivered items, audited (order.reveal, without the contents). Permission::RevealItems.
    QFuture<common::Result<QStringList>> revealOrderItems(const QString &ref, const QString &actor);
    /// Queues the bot's kirimulang message to the customer again, audited (order.resend).
    /// Permission::ResendDelivery.
    QFuture<common::Result<store::ResendOutcome>> resendDelivery(const QString &ref, const QString &actor);
    /// Refunds a paid or delivered order's total to the customer's saldo (see
    /// store::OrderService::refund; a reason is required). Permission::Refund. Emits orderChanged,
    /// customerChanged and, when items went back on sale, stockChanged.
    QFuture<common::Result<store::RefundOutcome>> refundOrder(const QString &ref, const QString &reason,
                                                              bool returnItems, const QString &actor);
    /// Writes every order matching `filter` to the CSV file `path` (store::OrderCsv), audited
    /// (order.export). Reports progress (0..count) on the future; cancel() stops it and removes
    /// the file (the result is then export.cancelled or a cancelled future). Returns the rows.
    QFuture<common::Result<qint64>> exportOrdersCsv(const store::OrderFilter &filter, const QString &path,
                                                    const QString &actor);

    // ---- Customers and saldo
    QFuture<common::Result<QList<domain::Customer>>> customers(const QString &term = {});
    /// One page of customers, newest first, ids below `beforeId` (0: the newest) (enginecatalog.cpp).
    QFuture<common::Result<QList<domain::Customer>>> customersPage(const QString &term, qint64 beforeId, int limit);
    /// Blocks or unblocks (Permission::ManageCustomers). A blocked customer's messages are kept
    /// and the bot answers the first one after each block once, politely, then nothing.
    QFuture<common::Result<domain::Customer>> setBlocked(qint64 customerId, bool blocked, const QString &actor);
    /// Top-up (delta > 0) or deduction (delta < 0) through the ledger, with a reason.
    QFuture<common::Result<domain::LedgerEntry>> adjustSaldo(qint64 customerId, common::Rupiah delta,
                                                             const QString &reason, const QString &actor);
    QFuture<common::Result<domain::Customer>> setTier(qint64 customerId, domain::Tier tier, const QString &actor);
    QFuture<common::Result<QList<domain::LedgerEntry>>> ledger(qint64 customerId);

    // ---- Simulator (a test customer writing to the bot)
    /// Commits a simulator message to the inbox and hands it to the bot. Returns the inbox id.
    /// A shop setting kept in the database (cached 10 minutes; `fallback` when never set).
    QFuture<common::Result<QString>> setting(const QString &key, const QString &fallback = {});
    /// Saves a setting (audited) and drops it from every instance's cache. Settings with rules
    /// are checked first (a refused value changes nothing): qris_code_max (1..999, default 99),
    /// deposit_bonus ("2000/50000" or empty), bot_pause_min (0..1440 minutes the bot
    /// pauses after a staff reply, default 30), qris_apps (comma-separated known app ids from
    /// payments::knownPaymentApps(); empty = all), idle_lock_min (0..240 idle minutes before the
    /// window locks, default 10, 0 = never). Needs Permission::EditSettings (auth.forbidden).
    QFuture<common::Result<void>> setSetting(const QString &key, const QString &value, const QString &actor);

    /// The catalog reply the customer with this phone number would get for "stok" (their tier's
    /// prices; bronze for an unknown number), without sending anything. Served from the caches.
    QFuture<common::Result<QString>> catalogReply(const QString &phone);

    QFuture<common::Result<qint64>> simulateMessage(const QString &from, const QString &name, const QString &text);

    // ---- QRIS (ARCHITECTURE.md section 4; issue 4)
    /// {configured: bool (a QRIS_STATIC is set), valid: bool, error: "<why it is refused>",
    ///  merchant: "<tag 59>", city: "<tag 60>", listener_key_set: bool, expiry_min: int}.
    QJsonObject qrisStatus() const;
    /// Checks the shop's static QRIS string and, when valid, uses it at once and saves it in the
    /// settings file (QRIS_STATIC). An empty string switches QRIS off. A malformed string is
    /// refused with a message that says what is wrong (qris.* errors) and changes nothing.
    QFuture<common::Result<void>> setQrisStatic(const QString &qris, const QString &actor);
    /// Sets the key the phone's notification forwarder sends as X-Api-Key (QRIS_LISTENER_KEY),
    /// saved in the settings file. An empty key generates a new random one. Returns the key.
    QFuture<common::Result<QString>> setQrisListenerKey(const QString &key, const QString &actor);
    /// QRIS orders and deposits, newest first (filter by status, e.g. pending).
    QFuture<common::Result<QList<domain::QrisPayment>>> qrisPayments(const store::PaymentFilter &filter);
    /// Forwarded payment notifications, newest first (filter by status, e.g. unmatched = the queue).
    QFuture<common::Result<QList<domain::PaymentNotificationRecord>>>
    paymentNotifications(const store::NotificationFilter &filter);
    /// Staff confirm a QRIS payment by hand (a note saying why is required): a pending one is
    /// paid and delivered once; an expired or cancelled one is credited to the customer's saldo.
    QFuture<common::Result<domain::QrisPayment>> confirmQris(const QString &ref, const QString &note,
                                                             const QString &actor);
    /// Takes a queued notification out of the queue: to the payment `ref`, or (ref empty) to
    /// the saldo of `customerId`. A note is required.
    QFuture<common::Result<domain::QrisPayment>> assignNotification(qint64 notificationId, const QString &ref,
                                                                    qint64 customerId, const QString &note,
                                                                    const QString &actor);
    /// Handles a body exactly as POST /webhook/payment-notification does (after its key check).
    QFuture<common::Result<QList<store::NotificationOutcome>>> submitPaymentNotifications(const QByteArray &json);

    // ---- Conversations (human takeover) and merging customers
    /// Customers who wrote or were written to, latest first; `term` searches name, phone, ids.
    QFuture<common::Result<QList<store::ConversationSummary>>> conversations(const QString &term = {});
    /// The customer's latest messages over all their identities, oldest first.
    QFuture<common::Result<QList<store::ConversationMessage>>> conversationMessages(qint64 customerId);
    /// Queues a staff reply to the channel the customer wrote from last (sent_by "staff:<name>")
    /// and pauses the bot for that customer for the `bot_pause_min` setting (default 30, 0 = no
    /// pause). Emits conversationMessage and customerChanged.
    QFuture<common::Result<store::StaffReply>> sendStaffReply(qint64 customerId, const QString &text,
                                                              const QString &staffName);
    /// Lets the bot answer the customer again at once.
    QFuture<common::Result<domain::Customer>> resumeBot(qint64 customerId, const QString &actor);
    /// (channel, external id) of the customer's identities.
    QFuture<common::Result<QList<QPair<QString, QString>>>> customerIdentities(qint64 customerId);
    /// Merges customer `fromId` into `intoId` (see store::CustomerRepository::merge) and drops
    /// the caches of both and of the moved identities. Emits customerChanged for both.
    QFuture<common::Result<store::CustomerMergeResult>> mergeCustomers(qint64 fromId, qint64 intoId,
                                                                       const QString &actor);

    // ---- Staff accounts and the audit trail (enginestaff.cpp)
    /// How many desktop accounts exist (0: the first run, the owner must set a password).
    QFuture<common::Result<int>> staffAccountCount();
    /// The first run: creates the owner account, refused with staff.already_set_up once any
    /// account exists. Errors also: staff.username_invalid, auth.password_too_short.
    QFuture<common::Result<domain::StaffUser>> createFirstOwner(const QString &username, const QString &displayName,
                                                                const QString &password);
    /// Checks a password (Argon2id, on a worker thread). Unknown user and wrong password give
    /// the same auth.failed; five failures in a row lock the account for five minutes
    /// (auth.locked {until}); an inactive account gets auth.inactive. Audited.
    QFuture<common::Result<domain::StaffUser>> login(const QString &username, const QString &password);
    QFuture<common::Result<QList<domain::StaffUser>>> staffUsers();
    /// Needs Permission::ManageStaff.
    QFuture<common::Result<domain::StaffUser>> createStaffUser(const QString &username, const QString &displayName,
                                                               domain::StaffRole role, const QString &password,
                                                               const QString &actor);
    /// Needs Permission::ManageStaff; the last active owner cannot be demoted or deactivated.
    QFuture<common::Result<domain::StaffUser>>
    updateStaffUser(qint64 id, const QString &displayName, domain::StaffRole role, bool active, const QString &actor);
    /// The owner sets anyone's password (ManageStaff); anyone changes their own with
    /// `currentPassword` (auth.failed when it is wrong).
    QFuture<common::Result<void>> setStaffPassword(qint64 id, const QString &newPassword,
                                                   const QString &currentPassword, const QString &actor);
    /// The audit trail, newest first (Permission::ViewAudit).
    QFuture<common::Result<QList<store::AuditEntry>>> auditLog(const store::AuditFilter &filter, const QString &actor);
    /// The actors and actions in the audit trail (the Audit panel's filter lists).
    QFuture<common::Result<QPair<QStringList, QStringList>>> auditFacets(const QString &actor);

    // ---- Dashboard (enginereports.cpp)
    /// The dashboard's figures for the local day `today` (normally QDate::currentDate()) in the
    /// system time zone: today's sales, the last 30 days, top products, low stock and waiting
    /// QRIS payments (see store::DashboardStats for what counts as a sale).
    QFuture<common::Result<store::DashboardStats>> dashboard(const QDate &today);

    // ---- Settings, backups and tests of connections (enginesettings.cpp)
    /// Saves variables of the configuration contract (ARCHITECTURE.md section 6: DATABASE_URL,
    /// REDIS_URL, KEDAI_SHOP_NAME, KEDAI_LANGUAGE, WA_*, WAHA_*...) in the settings file, secrets
    /// encrypted (common::SecretBox). They apply at the next start; the environment still wins.
    /// Needs Permission::EditSettings. Checked first (settings.bad_value; nothing is written):
    /// the URLs' schemes, the language (id or en). Unknown names: settings.unknown.
    QFuture<common::Result<void>> saveConfigValues(const QHash<QString, QString> &values, const QString &actor);
    /// Connects to `url` (sqlite:// or postgresql://) on a worker thread with a connection of its
    /// own and answers e.g. "PostgreSQL 15.4, 12 ms"; or why not (probe.auth, probe.refused,
    /// probe.unknown_host, probe.timeout after at most 5 s, probe.no_database, probe.bad_url).
    QFuture<common::Result<QString>> testDatabase(const QString &url);
    /// The same for a REDIS_URL: "Redis 7.0.15, 3 ms" or probe.* errors.
    QFuture<common::Result<QString>> testRedis(const QString &url);
    /// GET {base}/{phone number id} with the token (WhatsApp Cloud API): "+62 811… (Shop name), 80 ms".
    QFuture<common::Result<QString>> testCloudApi(const QString &baseUrl, const QString &phoneNumberId,
                                                  const QString &token);
    /// GET {url}/api/sessions/{session} (WAHA): "WORKING, 20 ms".
    QFuture<common::Result<QString>> testWaha(const QString &url, const QString &apiKey, const QString &session);
    /// Every reply of the bot in `language` (id, en) with the shop's overrides.
    QFuture<common::Result<QList<ReplyTemplate>>> replyTemplates(const QString &language);
    /// Saves the shop's wording of one reply (setting template.<language>.<key>; every instance
    /// uses it within the settings cache's time). Empty `text` goes back to the default. Refused
    /// (templates.*) when the text is empty after trimming or its placeholders differ from the
    /// default's. Needs Permission::EditSettings.
    QFuture<common::Result<void>> setReplyTemplate(const QString &language, const QString &key, const QString &text,
                                                   const QString &actor);
    /// A consistent copy of the database in `folder` (empty: the backup_dir setting, else
    /// <data dir>/backups) with a timestamped name; returns the file. SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump from PATH (backup.pg_dump_missing otherwise). Needs Permission::Backups.
    QFuture<common::Result<QString>> backupNow(const QString &folder, const QString &actor);

    // ---- Health
    QJsonObject health() const;

Q_SIGNALS:
    /// An order was created or changed (status, refund...).
    void orderChanged(qint64 orderId, const QString &ref);
    /// Stock count or product data of a product changed.
    void stockChanged(qint64 productId);
    /// Products were added, edited or removed.
    void catalogChanged();
    /// A customer's saldo, tier or data changed.
    void customerChanged(qint64 customerId);
    /// A message in (outbound=false, committed to the inbox) or out (sent by the sender).
    void conversationMessage(const QString &channel, const QString &peer, bool outbound, const QString &text,
                             qint64 messageId);
    void healthChanged(const QJsonObject &health);
    /// A channel reported the delivery of a message we sent (sent, delivered, read, failed).
    void deliveryChanged(const QString &channel, const QString &externalId, const QString &status);
    /// A forwarded payment notification was stored (status: matched, credited, unmatched,
    /// assigned, unparsed, ignored) or taken out of the queue.
    void paymentNotification(qint64 notificationId, const QString &status);
    /// A QRIS order or deposit was created, paid, credited, expired or cancelled.
    void qrisPaymentChanged(const QString &ref, const QString &status);
    /// QRIS_STATIC or the listener key was changed (qrisStatus() has the new state).
    void qrisSetupChanged();

private:
    friend class EnginePrivate;
    std::unique_ptr<EnginePrivate> d;
};

} // namespace kedai::engine
