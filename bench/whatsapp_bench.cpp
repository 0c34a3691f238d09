// WhatsApp Cloud API benchmark, against a real kedaid whose Cloud API is a fake on loopback
// (tests/support/fakecloudapi) inside this process:
//   1. signed webhooks ingested per second (X-Hub-Signature-256 verified, parsed, committed to
//      the inbox, 200) from N closed-loop clients, beside GET /healthz of the same server from
//      the same clients in the same run (the baseline), with the answer times;
//   2. the time from a webhook POST to its reply reaching the fake Cloud API, at a steady rate
//      (open loop: webhooks go out on schedule, never waiting for anything);
//   3. the checks behind the figures: every webhook answered 200 and stored, exactly one reply
//      per webhook at the fake, a re-delivered webhook recognised and not answered again, a
//      forged signature refused.
// On SQLite (default) or PostgreSQL (BENCH_DATABASE_URL, with BENCH_REDIS_URL). Prints figures
// and KEDAI_WA_* lines for bench/run.sh; exits non-zero only when a check fails, never on a time.
//
//   BENCH_WA_WEBHOOKS=3000  BENCH_WA_CLIENTS=8  BENCH_WA_RATE=200  BENCH_WA_SECONDS=15
//   BENCH_KEDAID=<another kedaid, e.g. a release build or a wrapper script>
//   BENCH_WA_DUMP=<file>: posted_at_ms,reply_at_ms of every steady-rate webhook
#include "benchutil.h"
#include "cache/resilientcache.h"
#include "common/clock.h"
#include "common/log.h"
#include "listenerclient.h"
#include "store/database.h"
#include "store/settingsrepository.h"
#include "support/fakecloudapi.h"
#include "webhookclient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kedai;
using bench::Measured;

namespace {

const QString kPhoneNumberId = QStringLiteral("1122334455667");
const QString kAccessToken = QStringLiteral("bench-token");
/// Sending limits for the run: the highest rate the setting takes, so the cap never throttles;
/// the per-recipient gap stays at its default (every customer here gets one message).
constexpr int kSendRatePerSec = 1000;
constexpr int kRecipientGapMs = 300;

struct Options
{
    QString backend;
    QString databaseUrl;
    QString redisUrl;
    QString workDir;
    int webhooks = 3000; ///< part 1, per figure
    int clients = 8;
    double rate = 200; ///< part 2, webhooks per second
    double seconds = 15;
};

/// One signed single-message webhook, as Meta sends it (shape of pywa's "text" update).
struct Webhook
{
    QString waId;
    QByteArray body;
    QByteArray signature;
};

QByteArray sign(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

Webhook makeWebhook(const QString &waId, const QString &wamid, const QByteArray &text, const QByteArray &secret)
{
    const QByteArray id = waId.toLatin1();
    const QByteArray body =
        R"({"object":"whatsapp_business_account","entry":[{"id":"1234567890987654321","changes":[{"value":)"
        R"({"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281100000000","phone_number_id":")"
        + kPhoneNumberId.toLatin1() + R"("},"contacts":[{"profile":{"name":"Pelanggan )" + id.right(6)
        + R"("},"wa_id":")" + id + R"("}],"messages":[{"from":")" + id + R"(","id":")" + wamid.toLatin1()
        + R"(","timestamp":")" + QByteArray::number(QDateTime::currentSecsSinceEpoch()) + R"(","text":{"body":")" + text
        + R"("},"type":"text"}]},"field":"messages"}]}]})";
    return {waId, body, sign(body, secret)};
}

/// `count` webhooks from distinct customers: wa_id 62 8<run><phase><index>.
std::vector<Webhook> webhooks(int count, const QString &run, int phase, const QByteArray &secret)
{
    std::vector<Webhook> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const QString waId = QStringLiteral("628%1%2%3").arg(run).arg(phase).arg(i, 6, 10, QLatin1Char('0'));
        out.push_back(makeWebhook(waId, QStringLiteral("wamid.bench.%1").arg(waId), "saldo", secret));
    }
    return out;
}

QNetworkReply *postWebhook(QNetworkAccessManager &nam, const QUrl &url, const Webhook &w)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("X-Hub-Signature-256"), w.signature);
    return nam.post(request, w.body);
}

/// The first few unexpected answers, for stderr.
int g_reported = 0;

bool expect(bool ok, int status, const QByteArray &reply)
{
    if (!ok && g_reported < 5) {
        ++g_reported;
        std::fprintf(stderr, "bench: unexpected answer %d: %s\n", status, reply.left(300).constData());
    }
    return ok;
}

/// The webhook's answer: 200 {"stored":1,"duplicates":0} (or the reverse for a re-delivery).
bool stored(int status, const QByteArray &reply, bool duplicate)
{
    const QJsonObject o = QJsonDocument::fromJson(reply).object();
    return expect(status == 200 && o.value(QStringLiteral("stored")).toInt(-1) == (duplicate ? 0 : 1)
                      && o.value(QStringLiteral("duplicates")).toInt(-1) == (duplicate ? 1 : 0),
                  status, reply);
}

void printTimes(const char *label, const Measured &m, const char *unit = "/s")
{
    std::printf("  %-46s %10.0f %s   p50 %.2f ms  p99 %.2f ms  (%d", label, m.perSecond(), unit, m.percentile(0.5),
                m.percentile(0.99), m.done);
    if (m.failed > 0)
        std::printf(", %d FAILED", m.failed);
    std::printf(")\n");
}

bool check(const char *what, bool ok)
{
    std::printf("  check: %-62s %s\n", what, ok ? "OK" : "FAIL");
    return ok;
}

/// Writes the sending limits into the settings before kedaid starts, and drops their cached
/// values from Redis (another kedaid on the same Redis may have cached the defaults).
bool setSendLimits(const std::shared_ptr<store::Database> &db, const QString &redisUrl)
{
    store::SettingsRepository settings(db);
    for (const auto &[key, value] : {std::pair{QStringLiteral("send_rate_per_sec"), kSendRatePerSec},
                                     std::pair{QStringLiteral("send_recipient_gap_ms"), kRecipientGapMs}}) {
        if (auto r = settings.setValue(key, QString::number(value), QStringLiteral("bench")); !r) {
            std::fprintf(stderr, "bench: cannot write setting %s: %s\n", qPrintable(key),
                         qPrintable(r.error().message));
            return false;
        }
    }
    if (redisUrl.isEmpty())
        return true;
    auto cache = cache::ResilientCache::fromUrl(redisUrl, std::make_shared<common::SystemClock>());
    if (!cache) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(cache.error().message));
        return false;
    }
    (*cache)->start();
    // SettingsCache's keys (bot/settingscache.h).
    (*cache)->invalidateMany({QStringLiteral("settings:send_rate_per_sec"),
                              QStringLiteral("settings:send_recipient_gap_ms")},
                             {});
    (*cache)->stop();
    return true;
}

QProcessEnvironment kedaidEnvironment(const Options &o, const QString &dataDir, const QString &apiBaseUrl,
                                      const QByteArray &appSecret)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("KEDAI_")) || name.startsWith(QLatin1String("PG_"))
            || name.startsWith(QLatin1String("QRIS_")) || name.startsWith(QLatin1String("WA_"))
            || name.startsWith(QLatin1String("WAHA_")) || name == QLatin1String("DATABASE_URL")
            || name == QLatin1String("REDIS_URL") || name == QLatin1String("HTTP_ADDR")
            || name == QLatin1String("OWNER_NUMBERS"))
            env.remove(name);
    }
    env.insert(QStringLiteral("KEDAI_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("DATABASE_URL"), o.databaseUrl);
    if (!o.redisUrl.isEmpty())
        env.insert(QStringLiteral("REDIS_URL"), o.redisUrl);
    env.insert(QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0"));
    env.insert(QStringLiteral("WA_PHONE_NUMBER_ID"), kPhoneNumberId);
    env.insert(QStringLiteral("WA_ACCESS_TOKEN"), kAccessToken);
    env.insert(QStringLiteral("WA_APP_SECRET"), QString::fromLatin1(appSecret));
    env.insert(QStringLiteral("WA_VERIFY_TOKEN"), QStringLiteral("bench-verify"));
    env.insert(QStringLiteral("WA_API_BASE_URL"), apiBaseUrl);
    // Not what is measured: an info line per message and request.
    env.insert(QStringLiteral("KEDAI_LOG_LEVEL"), QStringLiteral("error"));
    return env;
}

/// Replies the fake received, by recipient: the wall-clock times (ms since epoch).
QHash<QString, std::vector<qint64>> repliesByRecipient(const test::FakeCloudApi &fake)
{
    QHash<QString, std::vector<qint64>> out;
    for (const auto &s : fake.sentMessages())
        out[s.to].push_back(s.receivedAt.toMSecsSinceEpoch());
    return out;
}

/// How the replies to `sent` came out: how many recipients got exactly one / none / several.
struct ReplyCount
{
    int one = 0;
    int missing = 0;
    int extra = 0; ///< replies beyond the first
};

ReplyCount countReplies(const std::vector<Webhook> &sent, const QHash<QString, std::vector<qint64>> &replies)
{
    ReplyCount c;
    for (const auto &w : sent) {
        const auto it = replies.constFind(w.waId);
        const size_t n = it == replies.constEnd() ? 0 : it->size();
        if (n == 0)
            ++c.missing;
        else
            ++c.one;
        c.extra += n > 1 ? int(n - 1) : 0;
    }
    return c;
}

/// Waits until the fake holds `total` replies, at most `timeoutMs`, and no longer than 10 s
/// without a new one (kedaid died or stopped sending); returns how long it waited.
double waitForReplies(const test::FakeCloudApi &fake, int total, int timeoutMs)
{
    QElapsedTimer t, quiet;
    t.start();
    quiet.start();
    qsizetype seen = fake.sentMessages().size();
    while (!fake.waitForMessages(total, 500) && t.elapsed() < timeoutMs && quiet.elapsed() < 10'000) {
        const qsizetype now = fake.sentMessages().size();
        if (now != seen)
            quiet.start();
        seen = now;
    }
    return double(t.nsecsElapsed()) / 1e9;
}

bool run(const Options &o)
{
    const QByteArray appSecret = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    // Distinct customers in every run, so a shared Redis never maps them to an older run's rows.
    const QString runTag = QStringLiteral("%1").arg(QRandomGenerator::system()->bounded(10'000), 4, 10,
                                                    QLatin1Char('0'));
    std::printf("WhatsApp Cloud API (%s), kedaid with a fake Cloud API on loopback, %d clients\n",
                qPrintable(o.backend), o.clients);

    auto opened = store::Database::open(o.databaseUrl);
    if (!opened) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(opened.error().message));
        return false;
    }
    if (!setSendLimits(opened.value(), o.redisUrl))
        return false;
    std::printf("  send limits: %d msg/s, %d ms between two messages to one customer (settings\n"
                "  send_rate_per_sec, send_recipient_gap_ms; defaults 50 and 300)\n",
                kSendRatePerSec, kRecipientGapMs);

    test::FakeCloudApi fake(kPhoneNumberId, kAccessToken);
    const QString dataDir = o.workDir + QStringLiteral("/kedaid-wa-") + o.backend.toLower();
    QDir().mkpath(dataDir);
    bench::KedaidProcess kedaid;
    QString error;
    const QString program = qEnvironmentVariableIsSet("BENCH_KEDAID") ? qEnvironmentVariable("BENCH_KEDAID")
                                                                      : QStringLiteral(KEDAI_KEDAID_PATH);
    if (!kedaid.start(program, dataDir, kedaidEnvironment(o, dataDir, fake.baseUrl(), appSecret), &error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return false;
    }
    const QUrl webhookUrl(kedaid.url() + QStringLiteral("/webhook/whatsapp"));
    const QUrl healthUrl(kedaid.url() + QStringLiteral("/healthz"));
    bool ok = true;
    int expectedReplies = 0;

    // Warm-up (connections, caches, prepared statements): answered like the rest, checked too.
    const std::vector<Webhook> warm = webhooks(50, runTag, 0, appSecret);
    const auto postTo = [&](const std::vector<Webhook> &list) {
        return [&list, &webhookUrl](QNetworkAccessManager &nam, int i) {
            return postWebhook(nam, webhookUrl, list[size_t(i)]);
        };
    };
    const auto getHealth = [&](QNetworkAccessManager &nam, int) { return nam.get(QNetworkRequest(healthUrl)); };
    const auto isStored = [](int, int status, const QByteArray &r) { return stored(status, r, false); };
    const auto isHealthy = [](int, int status, const QByteArray &) { return status == 200; };
    Measured warmHooks = bench::closedLoop(int(warm.size()), 2, postTo(warm), isStored);
    bench::closedLoop(200, o.clients, getHealth, isHealthy);
    expectedReplies += int(warm.size());
    waitForReplies(fake, expectedReplies, 30'000);

    // 1. Throughput: the baseline first, on the idle server, then the webhooks.
    const std::vector<Webhook> burst = webhooks(o.webhooks, runTag, 1, appSecret);
    const Measured health = bench::closedLoop(o.webhooks, o.clients, getHealth, isHealthy);
    const qint64 burstStartMs = QDateTime::currentMSecsSinceEpoch();
    const Measured hooks = bench::closedLoop(int(burst.size()), o.clients, postTo(burst), isStored);
    expectedReplies += int(burst.size());
    const double drainSeconds = waitForReplies(fake, expectedReplies, 120'000);
    qint64 lastReplyMs = burstStartMs;
    int burstReplies = 0;
    {
        const auto replies = repliesByRecipient(fake);
        for (const auto &w : burst) {
            const std::vector<qint64> at = replies.value(w.waId);
            burstReplies += at.empty() ? 0 : 1;
            for (qint64 t : at)
                lastReplyMs = std::max(lastReplyMs, t);
        }
    }
    char label[96];
    std::snprintf(label, sizeof label, "baseline: GET /healthz, %d clients", o.clients);
    printTimes(label, health);
    std::snprintf(label, sizeof label, "signed webhooks stored, %d clients", o.clients);
    printTimes(label, hooks);
    if (health.perSecond() > 0)
        std::printf("  %-46s %10.1f %%\n", "ratio webhooks / GET /healthz",
                    100.0 * hooks.perSecond() / health.perSecond());
    const double endToEnd = double(lastReplyMs - burstStartMs) / 1000.0;
    std::printf("  %-46s %10.0f /s   (%d of %d replies at the fake %.1f s after the first POST;\n"
                "  %-46s            waited %.1f s after the last webhook was answered)\n",
                "replies sent to the Cloud API, same burst", endToEnd > 0 ? burstReplies / endToEnd : 0.0, burstReplies,
                int(burst.size()), endToEnd, "", drainSeconds);

    // 2. Latency at a steady rate.
    const int paced = std::max(1, int(o.rate * o.seconds));
    const std::vector<Webhook> steady = webhooks(paced, runTag, 2, appSecret);
    const bench::Paced p = bench::openLoop(paced, o.rate, 16, postTo(steady), isStored);
    expectedReplies += paced;
    waitForReplies(fake, expectedReplies, 30'000);
    const auto replies = repliesByRecipient(fake);
    Measured e2e, settled; // settled: the webhooks sent 1 s or more after the first (the burst's wake is over)
    for (int i = 0; i < paced; ++i) {
        const auto it = replies.constFind(steady[size_t(i)].waId);
        if (it == replies.constEnd() || it->empty())
            continue;
        const double ms = double(it->front() - p.postedAtMs[size_t(i)]);
        e2e.latenciesMs.push_back(ms);
        if (p.postedAtMs[size_t(i)] - p.postedAtMs[0] >= 1000)
            settled.latenciesMs.push_back(ms);
    }
    e2e.done = int(e2e.latenciesMs.size());
    if (const QString dump = qEnvironmentVariable("BENCH_WA_DUMP"); !dump.isEmpty()) {
        QFile f(dump); // posted_at_ms,reply_at_ms per steady webhook (0: no reply), for a closer look
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            for (int i = 0; i < paced; ++i) {
                const auto it = replies.constFind(steady[size_t(i)].waId);
                f.write(QByteArray::number(p.postedAtMs[size_t(i)]) + ','
                        + QByteArray::number(it == replies.constEnd() || it->empty() ? 0 : it->front()) + '\n');
            }
        }
    }
    const double maxE2e = e2e.latenciesMs.empty() ? 0
                                                  : *std::max_element(e2e.latenciesMs.begin(), e2e.latenciesMs.end());
    std::printf("  steady %.0f webhooks/s for %.0f s (open loop, sent in %.2f s, worst client lag %.1f ms)\n", o.rate,
                o.seconds, p.sendSeconds, p.maxLagMs);
    std::printf("  %-46s %10s   p50 %.2f ms  p99 %.2f ms  (%d", "  webhook answer", "", p.answers.percentile(0.5),
                p.answers.percentile(0.99), p.answers.done);
    if (p.answers.failed > 0)
        std::printf(", %d FAILED", p.answers.failed);
    std::printf(")\n");
    std::printf("  %-46s %10s   p50 %.0f ms  p99 %.0f ms  max %.0f ms  (%d of %d replies, 1 ms clock)\n",
                "  webhook POST -> reply at the Cloud API", "", e2e.percentile(0.5), e2e.percentile(0.99), maxE2e,
                e2e.done, paced);
    const double maxSettled = settled.latenciesMs.empty()
                                  ? 0
                                  : *std::max_element(settled.latenciesMs.begin(), settled.latenciesMs.end());
    std::printf("  %-46s %10s   p50 %.0f ms  p99 %.0f ms  max %.0f ms  (%zu)\n", "    the same, from the 2nd second on",
                "", settled.percentile(0.5), settled.percentile(0.99), maxSettled, settled.latenciesMs.size());

    // 3. The checks behind the figures.
    // Meta re-delivers a webhook it did not see answered: stored once, answered once.
    const int again = std::min<int>(50, paced);
    const std::vector<Webhook> resent(steady.begin(), steady.begin() + again);
    const Measured dup = bench::closedLoop(again, 2, postTo(resent), [](int, int status, const QByteArray &r) {
        return stored(status, r, true);
    });
    // A forged body (signed with another secret) is refused before it is read.
    const std::vector<Webhook> forged = webhooks(20, runTag, 3, appSecret + "x");
    const Measured bad = bench::closedLoop(int(forged.size()), 2, postTo(forged),
                                           [](int, int status, const QByteArray &) { return status == 401; });
    // Time for a wrong second reply or a reply to a forged webhook to show up.
    QThread::msleep(2000);
    const auto final = repliesByRecipient(fake);
    const ReplyCount warmCount = countReplies(warm, final);
    const ReplyCount burstCount = countReplies(burst, final);
    const ReplyCount steadyCount = countReplies(steady, final);
    const ReplyCount forgedCount = countReplies(forged, final);
    const int all = int(fake.sentMessages().size());
    const int reads = int(fake.readReceipts().size());
    kedaid.stop();
    if (g_reported > 0) {
        QFile err(dataDir + QStringLiteral("/kedaid.err"));
        if (err.open(QIODevice::ReadOnly))
            std::fprintf(stderr, "bench: kedaid's stderr ends with:\n%s\n", err.readAll().right(3000).constData());
    }

    char what[160];
    const int sentHooks = int(warm.size() + burst.size() + steady.size());
    std::snprintf(what, sizeof what, "every webhook answered 200, stored once (%d)", sentHooks);
    ok = check(what, warmHooks.failed + hooks.failed + p.answers.failed == 0) && ok;
    ok = check("GET /healthz answered 200 throughout", health.failed == 0) && ok;
    const int one = warmCount.one + burstCount.one + steadyCount.one;
    const int missing = warmCount.missing + burstCount.missing + steadyCount.missing;
    const int extra = warmCount.extra + burstCount.extra + steadyCount.extra;
    std::snprintf(what, sizeof what, "one reply per webhook at the fake (%d of %d, %d missing, %d extra)", one,
                  sentHooks, missing, extra);
    ok = check(what, one == sentHooks && missing == 0 && extra == 0) && ok;
    std::snprintf(what, sizeof what, "nothing else sent to the Cloud API (%d messages)", all);
    ok = check(what, all == sentHooks) && ok;
    std::snprintf(what, sizeof what, "re-delivered webhooks seen as duplicates, not answered (%d)", again);
    ok = check(what, dup.failed == 0) && ok;
    std::snprintf(what, sizeof what, "forged signature refused with 401, not answered (%d)", int(forged.size()));
    ok = check(what, bad.failed == 0 && forgedCount.one == 0) && ok;
    std::printf("  (read receipts the sender also posted to the fake: %d)\n", reads);

    std::printf("KEDAI_WA_WEBHOOKS_PER_S=%.0f\nKEDAI_WA_HEALTHZ_PER_S=%.0f\nKEDAI_WA_REPLY_P99_MS=%.0f\n",
                hooks.perSecond(), health.perSecond(), e2e.percentile(0.99));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qputenv("KEDAI_LOG_LEVEL", "warn");
    log::init({}, false);
    QTemporaryDir dir;
    const QString pg = qEnvironmentVariable("BENCH_DATABASE_URL");
    Options o;
    o.backend = pg.isEmpty() ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
    // PostgreSQL: a schema of its own, so every run starts from an empty database.
    if (pg.isEmpty())
        o.databaseUrl = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("wa/kedai.db"));
    else
        o.databaseUrl = pg + (pg.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
                        + QStringLiteral("schema=bench_wa_%1").arg(QDateTime::currentMSecsSinceEpoch());
    o.redisUrl = qEnvironmentVariable("BENCH_REDIS_URL");
    o.workDir = dir.path();
    if (qEnvironmentVariableIsSet("BENCH_WA_WEBHOOKS"))
        o.webhooks = std::max(10, qEnvironmentVariableIntValue("BENCH_WA_WEBHOOKS"));
    if (qEnvironmentVariableIsSet("BENCH_WA_CLIENTS"))
        o.clients = std::max(1, qEnvironmentVariableIntValue("BENCH_WA_CLIENTS"));
    if (qEnvironmentVariableIsSet("BENCH_WA_RATE"))
        o.rate = std::max(1.0, qEnvironmentVariable("BENCH_WA_RATE").toDouble());
    if (qEnvironmentVariableIsSet("BENCH_WA_SECONDS"))
        o.seconds = std::max(1.0, qEnvironmentVariable("BENCH_WA_SECONDS").toDouble());
    QDir().mkpath(dir.filePath(QStringLiteral("wa")));
    return run(o) ? 0 : 2;
}
