// Kedai benchmark: purchases per second and reply latency through the engine on SQLite, the
// catalog command's replies per second, and a raw SQLite write-transaction baseline measured
// in the same run on the same disk. Prints figures and ratios; it never fails on a time.
#include "common/config.h"
#include "common/log.h"
#include "engine/engine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kedai;

namespace {

/// Raw SQLite: the same shape of write transaction a purchase needs (one conditional UPDATE,
/// two INSERTs) with the same pragmas, no Kedai code in between.
double sqliteBaselineTps(const QString &dir, int transactions)
{
    double tps = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("baseline"));
        db.setDatabaseName(dir + QStringLiteral("/baseline.db"));
        db.open();
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        q.exec(QStringLiteral("CREATE TABLE acct(id INTEGER PRIMARY KEY, saldo INTEGER)"));
        q.exec(QStringLiteral("CREATE TABLE hist(id INTEGER PRIMARY KEY, acct INTEGER, delta INTEGER, note TEXT)"));
        q.exec(QStringLiteral("INSERT INTO acct VALUES (1, 1000000000)"));
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < transactions; ++i) {
            q.exec(QStringLiteral("BEGIN IMMEDIATE"));
            q.exec(QStringLiteral("UPDATE acct SET saldo = saldo - 1 WHERE id = 1 AND saldo >= 1"));
            q.exec(QStringLiteral("INSERT INTO hist(acct, delta, note) VALUES (1, -1, 'purchase')"));
            q.exec(QStringLiteral("INSERT INTO hist(acct, delta, note) VALUES (1, 0, 'outbox')"));
            q.exec(QStringLiteral("COMMIT"));
        }
        tps = transactions / (double(t.nsecsElapsed()) / 1e9);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("baseline"));
    return tps;
}

struct Run
{
    double perSecond = 0;
    double p50 = 0, p99 = 0;
    int completed = 0;
    int succeeded = 0; ///< replies that contain the success marker
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[size_t(std::min<double>(double(v.size() - 1), p * double(v.size())))];
}

/// Sends one message from each of `senders` customers, `rounds` times (a customer's next message
/// goes once its previous reply arrived, as a person would), and measures reply latency.
Run drive(engine::Engine &e, const QStringList &senders, int rounds, const std::function<QString(int)> &text,
          const QString &success = {})
{
    Run run;
    QHash<QString, qint64> sentAt;
    QHash<QString, int> done;
    std::vector<double> latencies;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    const int total = int(senders.size()) * rounds;
    auto sendNext = [&](const QString &who) {
        sentAt[who] = clock.nsecsElapsed();
        (void)e.simulateMessage(who, QString(), text(done.value(who)));
    };
    auto conn = QObject::connect(&e, &engine::Engine::conversationMessage, &loop,
                                 [&](const QString &, const QString &peer, bool outbound, const QString &reply,
                                     qint64) {
                                     if (!outbound || !sentAt.contains(peer))
                                         return;
                                     if (!success.isEmpty() && reply.contains(success))
                                         ++run.succeeded;
                                     latencies.push_back(double(clock.nsecsElapsed() - sentAt.value(peer)) / 1e6);
                                     const int n = ++done[peer];
                                     if (++run.completed == total)
                                         loop.quit();
                                     else if (n < rounds)
                                         sendNext(peer);
                                 });
    for (const QString &s : senders)
        sendNext(s);
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(conn);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    run.perSecond = run.completed / seconds;
    run.p50 = percentile(latencies, 0.50);
    run.p99 = percentile(latencies, 0.99);
    return run;
}

/// One unlabelled sample of the engine's /metrics (0 when missing).
double metric(const QString &baseUrl, const QByteArray &name)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(baseUrl + QStringLiteral("/metrics"))));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    const QByteArray prefix = name + ' ';
    for (const QByteArray &line : body.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toDouble();
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qputenv("KEDAI_LOG_LEVEL", "warn");
    const int customers = argc > 1 ? std::max(1, atoi(argv[1])) : 100;
    const int rounds = argc > 2 ? std::max(1, atoi(argv[2])) : 10;

    QTemporaryDir dir;
    // BENCH_DATABASE_URL / BENCH_REDIS_URL select the production backend (bench/run.sh sets them).
    const QString databaseUrl = qEnvironmentVariable("BENCH_DATABASE_URL");
    const QString redisUrl = qEnvironmentVariable("BENCH_REDIS_URL");
    const bool sqlite = databaseUrl.isEmpty();
    std::printf("Kedai bench (%s, %s, simulator channel), %d customers x %d messages\n",
                sqlite ? "SQLite" : "PostgreSQL", redisUrl.isEmpty() ? "in-process cache" : "Redis", customers, rounds);

    const double baseline = sqlite ? sqliteBaselineTps(dir.path(), 5000) : 0;
    if (sqlite)
        std::printf("  baseline: raw SQLite write transactions      %10.0f tx/s\n", baseline);

    auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path() + QStringLiteral("/kedai")},
                                        {QStringLiteral("HTTP_ADDR"), QStringLiteral("127.0.0.1:0")},
                                        {QStringLiteral("OWNER_NUMBERS"), QStringLiteral("628999000001")},
                                        {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("100000/60s")}},
                                       {{QStringLiteral("DATABASE_URL"), databaseUrl},
                                        {QStringLiteral("REDIS_URL"), redisUrl}});
    if (!config) {
        std::fprintf(stderr, "config: %s\n", qPrintable(config.error().message));
        return 1;
    }
    log::init({}, false);
    engine::Engine e(config.value());
    if (auto r = e.start(); !r) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(r.error().message));
        return 1;
    }

    // Set-up through the bot itself: one product with enough stock, customers with saldo.
    const QString owner = QStringLiteral("628999000001");
    QStringList buyers;
    for (int i = 0; i < customers; ++i)
        buyers << QStringLiteral("62812%1").arg(i, 7, 10, QLatin1Char('0'));
    QStringList stock;
    for (int i = 0; i < customers * rounds; ++i)
        stock << QStringLiteral("bench%1@kedai.test|pw%1|Profil 1|1234").arg(i);
    // A fresh product (and stock lines) per run: a database kept from an earlier run would
    // otherwise refuse the stock as duplicates and every "purchase" would be a sold-out reply.
    const QString code = QStringLiteral("B") + QString::number(QDateTime::currentMSecsSinceEpoch() % 100'000'000);
    for (QString &line : stock)
        line.prepend(code + QLatin1Char('-'));
    drive(e, {owner}, 1, [&](int) { return QStringLiteral("addproduk %1|Bench Item|x|y|1000|1000|1000").arg(code); });
    // In messages of 500 lines, as an owner would paste them (one message has a size limit).
    QStringList addStock;
    for (qsizetype i = 0; i < stock.size(); i += 500)
        addStock << QStringLiteral("addstok %1\n").arg(code) + stock.mid(i, 500).join(QLatin1Char('\n'));
    drive(e, {owner}, int(addStock.size()), [&](int n) { return addStock.at(n); });
    int next = 0;
    drive(e, {owner}, customers, [&](int) { return QStringLiteral("addsaldo %1,100000000").arg(buyers.at(next++)); });

    // Steady state: every buyer has written before. A customer's first message on a channel
    // links the identity (a write that drops the cached record); the second caches identity and
    // record (two gets and two puts, once per customer); from then on both come from the L1.
    drive(e, buyers, 2, [](int) { return QStringLiteral("saldo"); });
    const double tripsBefore = metric(e.httpUrl(), "kedai_redis_round_trips_total");
    const Run buys = drive(
        e, buyers, rounds, [&](int) { return QStringLiteral("buy %1 1").arg(code); },
        QStringLiteral("Pembelian berhasil"));
    const double tripsAfter = metric(e.httpUrl(), "kedai_redis_round_trips_total");
    std::printf("  purchases through the engine                 %10.0f /s   p50 %.2f ms  p99 %.2f ms  (%d)\n",
                buys.perSecond, buys.p50, buys.p99, buys.completed);
    if (buys.succeeded != buys.completed) {
        std::fprintf(stderr, "bench: only %d of %d purchases succeeded; the figures above are not purchases\n",
                     buys.succeeded, buys.completed);
        e.stop();
        return 2;
    }
    const Run catalog = drive(e, buyers, rounds, [](int) { return QStringLiteral("stok"); });
    std::printf("  catalog replies, whole message pipeline      %10.0f /s   p50 %.2f ms  p99 %.2f ms  (%d)\n",
                catalog.perSecond, catalog.p50, catalog.p99, catalog.completed);

    // The catalog reply through the engine API (Engine::catalogReply), caches warm: the
    // customers' tiers and the rendered catalog. Many calls in flight, as a busy bot has.
    const double hitsBefore = metric(e.httpUrl(), "kedai_cache_hits_total");
    const double missesBefore = metric(e.httpUrl(), "kedai_cache_misses_total");
    const int apiCalls = 200'000;
    int apiDone = 0, apiFailed = 0;
    QElapsedTimer apiClock;
    apiClock.start();
    while (apiDone < apiCalls) {
        QList<QFuture<common::Result<QString>>> inFlight;
        for (int i = 0; i < 512 && apiDone + int(inFlight.size()) < apiCalls; ++i)
            inFlight << e.catalogReply(buyers.at((apiDone + i) % buyers.size()));
        for (auto &f : inFlight) {
            f.waitForFinished();
            if (!f.result() || f.result()->isEmpty())
                ++apiFailed;
        }
        apiDone += int(inFlight.size());
    }
    const double apiPerSecond = apiDone / (double(apiClock.nsecsElapsed()) / 1e9);
    const double hits = metric(e.httpUrl(), "kedai_cache_hits_total") - hitsBefore;
    const double misses = metric(e.httpUrl(), "kedai_cache_misses_total") - missesBefore;
    std::printf("  catalog replies through the engine API       %10.0f /s   (%d calls, %d failed)\n", apiPerSecond,
                apiDone, apiFailed);
    std::printf("  cache hit rate (steady state)                %10.1f %%\n",
                hits + misses > 0 ? 100.0 * hits / (hits + misses) : 0.0);
    if (!redisUrl.isEmpty())
        std::printf("  Redis round trips per purchase               %10.2f\n",
                    buys.completed > 0 ? (tripsAfter - tripsBefore) / buys.completed : 0.0);
    if (sqlite)
        std::printf("  ratio purchases / raw SQLite transactions    %10.1f %%\n", 100.0 * buys.perSecond / baseline);
    std::printf("KEDAI_PURCHASES_PER_S=%.0f\n", buys.perSecond);
    if (sqlite)
        std::printf("KEDAI_SQLITE_BASELINE_TPS=%.0f\n", baseline);
    e.stop();
    return 0;
}
