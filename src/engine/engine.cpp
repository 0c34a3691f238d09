#include "engine/engine.h"

#include "bot/customercache.h"
#include "common/ids.h"
#include "common/log.h"
#include "engine/engineprivate.h"
#include "payments/paymentapps.h"

#include <QtConcurrent>

namespace kedai::engine {

using common::Result;

Engine::Engine(common::Config config, QObject *parent)
    : QObject(parent), d(std::make_unique<EnginePrivate>(this, std::move(config)))
{
}

Engine::~Engine()
{
    stop();
}

common::Result<void> Engine::start()
{
    if (d->started)
        return {};
    return d->start();
}

void Engine::stop()
{
    d->stop();
}

const common::Config &Engine::config() const
{
    return d->config;
}

quint16 Engine::httpPort() const
{
    return d->http ? d->http->port() : 0;
}

QString Engine::httpUrl() const
{
    QString host = d->config.http.host;
    if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::"))
        host = QStringLiteral("127.0.0.1");
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(httpPort());
}

QJsonObject Engine::health() const
{
    QMutexLocker lock(&d->healthMutex);
    return d->lastHealth;
}

// Every call below runs on the engine's database pool, never on the caller's thread.

QFuture<Result<QList<domain::Product>>> Engine::products(bool includeInactive)
{
    return QtConcurrent::run(&d->pool, [c = d->catalog, includeInactive] { return c->list(includeInactive); });
}

QFuture<Result<domain::Product>> Engine::saveProduct(const domain::Product &product, bool isNew, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, product, isNew, actor]() -> Result<domain::Product> {
        if (auto ok = d->authorize(actor, domain::Permission::EditProducts); !ok)
            return ok.error();
        auto saved = isNew ? d->catalog->create(product, actor) : d->catalog->update(product, actor);
        if (saved) {
            d->invalidateCatalog();
            Q_EMIT catalogChanged();
            Q_EMIT stockChanged(saved->id);
        }
        return saved;
    });
}

QFuture<Result<void>> Engine::deactivateProduct(const QString &code, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, code, actor]() -> Result<void> {
        if (auto ok = d->authorize(actor, domain::Permission::EditProducts); !ok)
            return ok.error();
        auto r = d->catalog->deactivate(code, actor);
        if (r) {
            d->invalidateCatalog();
            Q_EMIT catalogChanged();
        }
        return r;
    });
}

QFuture<Result<QList<domain::StockItem>>> Engine::stockItems(qint64 productId, bool includeSoldAndVoid)
{
    return QtConcurrent::run(&d->pool, [c = d->catalog, productId, includeSoldAndVoid] {
        return c->stockItems(productId, includeSoldAndVoid);
    });
}

QFuture<Result<QStringList>> Engine::existingStock(qint64 productId)
{
    return QtConcurrent::run(&d->pool, [c = d->catalog, productId] { return c->existingContents(productId); });
}

QFuture<Result<store::AddStockResult>> Engine::addStock(qint64 productId, const QStringList &lines,
                                                        const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, productId, lines, actor]() -> Result<store::AddStockResult> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageStock); !ok)
            return ok.error();
        auto r = d->catalog->addStock(productId, lines, actor);
        if (r) {
            d->invalidateCatalog();
            Q_EMIT stockChanged(productId);
        }
        return r;
    });
}

QFuture<Result<int>> Engine::voidStockItem(qint64 itemId, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, itemId, actor]() -> Result<int> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageStock); !ok)
            return ok.error();
        auto r = d->catalog->voidItem(itemId, actor);
        if (r) {
            d->invalidateCatalog();
            Q_EMIT catalogChanged();
        }
        return r;
    });
}

QFuture<Result<QList<domain::Order>>> Engine::orders(const store::OrderFilter &filter)
{
    return QtConcurrent::run(&d->pool, [o = d->orders, filter] { return o->list(filter); });
}

QFuture<Result<std::optional<domain::Order>>> Engine::orderByRef(const QString &ref)
{
    return QtConcurrent::run(&d->pool, [o = d->orders, ref] { return o->byRef(ref); });
}

QFuture<Result<QList<domain::Customer>>> Engine::customers(const QString &term)
{
    return QtConcurrent::run(&d->pool, [c = d->customers, term] { return c->list(term); });
}

QFuture<Result<domain::LedgerEntry>> Engine::adjustSaldo(qint64 customerId, common::Rupiah delta, const QString &reason,
                                                         const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, customerId, delta, reason, actor]() -> Result<domain::LedgerEntry> {
        if (auto ok = d->authorize(actor, domain::Permission::AdjustSaldo); !ok)
            return ok.error();
        if (reason.trimmed().isEmpty())
            return common::makeError(QStringLiteral("ledger.reason"), tr("A reason is required."));
        auto r = d->customers->postLedger(customerId, delta,
                                          delta > 0 ? domain::LedgerKind::Topup : domain::LedgerKind::Adjustment, actor,
                                          {}, reason.trimmed());
        if (r) {
            d->invalidateCustomer(customerId, false);
            Q_EMIT customerChanged(customerId);
        }
        return r;
    });
}

QFuture<Result<domain::Customer>> Engine::setTier(qint64 customerId, domain::Tier tier, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, customerId, tier, actor]() -> Result<domain::Customer> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageCustomers); !ok)
            return ok.error();
        auto r = d->customers->setTier(customerId, tier, actor);
        if (r) {
            d->invalidateCustomer(customerId, true);
            Q_EMIT customerChanged(customerId);
        }
        return r;
    });
}

QFuture<Result<QList<domain::LedgerEntry>>> Engine::ledger(qint64 customerId)
{
    return QtConcurrent::run(&d->pool, [c = d->customers, customerId] { return c->ledger(customerId); });
}

QFuture<Result<QString>> Engine::setting(const QString &key, const QString &fallback)
{
    return QtConcurrent::run(&d->pool, [s = d->settingsCache, key, fallback] { return s->value(key, fallback); });
}

namespace {

/// bot_pause_min: at most a day.
constexpr int kMaxBotPauseMin = 24 * 60;
constexpr int kDefaultBotPauseMin = 30;
/// idle_lock_min: the window locks after this many idle minutes (0 = never), at most 4 hours.
constexpr int kMaxIdleLockMin = 240;

/// The shop settings with rules: a value that breaks them is refused with a message that says
/// what is allowed, and nothing is saved. Returns the value as stored.
Result<QString> checkSetting(const QString &key, const QString &value)
{
    const QString v = value.trimmed();
    if (key == QLatin1String("qris_code_max")) {
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 1 || n > store::QrisOptions::kMaxCodeMax)
            return common::makeError(QStringLiteral("settings.qris_code_max"),
                                     QStringLiteral("The highest unique code must be a whole number from 1 to %1 "
                                                    "(got \"%2\").")
                                         .arg(store::QrisOptions::kMaxCodeMax)
                                         .arg(v.left(20)));
        return QString::number(n);
    }
    if (key == QLatin1String("bot_pause_min")) {
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 0 || n > kMaxBotPauseMin)
            return common::makeError(QStringLiteral("settings.bot_pause_min"),
                                     QStringLiteral("The bot pause after a staff reply must be a whole number of "
                                                    "minutes from 0 (never pause) to %1 (got \"%2\").")
                                         .arg(kMaxBotPauseMin)
                                         .arg(v.left(20)));
        return QString::number(n);
    }
    if (key == QLatin1String("idle_lock_min")) {
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 0 || n > kMaxIdleLockMin)
            return common::makeError(QStringLiteral("settings.idle_lock_min"),
                                     QStringLiteral("The idle lock must be a whole number of minutes from 0 (never "
                                                    "lock) to %1 (got \"%2\").")
                                         .arg(kMaxIdleLockMin)
                                         .arg(v.left(20)));
        return QString::number(n);
    }
    if (key == QLatin1String("send_rate_per_sec") || key == QLatin1String("send_recipient_gap_ms")) {
        const bool rate = key == QLatin1String("send_rate_per_sec");
        const int max = rate ? 1000 : 60'000;
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 0 || n > max)
            return common::makeError(QStringLiteral("settings.") + key,
                                     rate ? QStringLiteral("The send rate must be a whole number of messages per "
                                                           "second from 0 (no cap) to %1 (got \"%2\").")
                                                .arg(max)
                                                .arg(v.left(20))
                                          : QStringLiteral("The gap between two messages to one customer must be a "
                                                           "whole number of milliseconds from 0 to %1 (got \"%2\").")
                                                .arg(max)
                                                .arg(v.left(20)));
        return QString::number(n);
    }
    if (key == QLatin1String("deposit_bonus")) {
        const auto rule = store::BonusRule::parse(v);
        if (!rule)
            return common::makeError(QStringLiteral("settings.deposit_bonus"),
                                     QStringLiteral("The deposit bonus must look like 2000/50000 (Rp2.000 for every "
                                                    "Rp50.000, the bonus smaller than the step), or be empty for no "
                                                    "bonus (got \"%1\").")
                                         .arg(v.left(40)));
        return rule->toString();
    }
    if (key == QLatin1String("qris_apps")) {
        QStringList known, chosen;
        for (const auto &app : payments::knownPaymentApps())
            known << app.id;
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString id = part.trimmed();
            if (!known.contains(id))
                return common::makeError(QStringLiteral("settings.qris_apps"),
                                         QStringLiteral("Unknown payment app \"%1\"; known apps: %2.")
                                             .arg(id.left(40), known.join(QStringLiteral(", "))));
            if (!chosen.contains(id))
                chosen << id;
        }
        return chosen.join(QLatin1Char(','));
    }
    return value;
}

} // namespace

QFuture<Result<void>> Engine::setSetting(const QString &key, const QString &value, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, s = d->settingsCache, key, value, actor]() -> Result<void> {
        if (auto allowed = d->authorize(actor, domain::Permission::EditSettings); !allowed)
            return allowed.error();
        auto checked = checkSetting(key, value);
        if (!checked)
            return checked.error();
        auto saved = s->setValue(key, *checked, actor);
        if (saved && d->bot && key.startsWith(QLatin1String("template.")))
            d->bot->forgetTemplateOverrides(); // a reply template: from the next reply on
        return saved;
    });
}

QFuture<Result<QString>> Engine::catalogReply(const QString &phone)
{
    return QtConcurrent::run(&d->pool, [this, phone]() -> Result<QString> {
        domain::Tier tier = domain::Tier::Bronze;
        const QString number = common::normalizePhone(phone);
        if (!number.isEmpty()) {
            auto customer = d->customerCache->findByPhone(number);
            if (!customer)
                return customer.error();
            if (customer->has_value())
                tier = (*customer)->tier;
        }
        return d->bot->catalogText(tier);
    });
}

QFuture<Result<qint64>> Engine::simulateMessage(const QString &from, const QString &name, const QString &text)
{
    return QtConcurrent::run(&d->ingestPool, [this, from, name, text]() -> Result<qint64> {
        const QString phone = common::normalizePhone(from);
        if (phone.isEmpty())
            return common::makeError(QStringLiteral("simulator.bad_number"),
                                     tr("\"%1\" is not a phone number. Example: 628111000001").arg(from));
        if (text.trimmed().isEmpty())
            return common::makeError(QStringLiteral("simulator.empty"), tr("Type a message first."));
        domain::InboundMessage m;
        m.channel = channels::SimulatorChannel::kName();
        m.externalId = QStringLiteral("gui-") + common::randomToken(12);
        m.from = phone;
        m.name = name;
        m.text = text;
        m.receivedAt = d->clock->now();
        auto r = d->ingest(m);
        if (!r) { // what a WhatsApp customer would be told; the technical cause is in the log
            log::get("engine")->error("simulated message from {} not stored: {}", phone, r.error().message);
            return common::makeError(r.error().code, d->unavailableText);
        }
        return r->inboxId;
    });
}

} // namespace kedai::engine

// ---- QRIS
namespace kedai::engine {

QJsonObject Engine::qrisStatus() const
{
    return d->qrisStatus();
}

QFuture<Result<void>> Engine::setQrisStatic(const QString &qris, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, qris, actor]() -> Result<void> {
        if (auto allowed = d->authorize(actor, domain::Permission::EditSettings); !allowed)
            return allowed.error();
        const QString text = qris.trimmed();
        payments::QrisSetup::State state; // off when empty
        if (!text.isEmpty()) {
            auto checked = payments::QrisSetup::check(text);
            if (!checked)
                return checked.error();
            state = checked.value();
        }
        // Saved first: a string that cannot be saved would be lost at the next start.
        if (auto saved = d->config.saveSetting(QStringLiteral("QRIS_STATIC"), text); !saved)
            return saved.error();
        d->qrisSetup->use(state);
        log::get("engine")->info("QRIS_STATIC {} by {}", text.isEmpty() ? "cleared" : "set", actor);
        Q_EMIT qrisSetupChanged();
        d->refreshHealth();
        return {};
    });
}

QFuture<Result<QString>> Engine::setQrisListenerKey(const QString &key, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, key, actor]() -> Result<QString> {
        if (auto allowed = d->authorize(actor, domain::Permission::EditSettings); !allowed)
            return allowed.error();
        QString k = key.trimmed();
        if (k.isEmpty())
            k = common::randomToken(24);
        if (k.size() < 16 || k.size() > 200)
            return common::makeError(QStringLiteral("qris.bad_listener_key"),
                                     QStringLiteral("The listener key must be 16 to 200 characters long; leave it "
                                                    "empty to generate one."));
        for (const QChar ch : k) {
            if (ch.unicode() < 0x21 || ch.unicode() > 0x7e)
                return common::makeError(QStringLiteral("qris.bad_listener_key"),
                                         QStringLiteral("The listener key may contain only visible ASCII characters "
                                                        "(no spaces)."));
        }
        if (auto saved = d->config.saveSetting(QStringLiteral("QRIS_LISTENER_KEY"), k); !saved)
            return saved.error();
        d->qrisSetup->setListenerKey(k);
        Q_EMIT qrisSetupChanged();
        log::get("engine")->info("QRIS listener key changed by {}", actor); // never the key itself
        return k;
    });
}

QFuture<Result<QList<domain::QrisPayment>>> Engine::qrisPayments(const store::PaymentFilter &filter)
{
    return QtConcurrent::run(&d->pool, [q = d->qris, filter] { return q->payments(filter); });
}

QFuture<Result<QList<domain::PaymentNotificationRecord>>>
Engine::paymentNotifications(const store::NotificationFilter &filter)
{
    return QtConcurrent::run(&d->pool, [q = d->qris, filter] { return q->notifications(filter); });
}

QFuture<Result<domain::QrisPayment>> Engine::confirmQris(const QString &ref, const QString &note, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, ref, note, actor]() -> Result<domain::QrisPayment> {
        if (auto allowed = d->authorize(actor, domain::Permission::ConfirmPayments); !allowed)
            return allowed.error();
        auto event = d->qris->confirm(ref, actor, note, d->qrisMessenger());
        if (!event)
            return event.error();
        d->applyQrisEvents({event.value()});
        return event->payment;
    });
}

QFuture<Result<domain::QrisPayment>> Engine::assignNotification(qint64 notificationId, const QString &ref,
                                                                qint64 customerId, const QString &note,
                                                                const QString &actor)
{
    return QtConcurrent::run(&d->pool,
                             [this, notificationId, ref, customerId, note, actor]() -> Result<domain::QrisPayment> {
                                 if (auto allowed = d->authorize(actor, domain::Permission::ConfirmPayments); !allowed)
                                     return allowed.error();
                                 auto event = d->qris->assignNotification(notificationId, ref, customerId, actor, note,
                                                                          d->qrisMessenger());
                                 if (!event)
                                     return event.error();
                                 d->applyQrisEvents({event.value()});
                                 Q_EMIT paymentNotification(notificationId, QStringLiteral("assigned"));
                                 return event->payment;
                             });
}

QFuture<Result<QList<store::NotificationOutcome>>> Engine::submitPaymentNotifications(const QByteArray &json)
{
    return QtConcurrent::run(&d->pool, [this, json] { return d->applyNotifications(json); });
}

} // namespace kedai::engine

// ---- Conversations and merging customers
namespace kedai::engine {

QFuture<Result<QList<store::ConversationSummary>>> Engine::conversations(const QString &term)
{
    return QtConcurrent::run(&d->pool,
                             [db = d->db, term] { return store::ConversationRepository(db).conversations(term); });
}

QFuture<Result<QList<store::ConversationMessage>>> Engine::conversationMessages(qint64 customerId)
{
    return QtConcurrent::run(&d->pool, [db = d->db, customerId] {
        return store::ConversationRepository(db).messages(customerId);
    });
}

QFuture<Result<store::StaffReply>> Engine::sendStaffReply(qint64 customerId, const QString &text,
                                                          const QString &staffName)
{
    return QtConcurrent::run(&d->pool, [this, customerId, text, staffName]() -> Result<store::StaffReply> {
        if (auto allowed = d->authorize(staffName, domain::Permission::ReplyToCustomers); !allowed)
            return allowed.error();
        // The repository, not the 10-minute cache: a changed setting applies to the next reply.
        auto setting = d->settings->value(QStringLiteral("bot_pause_min"), QString::number(kDefaultBotPauseMin));
        bool ok = false;
        int pause = setting ? setting->trimmed().toInt(&ok) : 0;
        if (!ok || pause < 0 || pause > kMaxBotPauseMin)
            pause = kDefaultBotPauseMin;
        auto reply = store::ConversationRepository(d->db).staffReply(customerId, text, staffName, pause,
                                                                     d->clock->now());
        if (!reply)
            return reply;
        if (d->sender)
            d->sender->wake();
        // The bot reads the pause from the customer's cached record.
        d->invalidateCustomer(customerId, true);
        Q_EMIT conversationMessage(reply->channel, reply->recipient, true, text.trimmed(), reply->outboxId);
        Q_EMIT customerChanged(customerId);
        return reply;
    });
}

QFuture<Result<domain::Customer>> Engine::resumeBot(qint64 customerId, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, customerId, actor]() -> Result<domain::Customer> {
        if (auto allowed = d->authorize(actor, domain::Permission::ReplyToCustomers); !allowed)
            return allowed.error();
        auto r = store::ConversationRepository(d->db).resumeBot(customerId, actor);
        if (r) {
            d->invalidateCustomer(customerId, true);
            Q_EMIT customerChanged(customerId);
        }
        return r;
    });
}

QFuture<Result<QList<QPair<QString, QString>>>> Engine::customerIdentities(qint64 customerId)
{
    return QtConcurrent::run(&d->pool, [c = d->customers, customerId] { return c->identities(customerId); });
}

QFuture<Result<store::CustomerMergeResult>> Engine::mergeCustomers(qint64 fromId, qint64 intoId, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, fromId, intoId, actor]() -> Result<store::CustomerMergeResult> {
        if (auto ok = d->authorize(actor, domain::Permission::ManageCustomers); !ok)
            return ok.error();
        auto r = d->customers->merge(fromId, intoId, actor);
        if (!r)
            return r;
        d->invalidateCustomer(fromId, true);
        d->invalidateCustomer(intoId, true);
        // An identity's cached customer id would still name the merged customer.
        QStringList keys;
        for (const auto &[channel, externalId] : r->movedIdentities)
            keys << bot::CustomerCache::identityKey(channel, externalId);
        if (!r->fromPhone.isEmpty()) // CustomerCache::findByPhone's key
            keys << bot::CustomerCache::identityKey(QStringLiteral("phone"), r->fromPhone);
        if (d->caches && !keys.isEmpty())
            d->caches->invalidateMany(keys, {});
        log::get("engine")->info("customer {} merged into {} by {}", fromId, intoId, actor);
        Q_EMIT customerChanged(fromId);
        Q_EMIT customerChanged(intoId);
        return r;
    });
}

} // namespace kedai::engine
