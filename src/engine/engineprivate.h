#pragma once

#include "bot/bot.h"
#include "bot/shardpool.h"
#include "cache/resilientcache.h"
#include "channels/simulatorchannel.h"
#include "common/config.h"
#include "engine/engine.h"
#include "engine/sender.h"
#include "payments/qrissetup.h"
#include "server/serverbackend.h"
#include "server/webhookserver.h"
#include "store/customerrepository.h"
#include "store/database.h"
#include "store/messagerepository.h"
#include "store/purchaseservice.h"
#include "store/qrisservice.h"
#include "store/settingsrepository.h"
#include "store/staffrepository.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace kedai::engine {

/// The engine's internals. Also the HTTP endpoint's backend (IServerBackend).
class EnginePrivate final : public server::IServerBackend
{
public:
    EnginePrivate(Engine *q, common::Config config);
    ~EnginePrivate() override;

    common::Result<void> start();
    void stop();

    /// Commits to the inbox (deduplicated), tells the window, hands the message to its shard.
    common::Result<server::IngestOutcome> ingest(const domain::InboundMessage &message) override;
    QString unavailableReply() const override;
    common::Result<QList<domain::OutboundMessage>> simulatorMessages(const QString &to, qint64 afterId) override;
    QJsonObject health() override;
    QByteArray metricsExtra() override;
    QString adminToken() const override { return config.adminToken; }
    QString mediaDir() const override;
    QString qrisListenerKey() const override;
    common::Result<QJsonArray> paymentNotifications(const QByteArray &body) override;
    server::ChannelSecrets channelSecrets() const override;
    common::Result<int> recordDeliveries(const QList<server::DeliveryStatus> &statuses) override;

    // WhatsApp channels (enginechannels.cpp)
    /// The channels the configuration turns on, by name (always the simulator).
    void buildChannels();
    /// The shop's send limits (settings send_rate_per_sec, send_recipient_gap_ms), re-read at
    /// most every few seconds.
    SendLimits sendLimits();
    /// Before a message is handled: downloads its file (images, voice notes) into the media
    /// folder and records the path. Failures are logged; the message is handled without it.
    void fetchInboundMedia(domain::InboundMessage &message);
    /// After a message is handled: the read receipt, through the sender thread (best effort).
    void markRead(const domain::InboundMessage &message);
    /// {"simulator": "ok", "whatsapp": "ok" | "token_expired" | …}; `alerts` gets a line for the
    /// owner per channel in trouble.
    QJsonObject channelHealth(QJsonArray *alerts) const;
    /// Statuses whose message is not recorded as sent yet (the webhook came before the sender's
    /// record): tried again every few seconds for a while, then dropped.
    void retryPendingStatuses();

    /// Parses, classifies and applies forwarded notifications (the endpoint and the window).
    common::Result<QList<store::NotificationOutcome>> applyNotifications(const QByteArray &body);
    /// After committed QRIS events: caches, signals, the sender.
    void applyQrisEvents(const QList<store::QrisEvent> &events);
    /// Expires QRIS payments whose time is up (the sweeper; safe on several instances).
    void expireQris();
    /// The bot's QRIS messages, for operations that do not answer a customer's message.
    store::QrisMessenger qrisMessenger() const;
    QJsonObject qrisStatus() const;
    /// Deletes QR images of payments that ended long ago (at most every 10 minutes).
    void removeOldQrImages();

    // Staff accounts (enginestaff.cpp)
    /// Whether `actor` may do this. An empty actor never may. A desktop user ("staff:<username>")
    /// needs an active account
    /// whose role allows it (auth.forbidden otherwise, or when the account is unknown or
    /// inactive); other actors (owner WhatsApp numbers, the admin API with its token, "system")
    /// were authorised where they came in. Call it on a worker thread before any change.
    common::Result<void> authorize(const QString &actor, domain::Permission permission);

    /// Runs on a shard thread.
    void handleOnShard(const domain::InboundMessage &message);
    void publish(const bot::HandleOutcome &outcome);
    void refreshHealth();
    /// After a committed write that changed products or stock.
    void invalidateCatalog();
    /// After a committed change of a customer's saldo (and, with `record`, tier/block/name).
    void invalidateCustomer(qint64 customerId, bool record);
    /// Everything a handled message changed, in one cache call.
    void invalidate(const bot::HandleOutcome &outcome);
    /// Jobs that must run on one instance at a time (advisory lock): resume inbox rows nobody
    /// handled (a crash, a database outage) and requeue sends a dead process left claimed.
    void sweep();
    /// PostgreSQL: messages claimed by instances that are gone (their claimer lock is free) go
    /// back to pending at once. Returns how many.
    int requeueDeadClaims();

    Engine *q;
    common::Config config;
    std::shared_ptr<const common::IClock> clock = std::make_shared<common::SystemClock>();
    std::shared_ptr<store::Database> db;
    std::shared_ptr<store::CatalogRepository> catalog;
    std::shared_ptr<store::CustomerRepository> customers;
    std::shared_ptr<store::OrderRepository> orders;
    std::shared_ptr<store::PurchaseService> purchases;
    std::shared_ptr<store::MessageRepository> messages;
    std::shared_ptr<store::SettingsRepository> settings;
    std::shared_ptr<store::StaffRepository> staff;
    std::shared_ptr<store::QrisService> qris;
    std::shared_ptr<payments::QrisSetup> qrisSetup = std::make_shared<payments::QrisSetup>();
    std::shared_ptr<cache::ResilientCache> caches; ///< Redis, or in-process when unset or down
    std::shared_ptr<bot::Bot> bot;
    std::shared_ptr<bot::CustomerCache> customerCache;
    std::shared_ptr<bot::SettingsCache> settingsCache;
    QString unavailableText; ///< the "sistem sedang gangguan" reply, rendered once at start
    std::unique_ptr<bot::ShardPool> shards;
    QHash<QString, std::shared_ptr<channels::IChannel>> channelMap; ///< built once in start()
    QMutex limitsMutex;
    SendLimits cachedLimits;
    QElapsedTimer limitsAge;
    QString instanceId; ///< this process's claimer id (random per start)
    QMutex pendingStatusMutex;
    QList<QPair<server::DeliveryStatus, QDateTime>> pendingStatuses; ///< with when they arrived
    QThread senderThread;
    Sender *sender = nullptr;
    std::unique_ptr<server::HttpServerThread> http;
    QThreadPool pool;       ///< database work of the async API
    QThreadPool ingestPool; ///< one thread: simulator messages keep the order they were typed in
    QThreadPool sweepPool;  ///< one thread, so the sweeper's advisory lock stays on one connection
    QTimer sweepTimer;
    QTimer healthTimer;
    mutable QMutex healthMutex;
    QJsonObject lastHealth;
    QElapsedTimer uptime;
    QElapsedTimer lastImageCleanup; ///< touched only by the sweeper thread
    bool started = false;
};

} // namespace kedai::engine
