// The engine's WhatsApp side: which channels run, their webhooks' secrets, delivery statuses,
// inbound media, read receipts, the send limits and the channels' health.

#include "channels/cloudapi/cloudchannel.h"
#include "channels/waha/wahachannel.h"
#include "common/log.h"
#include "engine/engineprivate.h"

#include <QDir>
#include <QJsonArray>

namespace kedai::engine {

namespace {
/// Inbound files larger than this are not downloaded (WhatsApp's own limits: images 5 MB, audio 16 MB).
constexpr qint64 kMaxInboundMediaBytes = 16 * 1024 * 1024;
constexpr qint64 kLimitsMaxAgeMs = 5'000;
constexpr qsizetype kMaxPendingStatuses = 10'000;
constexpr qint64 kKeepPendingStatusMs = 10 * 60'000;
} // namespace

void EnginePrivate::buildChannels()
{
    auto log = log::get("engine");
    channelMap.clear();
    channelMap.insert(channels::SimulatorChannel::kName(), std::make_shared<channels::SimulatorChannel>());
    if (config.cloudApiEnabled()) {
        channels::cloudapi::CloudApiConfig c;
        c.phoneNumberId = config.waPhoneNumberId;
        c.accessToken = config.waAccessToken;
        c.apiBaseUrl = config.waApiBaseUrl;
        channelMap.insert(channels::cloudapi::CloudApiChannel::kName(),
                          std::make_shared<channels::cloudapi::CloudApiChannel>(c));
        log->info("WhatsApp Cloud API is on (phone number id {}, {})", config.waPhoneNumberId, config.waApiBaseUrl);
        if (config.waAppSecret.isEmpty())
            log->error("WA_APP_SECRET is not set: every WhatsApp webhook is refused until it is");
        if (config.waVerifyToken.isEmpty())
            log->warn("WA_VERIFY_TOKEN is not set: Meta's webhook verification will be refused");
    } else if (!config.waPhoneNumberId.isEmpty() || !config.waAccessToken.isEmpty()) {
        log->error("WhatsApp Cloud API is off: set both WA_PHONE_NUMBER_ID and WA_ACCESS_TOKEN");
    }
    if (config.wahaEnabled()) {
        channels::waha::WahaConfig c;
        c.baseUrl = config.wahaUrl;
        c.apiKey = config.wahaApiKey;
        c.session = config.wahaSession;
        channelMap.insert(channels::waha::WahaChannel::kName(), std::make_shared<channels::waha::WahaChannel>(c));
        log->info("WAHA gateway is on ({}, session {}){}", config.wahaUrl, config.wahaSession,
                  config.wahaHmacKey.isEmpty() ? " without webhook HMAC: set WAHA_HMAC_KEY" : "");
    }
}

server::ChannelSecrets EnginePrivate::channelSecrets() const
{
    server::ChannelSecrets s;
    s.cloudApi = config.cloudApiEnabled();
    s.waAppSecret = config.waAppSecret.toUtf8();
    s.waVerifyToken = config.waVerifyToken;
    s.waha = config.wahaEnabled();
    s.wahaHmacKey = config.wahaHmacKey.toUtf8();
    s.wahaSession = config.wahaSession;
    return s;
}

common::Result<int> EnginePrivate::recordDeliveries(const QList<server::DeliveryStatus> &statuses)
{
    int recorded = 0;
    for (const auto &s : statuses) {
        auto r = messages->recordDelivery(s.channel, s.externalId, s.status, s.at, s.errorCode, s.error);
        if (!r) {
            if (r.error().code == QLatin1String("outbox.invalid")) {
                log::get("engine")->warn("delivery status \"{}\" of {} ignored: {}", s.status.left(20), s.channel,
                                         r.error().message);
                continue;
            }
            return r.error();
        }
        if (!r.value()) {
            // Maybe sent but not recorded yet: kept for a while (a status of a message another
            // tool sent on the same number stays unknown and is dropped).
            QMutexLocker lock(&pendingStatusMutex);
            if (pendingStatuses.size() >= kMaxPendingStatuses)
                pendingStatuses.removeFirst();
            pendingStatuses.append({s, QDateTime::currentDateTimeUtc()});
            continue;
        }
        ++recorded;
        if (s.status == QLatin1String("failed"))
            log::get("engine")->warn("{} could not deliver a message: {}", s.channel, s.error);
        Q_EMIT q->deliveryChanged(s.channel, s.externalId, s.status);
    }
    return recorded;
}

void EnginePrivate::retryPendingStatuses()
{
    QList<QPair<server::DeliveryStatus, QDateTime>> waiting;
    {
        QMutexLocker lock(&pendingStatusMutex);
        waiting.swap(pendingStatuses);
    }
    if (waiting.isEmpty())
        return;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-kKeepPendingStatusMs);
    QList<QPair<server::DeliveryStatus, QDateTime>> still;
    for (const auto &[status, arrived] : std::as_const(waiting)) {
        if (arrived < cutoff)
            continue;
        auto r = messages->recordDelivery(status.channel, status.externalId, status.status, status.at, status.errorCode,
                                          status.error);
        if (r && r.value())
            Q_EMIT q->deliveryChanged(status.channel, status.externalId, status.status);
        else
            still.append({status, arrived});
    }
    if (still.isEmpty())
        return;
    QMutexLocker lock(&pendingStatusMutex);
    pendingStatuses = still + pendingStatuses;
    while (pendingStatuses.size() > kMaxPendingStatuses)
        pendingStatuses.removeFirst();
}

SendLimits EnginePrivate::sendLimits()
{
    QMutexLocker lock(&limitsMutex);
    if (limitsAge.isValid() && limitsAge.elapsed() < kLimitsMaxAgeMs)
        return cachedLimits;
    limitsAge.start();
    const auto read = [this](const QString &key, int fallback, int max) {
        auto v = settingsCache ? settingsCache->value(key) : common::Result<QString>(QString());
        if (!v || v->trimmed().isEmpty())
            return fallback;
        bool ok = false;
        const int n = v->trimmed().toInt(&ok);
        return ok && n >= 0 && n <= max ? n : fallback;
    };
    cachedLimits.ratePerSec = read(QStringLiteral("send_rate_per_sec"), SendLimits{}.ratePerSec, 1000);
    cachedLimits.recipientGapMs = read(QStringLiteral("send_recipient_gap_ms"), SendLimits{}.recipientGapMs, 60'000);
    return cachedLimits;
}

void EnginePrivate::fetchInboundMedia(domain::InboundMessage &message)
{
    if (message.mediaId.isEmpty() || !message.mediaPath.isEmpty())
        return;
    const auto channel = channelMap.value(message.channel);
    if (!channel)
        return;
    const QString dir = QDir(mediaDir()).filePath(QStringLiteral("inbound"));
    QDir().mkpath(dir);
    auto file = channel->downloadMedia(message, dir, kMaxInboundMediaBytes);
    if (!file) {
        log::get("engine")->warn("the file of inbox {} ({}) was not downloaded: {}", message.id, message.channel,
                                 file.error().message);
        return;
    }
    message.mediaPath = file->path;
    if (message.mediaMime.isEmpty())
        message.mediaMime = file->mimeType;
    if (auto r = messages->setInboundMedia(message.id, file->path); !r)
        log::get("engine")->warn("the file of inbox {} is kept but not recorded: {}", message.id, r.error().message);
}

void EnginePrivate::markRead(const domain::InboundMessage &message)
{
    if (!sender || message.channel == channels::SimulatorChannel::kName())
        return;
    const auto channel = channelMap.value(message.channel);
    if (!channel)
        return;
    // On the sender thread, after its sends, so a slow API never holds a customer's shard.
    sender->queueRead(channel, message);
}

QJsonObject EnginePrivate::channelHealth(QJsonArray *alerts) const
{
    QJsonObject out;
    for (auto it = channelMap.cbegin(); it != channelMap.cend(); ++it) {
        const QJsonObject h = it.value()->health();
        const QString state = h.value(QStringLiteral("state")).toString(QStringLiteral("ok"));
        out.insert(it.key(), state);
        if (state == QLatin1String("ok") || !alerts)
            continue;
        const QString detail = h.value(QStringLiteral("detail")).toString();
        QString text;
        if (it.key() == channels::cloudapi::CloudApiChannel::kName() && state == QLatin1String("token_expired"))
            text = QStringLiteral("WhatsApp Cloud API: the access token expired (error 190). Replies wait in the "
                                  "outbox: renew WA_ACCESS_TOKEN in the Meta Business settings and restart Kedai.");
        else
            text = QStringLiteral("%1: %2").arg(it.key(), state)
                   + (detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + QLatin1Char(')'));
        alerts->append(text);
    }
    return out;
}

} // namespace kedai::engine
