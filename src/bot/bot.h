#pragma once

#include "bot/catalogcache.h"
#include "bot/commandparser.h"
#include "bot/customercache.h"
#include "bot/settingscache.h"
#include "bot/templates.h"
#include "cache/lockmanager.h"
#include "cache/ratelimiter.h"
#include "common/clock.h"
#include "common/config.h"
#include "domain/customer.h"
#include "domain/interactive.h"
#include "domain/message.h"
#include "payments/qrissetup.h"
#include "store/catalogrepository.h"
#include "store/customerrepository.h"
#include "store/messagerepository.h"
#include "store/orderrepository.h"
#include "store/purchaseservice.h"
#include "store/qrisservice.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>

#include <memory>

namespace kedai::bot {

/// What a handled message changed, so the engine can tell the window.
struct HandleOutcome
{
    QList<QPair<qint64, QString>> orders; ///< (order id, ref) created or changed
    QSet<qint64> products;                ///< products whose stock or data changed
    bool catalogChanged = false;          ///< products added, edited or removed
    QSet<qint64> customers;               ///< customers whose saldo or tier changed
    QSet<qint64> customerRecords;         ///< customers whose tier, block or name changed
    QList<QPair<QString, QString>> qris;  ///< (ref, status) of QRIS payments created or changed
    int replies = 0;                      ///< messages put in the outbox
    bool systemError = false;             ///< the store failed; the customer was told
};

/// Everything the bot needs; shared by every shard (all members are thread-safe).
struct BotDeps
{
    std::shared_ptr<store::Database> db;
    std::shared_ptr<store::CatalogRepository> catalog;
    std::shared_ptr<CatalogCache> catalogCache;   ///< active products, cache-aside over `catalog`
    std::shared_ptr<CustomerCache> customerCache; ///< the sender of each message, over `customers`
    std::shared_ptr<SettingsCache> settings;      ///< shop settings kept in the database
    std::shared_ptr<store::CustomerRepository> customers;
    std::shared_ptr<store::OrderRepository> orders;
    std::shared_ptr<store::PurchaseService> purchases;
    std::shared_ptr<store::MessageRepository> messages;
    std::shared_ptr<store::QrisService> qris;
    std::shared_ptr<payments::QrisSetup> qrisSetup; ///< QRIS_STATIC (may be off) and the listener key
    QString mediaDir;                               ///< where QR images are written (one file per payment)
    int qrisExpiryMin = 30;                         ///< QRIS_EXPIRY_MIN
    std::shared_ptr<cache::IRateLimiter> limiter;
    std::shared_ptr<cache::ILockManager> locks;
    std::shared_ptr<const common::IClock> clock;
    common::Config config;
    Templates templates;
};

/// The conversation engine: turns one inbound message into store operations and replies in the
/// outbox. Stateless between messages; called on a shard thread (one customer = one shard).
class Bot
{
public:
    explicit Bot(std::shared_ptr<const BotDeps> deps) : m_deps(std::move(deps)) {}

    /// A reply template was changed on this instance: use it from the next reply (other
    /// instances follow within kOverrideMemoMs).
    void forgetTemplateOverrides();
    static constexpr qint64 kOverrideMemoMs = 5000;

    HandleOutcome handle(const domain::InboundMessage &message);

    /// The catalog reply ("stok") with `tier`'s prices; empty when nothing is for sale. Rendered
    /// once per catalog version and tier, and kept with the catalog's cache entries.
    common::Result<QString> catalogText(domain::Tier tier);

    /// Formats a date/time for customers (Asia/Jakarta, "21/11/2026 13:05 WIB").
    static QString formatWhen(const QDateTime &utc);

    /// The customer's messages for a QRIS event: the QR image (a new PNG file in the media dir)
    /// with how to pay, the delivery, the credit or the expiry notice. Used inside the QRIS
    /// operations' transactions, also by the listener endpoint and the expiry sweeper.
    common::Result<QList<domain::OutboundMessage>> qrisMessages(const store::QrisEvent &event) const;
    /// The QRIS settings as the shop has them now (codes, expiry, deposit bonus).
    store::QrisOptions qrisOptions() const;
    /// Records what a QRIS event changed (orders, stock, saldo, payments) in `outcome`.
    static void noteQrisEvent(HandleOutcome &outcome, const store::QrisEvent &event);
    /// The kirimulang message of a delivered order that has its items (the customer's own
    /// "kirimulang <ref>" and staff's resend from the window send the same text).
    QString resendText(const domain::Order &order, const domain::Product &product, common::Rupiah saldo) const;

private:
    struct Ctx
    {
        const domain::InboundMessage &msg;
        domain::Customer customer;
        ParsedCommand cmd;
        bool owner = false;
        HandleOutcome outcome;
    };

    /// Queues `out` as the answer to the context's message (channel, recipient, inbox id set here).
    void queue(Ctx &ctx, domain::OutboundMessage out);
    void reply(Ctx &ctx, const QString &text);
    /// A list or reply buttons; `text` is what channels without them send instead.
    void replyInteractive(Ctx &ctx, const QString &text, const domain::Interactive &interactive);
    /// A bare number answering our last interactive message ("2" → its second choice): the
    /// command of that choice, or empty.
    QString numberedChoice(const Ctx &ctx) const;
    void replyKey(Ctx &ctx, const QString &key, const QVariantMap &values = {});
    QString t(const QString &key, const QVariantMap &values = {}) const;
    /// The shop's wording of `key` (Settings, Reply templates; empty: none), remembered for a few
    /// seconds so that a reply does not cost a cache round trip (Redis) per text it renders.
    QString templateOverride(const QString &key) const;
    bool dispatchCustomer(Ctx &ctx);
    bool dispatchOwner(Ctx &ctx);
    void systemError(Ctx &ctx, const common::Error &error);

    // customer commands (customercommands.cpp)
    void menu(Ctx &ctx);
    void catalog(Ctx &ctx);
    void search(Ctx &ctx, const QString &term, bool quietWhenNone);
    void buy(Ctx &ctx);
    struct BuyArgs
    {
        QString code;
        int qty = 1;
    };
    /// "<kode> [jumlah]" of buy and buynow; replies (usage, bad quantity) and returns nullopt
    /// when they are not right.
    std::optional<BuyArgs> buyArgs(Ctx &ctx, const QString &usageKey);
    /// The purchase rate limit shared by buy, buynow and deposit; replies when it is reached.
    bool buyRateLimited(Ctx &ctx);
    void saldo(Ctx &ctx);
    void riwayat(Ctx &ctx);
    void cek(Ctx &ctx);
    void kirimulang(Ctx &ctx);
    void buyError(Ctx &ctx, const common::Error &error, const QString &code);
    QString deliveryText(const QString &key, const domain::Order &order, const domain::Product &product,
                         common::Rupiah saldoAfter) const;
    QString statusText(domain::OrderStatus status) const;

    // QRIS commands (qriscommands.cpp)
    void buynow(Ctx &ctx);
    void deposit(Ctx &ctx);
    void batal(Ctx &ctx);
    void konfirmasi(Ctx &ctx);
    bool qrisReady(Ctx &ctx);
    /// The messenger for a command: qrisMessages() answering the command's message.
    store::QrisMessenger commandMessenger(Ctx &ctx, int *queued) const;
    void qrisError(Ctx &ctx, const common::Error &error, const QString &code);

    // owner commands (ownercommands.cpp)
    void addproduk(Ctx &ctx);
    void setharga(Ctx &ctx);
    void setdesk(Ctx &ctx);
    void delproduk(Ctx &ctx);
    void addstok(Ctx &ctx);
    void delstok(Ctx &ctx);
    void changeSaldo(Ctx &ctx, bool add);
    void ubahrole(Ctx &ctx);
    void refund(Ctx &ctx);
    void ownerUsage(Ctx &ctx, const QString &usage);
    /// The product named by a one-argument owner command; replies (usage, unknown) otherwise.
    std::optional<domain::Product> ownerProduct(Ctx &ctx, const QString &usage);
    QString actor(const Ctx &ctx) const;

    std::shared_ptr<const BotDeps> m_deps;
    mutable QMutex m_overridesMutex;
    mutable QHash<QString, QPair<QString, qint64>> m_overrides; ///< key -> (text, until: ms since epoch)
};

} // namespace kedai::bot
