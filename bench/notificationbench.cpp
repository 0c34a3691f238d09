#include "notificationbench.h"

#include "benchutil.h"
#include "listenerclient.h"
#include "payments/notificationparser.h"
#include "pendingorders.h"
#include "store/database.h"
#include "store/qrisservice.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace kedai::bench {

namespace {

using common::Rupiah;

/// The notification a shop's phone forwards for money received, in the words of three apps.
QByteArray notificationBody(int i, Rupiah amount, qint64 postedAtMs)
{
    const QString rp = common::formatRupiah(amount);
    QJsonObject o{{QStringLiteral("postedAt"), postedAtMs}};
    switch (i % 3) {
    case 0:
        o.insert(QStringLiteral("packageName"), QStringLiteral("com.gojek.gopaymerchant"));
        o.insert(QStringLiteral("appName"), QStringLiteral("GoPay Merchant"));
        o.insert(QStringLiteral("title"), QStringLiteral("Pembayaran diterima"));
        o.insert(QStringLiteral("text"), QStringLiteral("Pembayaran QRIS %1 berhasil diterima").arg(rp));
        break;
    case 1:
        o.insert(QStringLiteral("packageName"), QStringLiteral("id.dana.business"));
        o.insert(QStringLiteral("appName"), QStringLiteral("DANA Bisnis"));
        o.insert(QStringLiteral("title"), QStringLiteral("Uang masuk"));
        o.insert(QStringLiteral("text"), QStringLiteral("Kamu menerima %1 dari pembayaran QRIS").arg(rp));
        break;
    default:
        o.insert(QStringLiteral("packageName"), QStringLiteral("com.shopeepay.merchant.id"));
        o.insert(QStringLiteral("appName"), QStringLiteral("ShopeePay Merchant"));
        o.insert(QStringLiteral("title"), QStringLiteral("Pembayaran berhasil"));
        o.insert(QStringLiteral("text"), QStringLiteral("Pembayaran sebesar %1 telah diterima").arg(rp));
        break;
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// What EnginePrivate::applyNotifications hands to QrisService, from one forwarded body.
std::optional<store::IncomingNotification> classify(const QByteArray &body)
{
    auto parsed = payments::parseNotificationJson(body);
    if (!parsed || parsed->size() != 1)
        return std::nullopt;
    const payments::PaymentNotification &n = parsed->first();
    const payments::NotificationClass c = payments::classifyNotification(n, {});
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
    return in;
}

/// The bot's delivery, in size and shape: one text message with the order and its items into
/// the outbox, as the real messenger adds inside the same transaction.
store::QrisMessenger deliveryMessenger()
{
    return [](const store::QrisEvent &e) -> common::Result<QList<domain::OutboundMessage>> {
        if (e.payment.channel.isEmpty())
            return QList<domain::OutboundMessage>();
        QStringList items;
        for (int i = 0; i < e.order.items.size(); ++i)
            items << QStringLiteral("%1. Kode: %2").arg(i + 1).arg(e.order.items.at(i));
        domain::OutboundMessage m;
        m.channel = e.payment.channel;
        m.to = e.payment.recipient;
        m.text = QStringLiteral("Pembayaran %1 diterima\n\nProduk: %2\nJumlah: %3\nTotal: %4\nRef: %5\n\n%6\n\n"
                                "Terima kasih telah berbelanja!")
                     .arg(common::formatRupiah(e.payment.payable), e.product.name)
                     .arg(e.order.qty)
                     .arg(common::formatRupiah(e.order.total), e.payment.ref, items.join(QLatin1Char('\n')));
        return QList<domain::OutboundMessage>{m};
    };
}

/// notifications/s with the latency of each call (a request, for HTTP), and how many were
/// waiting when the run began.
void printMatched(const char *label, const Measured &m, int notifications, int pendingBefore, double floor = 0)
{
    char suffix[160];
    int len = std::snprintf(suffix, sizeof suffix, "   p50 %.2f ms  p99 %.2f ms  (%d", m.percentile(0.5),
                            m.percentile(0.99), notifications);
    if (pendingBefore > 0)
        len += std::snprintf(suffix + len, sizeof suffix - size_t(len), " of %d waiting", pendingBefore);
    len += std::snprintf(suffix + len, sizeof suffix - size_t(len), ")");
    if (floor > 0)
        std::snprintf(suffix + len, sizeof suffix - size_t(len), "  %.1f %% of floor", 100.0 * m.perSecond() / floor);
    printRate(label, m.seconds > 0 ? notifications / m.seconds : 0, suffix);
}

/// The reply of the listener for bodies[index]: every entry matched (or a repeat of a match)
/// with the ref of the payment it was meant for.
bool repliedMatched(const QByteArray &reply, const std::vector<const Pending *> &expected, bool repeat)
{
    const QJsonObject o = QJsonDocument::fromJson(reply).object();
    const QJsonArray results = o.value(QStringLiteral("results")).toArray();
    if (results.size() != qsizetype(expected.size()))
        return false;
    for (qsizetype k = 0; k < results.size(); ++k) {
        const QJsonObject r = results.at(k).toObject();
        if (r.value(QStringLiteral("status")).toString() != QLatin1String("matched")
            || r.value(QStringLiteral("duplicate")).toBool() != repeat)
            return false;
        // A repeat carries no event, hence no ref.
        if (!repeat && r.value(QStringLiteral("ref")).toString() != expected[size_t(k)]->ref)
            return false;
    }
    return true;
}

QByteArray jsonArray(const std::vector<const Pending *> &items)
{
    QByteArray out("[");
    for (const Pending *p : items) {
        if (out.size() > 1)
            out += ',';
        out += p->body;
    }
    return out + ']';
}

QProcessEnvironment kedaidEnvironment(const NotificationBenchOptions &o, const QString &dataDir, const QString &key)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("KEDAI_")) || name.startsWith(QLatin1String("PG_"))
            || name.startsWith(QLatin1String("QRIS_")) || name == QLatin1String("DATABASE_URL")
            || name == QLatin1String("REDIS_URL") || name == QLatin1String("HTTP_ADDR"))
            env.remove(name);
    }
    env.insert(QStringLiteral("KEDAI_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("DATABASE_URL"), o.databaseUrl);
    if (!o.redisUrl.isEmpty())
        env.insert(QStringLiteral("REDIS_URL"), o.redisUrl);
    env.insert(QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0"));
    env.insert(QStringLiteral("QRIS_STATIC"), o.staticQris);
    env.insert(QStringLiteral("QRIS_LISTENER_KEY"), key);
    env.insert(QStringLiteral("QRIS_EXPIRY_MIN"), QStringLiteral("120"));
    // Not what is measured: the info line per notification, and the warning (flushed to two
    // sinks) per refused request, which would make the wrong-key floor slower than real work.
    env.insert(QStringLiteral("KEDAI_LOG_LEVEL"), QStringLiteral("error"));
    return env;
}

/// The figures the run script puts beside its baselines.
struct Figures
{
    double direct = 0;  ///< QrisService, N threads
    double http = 0;    ///< kedaid, one notification per request
    double batched = 0; ///< kedaid, arrays
};

/// Through a kedaid on the same database: the wrong-key floor, `single` notifications one per
/// request, `batched` in arrays, then 100 re-sent ones that must be repeats. Pays
/// all[from .. from + single + batched). Returns the number of repeats sent, -1 on failure.
int runListener(const NotificationBenchOptions &o, const std::vector<Pending> &all, int from, int single, int batched,
                int waiting, Figures &figures)
{
    const QString dataDir = o.workDir + QStringLiteral("/kedaid-") + o.backend.toLower();
    QDir().mkpath(dataDir);
    const QByteArray key = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    KedaidProcess kedaid;
    QString error;
    if (!kedaid.start(o.kedaid, dataDir, kedaidEnvironment(o, dataDir, QString::fromLatin1(key)), &error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return -1;
    }
    const QString endpoint = kedaid.url() + QStringLiteral("/webhook/payment-notification");

    std::vector<std::vector<const Pending *>> singles, batches;
    for (int i = 0; i < single; ++i)
        singles.push_back({&all[size_t(from + i)]});
    for (int i = 0; i < batched; i += o.batch) {
        std::vector<const Pending *> b;
        for (int k = i; k < std::min(batched, i + o.batch); ++k)
            b.push_back(&all[size_t(from + single + k)]);
        batches.push_back(b);
    }
    std::vector<QByteArray> singleBodies, batchBodies;
    for (const auto &g : singles)
        singleBodies.push_back(g.front()->body);
    for (const auto &g : batches)
        batchBodies.push_back(jsonArray(g));

    // The floor: the same clients and bodies, refused by the key check before any work.
    char label[96];
    const Measured floor = postAll(endpoint, key + "-wrong", singleBodies, o.httpClients,
                                   [](int, int status, const QByteArray &) { return status == 401; });
    std::snprintf(label, sizeof label, "HTTP floor: wrong key (401), %d clients", o.httpClients);
    printMatched(label, floor, floor.done, 0);

    const Measured h1 = postAll(endpoint, key, singleBodies, o.httpClients,
                                [&](int i, int status, const QByteArray &r) {
                                    return status == 200 && repliedMatched(r, singles[size_t(i)], false);
                                });
    std::snprintf(label, sizeof label, "matched via HTTP kedaid, %d clients x 1", o.httpClients);
    printMatched(label, h1, h1.done, waiting, floor.perSecond());

    const int batchClients = std::max(1, o.httpClients / 4);
    const Measured hB = postAll(endpoint, key, batchBodies, batchClients, [&](int i, int status, const QByteArray &r) {
        return status == 200 && repliedMatched(r, batches[size_t(i)], false);
    });
    std::snprintf(label, sizeof label, "matched via HTTP kedaid, %d clients x %d", batchClients, o.batch);
    printMatched(label, hB, hB.failed == 0 ? batched : 0, waiting - single);

    // The phone sends again what it already sent: recognised, nothing paid twice.
    std::vector<const Pending *> again;
    for (int i = 0; i < std::min<int>(100, int(singles.size())); ++i)
        again.push_back(singles[size_t(i)].front());
    const Measured repeat = postAll(endpoint, key, {jsonArray(again)}, 1, [&](int, int status, const QByteArray &r) {
        return status == 200 && repliedMatched(r, again, true);
    });
    kedaid.stop();

    figures.http = h1.seconds > 0 ? h1.done / h1.seconds : 0;
    figures.batched = hB.seconds > 0 ? batched / hB.seconds : 0;
    if (floor.failed > 0)
        std::fprintf(stderr, "bench: %d requests with a wrong key were not refused with 401\n", floor.failed);
    if (h1.failed + hB.failed > 0)
        std::fprintf(stderr, "bench: not matched as expected: %d HTTP requests (single), %d HTTP requests (batched)\n",
                     h1.failed, hB.failed);
    if (repeat.failed > 0)
        std::fprintf(stderr, "bench: re-sent notifications were not all recognised as repeats\n");
    return floor.failed + h1.failed + hB.failed + repeat.failed == 0 ? int(again.size()) : -1;
}

/// The forwarded notifications of every order, parsed and classified as the engine does before
/// matching (measured: it is the listener's own CPU work).
bool prepareNotifications(std::vector<Pending> &all)
{
    const qint64 postedAt = QDateTime::currentMSecsSinceEpoch();
    for (size_t i = 0; i < all.size(); ++i)
        all[i].body = notificationBody(int(i), all[i].payable, postedAt + qint64(i));
    const Measured parse = runParallel(1, int(all.size()), 600, [&](int i) {
        auto in = classify(all[size_t(i)].body);
        if (!in || in->classification != domain::NotificationStatus::Unmatched || in->amount != all[size_t(i)].payable)
            return false;
        all[size_t(i)].incoming = *in;
        return true;
    });
    printRate("parse + classify a notification, 1 thread", parse.perSecond());
    if (parse.failed > 0)
        std::fprintf(stderr, "bench: %d notifications were not read as money received of their amount\n", parse.failed);
    return parse.failed == 0;
}

} // namespace

bool runNotificationBench(const NotificationBenchOptions &o)
{
    const int total = std::clamp(o.pending, 10, 19'000);
    const int sent = std::clamp(o.notifications, 10, total);
    std::printf("QRIS notifications (%s), %d orders waiting, %d of them paid by notifications\n", qPrintable(o.backend),
                total, sent);
    auto opened = store::Database::open(o.databaseUrl);
    if (!opened) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(opened.error().message));
        return false;
    }
    std::shared_ptr<store::Database> db = opened.value();
    std::vector<Pending> all(static_cast<size_t>(total));
    if (!seedPendingOrders(db, all, o.seedThreads) || !prepareNotifications(all))
        return false;

    // Each run pays the next slice of the waiting orders: 10 %, 30 %, 30 %, 30 % of the
    // notifications sent, so at least total - sent are always waiting.
    const int direct1 = sent / 10, directN = 3 * sent / 10, single = 3 * sent / 10;
    const int batched = sent - direct1 - directN - single;
    const store::QrisMessenger messenger = deliveryMessenger();
    store::QrisService qris(db, nullptr); // shared by the threads, as the engine's pool shares it
    const auto direct = [&](int threads, int from, int count) {
        return runParallel(threads, count, 3600, [&, from](int i) {
            const Pending &p = all[size_t(from + i)];
            auto outcome = qris.recordNotification(p.incoming, messenger);
            return outcome && !outcome->duplicate && outcome->status == domain::NotificationStatus::Matched
                   && outcome->event && outcome->event->kind == store::QrisEvent::Kind::Paid
                   && outcome->event->payment.ref == p.ref && outcome->event->payment.payable == p.payable
                   && outcome->event->order.ref == p.ref
                   && outcome->event->order.status == domain::OrderStatus::Delivered
                   && outcome->event->order.items.size() == 1 && outcome->event->credited == 0;
        });
    };
    const Measured d1 = direct(1, 0, direct1);
    printMatched("matched via QrisService, 1 thread", d1, d1.done, total);
    const Measured dN = direct(o.directThreads, direct1, directN);
    char label[96];
    std::snprintf(label, sizeof label, "matched via QrisService, %d threads", o.directThreads);
    printMatched(label, dN, dN.done, total - direct1);
    if (d1.failed + dN.failed > 0)
        std::fprintf(stderr, "bench: not matched as expected: %d direct (1 thread), %d direct (%d threads)\n",
                     d1.failed, dN.failed, o.directThreads);

    Figures figures;
    figures.direct = dN.perSecond();
    const int repeats = runListener(o, all, direct1 + directN, single, batched, total - direct1 - directN, figures);
    // Checked even after a failure above: it says what the failure did to the money.
    const bool consistent = verifyPaidOnce(*db, all, sent, std::max(0, repeats));
    std::printf("KEDAI_QRIS_DIRECT_PER_S=%.0f\nKEDAI_QRIS_HTTP_PER_S=%.0f\nKEDAI_QRIS_HTTP_BATCHED_PER_S=%.0f\n",
                figures.direct, figures.http, figures.batched);
    return consistent && repeats >= 0 && d1.failed == 0 && dN.failed == 0;
}

} // namespace kedai::bench
