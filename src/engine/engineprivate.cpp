#include "engine/engineprivate.h"

#include "common/ids.h"
#include "common/log.h"
#include "common/metrics.h"
#include "engine/demoshop.h"
#include "payments/notificationparser.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QtConcurrent>

namespace kedai::engine {

EnginePrivate::EnginePrivate(Engine *owner, common::Config cfg) : q(owner), config(std::move(cfg))
{
    pool.setMaxThreadCount(4);
    pool.setExpiryTimeout(-1); // keep threads (and their database connections) alive
    ingestPool.setMaxThreadCount(1);
    ingestPool.setExpiryTimeout(-1);
    sweepPool.setMaxThreadCount(1);
    sweepPool.setExpiryTimeout(-1);
}

EnginePrivate::~EnginePrivate()
{
    stop();
}

QString EnginePrivate::mediaDir() const
{
    return QDir(config.dataDir).filePath(QStringLiteral("media"));
}

common::Result<void> EnginePrivate::start()
{
    auto log = log::get("engine");
    uptime.start();
    QDir().mkpath(mediaDir());

    auto opened = store::Database::open(config.databaseUrl);
    if (!opened)
        return opened.error();
    db = opened.value();
    catalog = std::make_shared<store::CatalogRepository>(db);
    customers = std::make_shared<store::CustomerRepository>(db);
    orders = std::make_shared<store::OrderRepository>(db);
    purchases = std::make_shared<store::PurchaseService>(db);
    messages = std::make_shared<store::MessageRepository>(db);
    settings = std::make_shared<store::SettingsRepository>(db);
    staff = std::make_shared<store::StaffRepository>(db);
    qris = std::make_shared<store::QrisService>(db, clock);
    qrisSetup->load(config.qrisStatic);
    qrisSetup->setListenerKey(config.qrisListenerKey);
    if (const auto state = qrisSetup->state(); !state.error.isEmpty())
        log->error("QRIS is off: QRIS_STATIC is refused. {}", state.error);
    else if (!state.valid())
        log->info("QRIS is off: QRIS_STATIC is not set");
    else
        log->info("QRIS is on for {} ({})", state.merchant, state.city);
    if (qrisSetup->enabled() && config.qrisListenerKey.isEmpty())
        log->warn("QRIS_LISTENER_KEY is not set: payment notifications cannot be received until it is");

    if (config.demo) {
        auto seeded = DemoShop::seedIfEmpty(*catalog, *customers);
        if (!seeded)
            return seeded.error();
    }

    auto templates = bot::Templates::load(config.language);
    if (!templates)
        return templates.error();
    auto caches_ = cache::ResilientCache::fromUrl(config.redisUrl, clock);
    if (!caches_)
        return caches_.error();
    caches = caches_.value();
    QObject::connect(
        caches.get(), &cache::ResilientCache::stateChanged, q,
        [this] { (void)QtConcurrent::run(&pool, [this] { refreshHealth(); }); }, Qt::QueuedConnection);
    caches->start();
    auto deps = std::make_shared<bot::BotDeps>();
    deps->db = db;
    deps->catalog = catalog;
    deps->catalogCache = std::make_shared<bot::CatalogCache>(catalog, caches);
    customerCache = std::make_shared<bot::CustomerCache>(customers, caches);
    deps->customerCache = customerCache;
    settingsCache = std::make_shared<bot::SettingsCache>(settings, caches);
    deps->settings = settingsCache;
    deps->customers = customers;
    deps->orders = orders;
    deps->purchases = purchases;
    deps->messages = messages;
    deps->qris = qris;
    deps->qrisSetup = qrisSetup;
    deps->mediaDir = mediaDir();
    deps->qrisExpiryMin = config.qrisExpiryMin;
    deps->limiter = caches;
    deps->locks = caches;
    deps->clock = clock;
    deps->config = config;
    deps->templates = templates.value();
    unavailableText = templates->render(QStringLiteral("error.system"));
    bot = std::make_shared<bot::Bot>(deps);

    const int shardCount = config.shards > 0 ? config.shards : qMax(2, QThread::idealThreadCount());
    shards = std::make_unique<bot::ShardPool>(shardCount,
                                              [this](const domain::InboundMessage &m) { handleOnShard(m); });
    shards->start();

    buildChannels();
    // Sent or failed for good: the Conversations panel shows it either way.
    const auto tellWindow = [this](const domain::OutboundMessage &m) {
        Q_EMIT q->conversationMessage(m.channel, m.to, true, m.text, m.id);
    };
    sender = new Sender(messages, channelMap, clock, tellWindow, tellWindow, [this] { return sendLimits(); });
    sender->moveToThread(&senderThread);
    senderThread.setObjectName(QStringLiteral("kedai-sender"));
    QObject::connect(&senderThread, &QThread::started, sender, &Sender::begin);
    QObject::connect(&senderThread, &QThread::finished, sender, &QObject::deleteLater);

    // Resume what a previous run left: claimed-but-unsent replies and unhandled messages.
    // SQLite has one process: whatever it left "sending" is ours. On PostgreSQL another instance
    // may be sending right now, so only claims older than kStuckAfter come back.
    instanceId = common::randomToken(12);
    if (db->backend() == store::Database::Backend::Postgres) {
        const qint64 lockKey = store::MessageRepository::claimerLockKey(instanceId);
        sender->setClaimer(instanceId, [this, lockKey, warned = std::make_shared<bool>(false)] {
            if (db->tryAdvisoryLock(lockKey)) {
                *warned = false;
                return true;
            }
            if (!std::exchange(*warned, true))
                log::get("sender")->warn("not sending until this instance's claimer lock is held again (is the "
                                         "database away?)");
            return false;
        });
    }
    auto stuck = db->backend() == store::Database::Backend::Sqlite
                     ? messages->requeueStuck(std::chrono::milliseconds::zero())
                     : messages->requeueStuck(store::MessageRepository::kStuckAfter);
    if (stuck && stuck.value() > 0)
        log->info("{} outbox messages from a previous run queued again", stuck.value());
    if (const int dead = requeueDeadClaims(); dead > 0)
        log->info("{} outbox messages claimed by a stopped instance queued again", dead);
    senderThread.start();
    if (auto pending = messages->unprocessedInbound(); pending) {
        if (!pending->isEmpty())
            log->info("resuming {} unprocessed inbound messages", pending->size());
        for (const auto &m : pending.value())
            shards->dispatch(m);
    }

    server::ServerOptions options;
    options.host = config.http.host;
    options.port = config.http.port;
    options.maxBodyBytes = config.maxBodyBytes;
    http = std::make_unique<server::HttpServerThread>(this, options);
    auto port = http->start();
    if (!port) {
        stop();
        return port.error();
    }

    refreshHealth();
    healthTimer.setInterval(5000);
    QObject::connect(&healthTimer, &QTimer::timeout, q, [this] {
        (void)QtConcurrent::run(&pool, [this] {
            refreshHealth();
            retryPendingStatuses();
        });
    });
    healthTimer.start();
    sweepTimer.setInterval(5000);
    QObject::connect(&sweepTimer, &QTimer::timeout, q, [this] {
        if (sweepPool.activeThreadCount() == 0)
            (void)QtConcurrent::run(&sweepPool, [this] { sweep(); });
    });
    sweepTimer.start();
    started = true;
    log->info("Kedai {} started: {} shards, database {}, HTTP http://{}:{}", KEDAI_VERSION, shardCount,
              db->displayUrl(), config.http.host, port.value());
    return {};
}

void EnginePrivate::stop()
{
    healthTimer.stop();
    sweepTimer.stop();
    sweepPool.waitForDone();
    if (http) {
        http->stop(); // no new messages
        http.reset();
    }
    ingestPool.waitForDone();
    if (shards)
        shards->stop(); // handle what was accepted
    if (caches)
        caches->stop();
    if (senderThread.isRunning()) {
        QMetaObject::invokeMethod(sender, &Sender::drain, Qt::BlockingQueuedConnection);
        senderThread.quit();
        senderThread.wait();
        sender = nullptr;
    }
    pool.waitForDone();
    started = false;
}

common::Result<server::IngestOutcome> EnginePrivate::ingest(const domain::InboundMessage &message)
{
    auto inserted = messages->insertInbound(message);
    if (!inserted)
        return inserted.error();
    auto &metrics = common::Metrics::instance();
    if (!inserted->has_value()) {
        ++metrics.messagesInDuplicate;
        return server::IngestOutcome{0, true};
    }
    ++metrics.messagesIn;
    domain::InboundMessage committed = message;
    committed.id = **inserted;
    Q_EMIT q->conversationMessage(committed.channel, committed.from, false, committed.text, committed.id);
    shards->dispatch(committed);
    return server::IngestOutcome{committed.id, false};
}

QString EnginePrivate::unavailableReply() const
{
    return unavailableText;
}

void EnginePrivate::handleOnShard(const domain::InboundMessage &message)
{
    // The file of an image or a voice note first, outside the transaction: a slow download must
    // not hold the database (SQLite's write lock) for everyone.
    domain::InboundMessage handled = message;
    fetchInboundMedia(handled);
    // One transaction per message: the bot's writes (a purchase, a top-up...), its replies and
    // the inbox row's "processed" mark commit together or not at all. A crash can therefore
    // never leave a purchase done but its message unprocessed, which a restart would run again.
    store::Transaction tx(*db, db->connection());
    if (!tx.begun()) {
        log::get("engine")->error("inbox {} left for later: cannot start a transaction: {}", message.id, tx.error());
        return;
    }
    // Another instance (or a resumed copy of this message) may have handled it meanwhile.
    auto pending = messages->lockPendingInbound(message.id);
    if (!pending) {
        log::get("engine")->error("inbox {} left for later: {}", message.id, pending.error().message);
        return;
    }
    if (!pending.value())
        return;
    const bot::HandleOutcome outcome = bot->handle(handled);
    if (auto r = messages->markInboundProcessed(message.id, outcome.systemError ? QStringLiteral("failed")
                                                                                : QStringLiteral("done"));
        !r) {
        log::get("engine")->error("inbox {} left for later: cannot mark it processed: {}", message.id,
                                  r.error().message);
        return;
    }
    if (auto r = tx.commit(); !r) {
        log::get("engine")->error("inbox {} left for later: commit failed: {}", message.id, r.error().message);
        return;
    }
    invalidate(outcome);
    if (message.receivedAt.isValid())
        common::Metrics::instance().observeReplyLatency(double(message.receivedAt.msecsTo(clock->now())) / 1000.0);
    publish(outcome);
    if (outcome.replies > 0 && sender)
        sender->wake();
    markRead(message);
}

int EnginePrivate::requeueDeadClaims()
{
    if (!db || db->backend() != store::Database::Backend::Postgres)
        return 0; // SQLite: one process, its previous run's claims are requeued at start
    auto claimers = messages->claimersInFlight();
    if (!claimers)
        return 0;
    int requeued = 0;
    for (const QString &claimer : claimers.value()) {
        if (claimer == instanceId)
            continue;
        // A live instance holds its lock on its sender's connection; a free lock means it is gone.
        const qint64 key = store::MessageRepository::claimerLockKey(claimer);
        if (!db->tryAdvisoryLock(key))
            continue;
        if (auto n = messages->requeueClaimedBy(claimer); n)
            requeued += n.value();
        db->advisoryUnlock(key);
    }
    return requeued;
}

void EnginePrivate::sweep()
{
    constexpr qint64 kSweeperLock = 0x6b656461'0001; // "keda" + job 1
    constexpr qint64 kResumeAfterMs = 15'000;        // older than any normal queue wait
    removeOldQrImages();
    if (!db || !db->tryAdvisoryLock(kSweeperLock))
        return; // another instance sweeps
    if (const int dead = requeueDeadClaims(); dead > 0) {
        log::get("engine")->warn("{} replies claimed by a stopped instance were queued again", dead);
        if (sender)
            sender->wake();
    }
    if (auto requeued = messages->requeueStuck(store::MessageRepository::kStuckAfter);
        requeued && requeued.value() > 0) {
        log::get("engine")->warn("{} replies claimed by a stopped process were queued again", requeued.value());
        if (sender)
            sender->wake();
    }
    expireQris();
    auto pending = messages->unprocessedInbound(500);
    if (!pending)
        return;
    const QDateTime cutoff = clock->now().addMSecs(-kResumeAfterMs);
    int resumed = 0;
    for (const auto &m : pending.value()) {
        if (m.receivedAt.isValid() && m.receivedAt < cutoff) {
            shards->dispatch(m);
            ++resumed;
        }
    }
    if (resumed > 0)
        log::get("engine")->warn("resumed {} inbound messages that were not handled in time", resumed);
}

void EnginePrivate::invalidateCatalog()
{
    if (caches)
        caches->invalidatePrefix(bot::CatalogCache::prefix());
}

void EnginePrivate::invalidateCustomer(qint64 customerId, bool record)
{
    if (!caches)
        return;
    QStringList keys{bot::CustomerCache::balanceKey(customerId)};
    if (record)
        keys << bot::CustomerCache::recordKey(customerId);
    caches->invalidateMany(keys, {});
}

void EnginePrivate::invalidate(const bot::HandleOutcome &outcome)
{
    // One call, so a purchase costs one Redis round trip for the catalog and the balance.
    QStringList keys, prefixes;
    for (const qint64 id : outcome.customers)
        keys << bot::CustomerCache::balanceKey(id);
    for (const qint64 id : outcome.customerRecords)
        keys << bot::CustomerCache::recordKey(id);
    if (!outcome.products.isEmpty() || outcome.catalogChanged)
        prefixes << bot::CatalogCache::prefix();
    if (caches && (!keys.isEmpty() || !prefixes.isEmpty()))
        caches->invalidateMany(keys, prefixes);
}

void EnginePrivate::publish(const bot::HandleOutcome &outcome)
{
    for (const auto &[id, ref] : outcome.orders)
        Q_EMIT q->orderChanged(id, ref);
    for (const qint64 id : outcome.products)
        Q_EMIT q->stockChanged(id);
    if (outcome.catalogChanged)
        Q_EMIT q->catalogChanged();
    for (const qint64 id : outcome.customers)
        Q_EMIT q->customerChanged(id);
    for (const auto &[ref, status] : outcome.qris)
        Q_EMIT q->qrisPaymentChanged(ref, status);
}

// ---- QRIS

void EnginePrivate::removeOldQrImages()
{
    // Every instance writes its own images into its own data dir, so each cleans its own. A QR
    // image is useless after its payment ended (30 minutes by default); two days is generous.
    constexpr qint64 kKeepImagesMs = 48LL * 3600 * 1000;
    if (lastImageCleanup.isValid() && !lastImageCleanup.hasExpired(10 * 60 * 1000))
        return;
    lastImageCleanup.start();
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-kKeepImagesMs);
    int removed = 0;
    const QDir dir(mediaDir());
    for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("qris-*.png")}, QDir::Files)) {
        if (f.lastModified().toUTC() < cutoff && QFile::remove(f.absoluteFilePath()))
            ++removed;
    }
    if (removed > 0)
        log::get("engine")->info("removed {} QR images older than two days", removed);
}

QString EnginePrivate::qrisListenerKey() const
{
    return qrisSetup->listenerKey();
}

store::QrisMessenger EnginePrivate::qrisMessenger() const
{
    return [b = bot](const store::QrisEvent &event) { return b->qrisMessages(event); };
}

void EnginePrivate::applyQrisEvents(const QList<store::QrisEvent> &events)
{
    if (events.isEmpty())
        return;
    bot::HandleOutcome outcome;
    for (const auto &e : events)
        bot::Bot::noteQrisEvent(outcome, e);
    invalidate(outcome);
    publish(outcome);
    if (sender)
        sender->wake();
}

void EnginePrivate::expireQris()
{
    if (!qris || !bot)
        return;
    auto expired = qris->expireDue(200, qrisMessenger());
    if (!expired) {
        log::get("engine")->warn("QRIS expiry sweep failed: {}", expired.error().message);
        return;
    }
    applyQrisEvents(expired.value());
}

common::Result<QList<store::NotificationOutcome>> EnginePrivate::applyNotifications(const QByteArray &body)
{
    auto parsed = payments::parseNotificationJson(body);
    if (!parsed)
        return parsed.error();
    QStringList enabledApps;
    if (settingsCache) {
        if (auto apps = settingsCache->value(QStringLiteral("qris_apps")); apps)
            enabledApps = apps->split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString &a : enabledApps)
            a = a.trimmed();
    }
    QList<store::NotificationOutcome> outcomes;
    QList<store::QrisEvent> events;
    for (const payments::PaymentNotification &n : parsed.value()) {
        const payments::NotificationClass c = payments::classifyNotification(n, enabledApps);
        store::IncomingNotification in;
        in.packageName = n.packageName;
        in.appName = n.appName;
        in.appId = c.appId;
        in.title = n.title;
        in.text = n.text;
        in.amount = c.amount;
        if (n.postedAt)
            in.postedAt = *n.postedAt;
        in.classification = c.status;
        auto recorded = qris->recordNotification(in, qrisMessenger());
        if (!recorded) {
            applyQrisEvents(events); // what was committed before the failure
            return recorded.error();
        }
        if (recorded->event)
            events << *recorded->event;
        if (!recorded->duplicate)
            Q_EMIT q->paymentNotification(recorded->notificationId, domain::notificationStatusName(recorded->status));
        outcomes << recorded.value();
    }
    applyQrisEvents(events);
    return outcomes;
}

common::Result<QJsonArray> EnginePrivate::paymentNotifications(const QByteArray &body)
{
    auto outcomes = applyNotifications(body);
    if (!outcomes)
        return outcomes.error();
    QJsonArray out;
    for (const auto &o : outcomes.value()) {
        QJsonObject r{{QStringLiteral("id"), o.notificationId},
                      {QStringLiteral("status"), domain::notificationStatusName(o.status)},
                      {QStringLiteral("duplicate"), o.duplicate}};
        if (!o.paymentRef.isEmpty())
            r.insert(QStringLiteral("ref"), o.paymentRef);
        out.append(r);
    }
    return out;
}

QJsonObject EnginePrivate::qrisStatus() const
{
    const auto state = qrisSetup->state();
    return QJsonObject{{QStringLiteral("configured"), state.configured},
                       {QStringLiteral("valid"), state.valid()},
                       {QStringLiteral("error"), state.error},
                       {QStringLiteral("merchant"), state.merchant},
                       {QStringLiteral("city"), state.city},
                       {QStringLiteral("listener_key_set"), !qrisSetup->listenerKey().isEmpty()},
                       {QStringLiteral("expiry_min"), config.qrisExpiryMin}};
}

common::Result<QList<domain::OutboundMessage>> EnginePrivate::simulatorMessages(const QString &to, qint64 afterId)
{
    return messages->sentTo(channels::SimulatorChannel::kName(), to, afterId);
}

QJsonObject EnginePrivate::health()
{
    const bool dbOk = db && db->ping();
    QJsonArray alerts;
    const QJsonObject channels = channelHealth(&alerts);
    const auto redisState = caches ? caches->state() : cache::ResilientCache::State::InProcess;
    const QString redis = redisState == cache::ResilientCache::State::Redis ? QStringLiteral("ok")
                          : redisState == cache::ResilientCache::State::RedisDown
                              ? QStringLiteral("down (in-process fallback)")
                              : QStringLiteral("in-process");
    const QString status = !dbOk ? QStringLiteral("down")
                           : redisState == cache::ResilientCache::State::RedisDown || !alerts.isEmpty()
                               ? QStringLiteral("degraded")
                               : QStringLiteral("ok");
    QJsonObject h{{QStringLiteral("status"), status},
                  {QStringLiteral("database"), dbOk ? QStringLiteral("ok") : QStringLiteral("down")},
                  {QStringLiteral("database_backend"), db && db->backend() == store::Database::Backend::Postgres
                                                           ? QStringLiteral("postgresql")
                                                           : QStringLiteral("sqlite")},
                  {QStringLiteral("redis"), redis},
                  {QStringLiteral("channels"), channels},
                  {QStringLiteral("qris"), qrisSetup->enabled()                 ? QStringLiteral("ok")
                                           : qrisSetup->state().error.isEmpty() ? QStringLiteral("off")
                                                                                : QStringLiteral("invalid")},
                  {QStringLiteral("version"), QStringLiteral(KEDAI_VERSION)},
                  {QStringLiteral("uptime_s"), uptime.isValid() ? uptime.elapsed() / 1000 : 0}};
    if (!alerts.isEmpty())
        h.insert(QStringLiteral("alerts"), alerts);
    if (dbOk) {
        if (auto pending = messages->pendingOutboxCount())
            h.insert(QStringLiteral("outbox_pending"), pending.value());
    }
    return h;
}

void EnginePrivate::refreshHealth()
{
    const QJsonObject h = health();
    bool changed = false;
    {
        QMutexLocker lock(&healthMutex);
        changed = h.value(QStringLiteral("status")) != lastHealth.value(QStringLiteral("status"))
                  || h.value(QStringLiteral("database")) != lastHealth.value(QStringLiteral("database"))
                  || h.value(QStringLiteral("redis")) != lastHealth.value(QStringLiteral("redis"))
                  || h.value(QStringLiteral("channels")) != lastHealth.value(QStringLiteral("channels"));
        lastHealth = h;
    }
    if (changed)
        Q_EMIT q->healthChanged(h);
}

QByteArray EnginePrivate::metricsExtra()
{
    QByteArray out;
    const bool dbOk = db && db->ping();
    out += "# HELP kedai_database_up Whether the database answers (1) or not (0).\n"
           "# TYPE kedai_database_up gauge\nkedai_database_up "
           + QByteArray(dbOk ? "1" : "0") + '\n';
    if (caches) {
        const bool configured = !caches->redisUrl().isEmpty();
        if (configured)
            out += "# HELP kedai_redis_up Whether Redis is in use (1) or Kedai runs on the in-process fallback (0).\n"
                   "# TYPE kedai_redis_up gauge\nkedai_redis_up "
                   + QByteArray(caches->state() == cache::ResilientCache::State::Redis ? "1" : "0") + '\n';
        out += "# HELP kedai_cache_hits_total Cache reads answered from the cache.\n# TYPE kedai_cache_hits_total "
               "counter\n"
               "kedai_cache_hits_total "
               + QByteArray::number(caches->hits()) + '\n';
        out += "# HELP kedai_cache_misses_total Cache reads that went to the database.\n"
               "# TYPE kedai_cache_misses_total counter\nkedai_cache_misses_total "
               + QByteArray::number(caches->misses()) + '\n';
        if (configured)
            out += "# HELP kedai_redis_round_trips_total Redis commands sent.\n"
                   "# TYPE kedai_redis_round_trips_total counter\nkedai_redis_round_trips_total "
                   + QByteArray::number(caches->redisRoundTrips()) + '\n';
    }
    if (dbOk) {
        if (auto counts = orders->countByStatus())
            common::Metrics::instance().setOrdersByStatus(counts.value());
        const auto gauge = [&out](const char *name, const char *help, const char *label,
                                  const std::map<QString, qint64> &counts) {
            out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n";
            for (const auto &[status, n] : counts)
                out += QByteArray(name) + '{' + label + "=\"" + status.toUtf8() + "\"} " + QByteArray::number(n) + '\n';
        };
        if (auto counts = qris->countPaymentsByStatus())
            gauge("kedai_qris_payments", "QRIS orders and deposits by status.", "status", counts.value());
        if (auto counts = qris->countNotificationsByStatus())
            gauge("kedai_payment_notifications", "Forwarded payment notifications by outcome (unmatched = the queue).",
                  "status", counts.value());
        if (auto pending = messages->pendingOutboxCount())
            out += "# HELP kedai_outbox_pending Replies waiting to be sent.\n# TYPE kedai_outbox_pending gauge\n"
                   "kedai_outbox_pending "
                   + QByteArray::number(pending.value()) + '\n';
    }
    return out;
}

} // namespace kedai::engine
