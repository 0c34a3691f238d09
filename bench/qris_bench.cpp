// QRIS benchmark: QR generations per second (makeDynamicQris + PNG) beside raw libqrencode +
// zlib, and payment notifications matched per second with 10,000 QRIS orders waiting, through
// QrisService and through a running kedaid's listener endpoint, on SQLite (default) or on
// PostgreSQL (BENCH_DATABASE_URL, with BENCH_REDIS_URL for kedaid). Prints figures and ratios;
// exits non-zero only when a correctness check fails (a notification not matched, an order
// paid or delivered twice), never on a time.
//
//   qris_bench [qr] [notifications]     (both when none is named)
//   BENCH_QRIS_PENDING=10000  BENCH_QRIS_NOTIFICATIONS=5000  BENCH_QR_SECONDS=1.0
#include "common/log.h"
#include "notificationbench.h"
#include "qrgenbench.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace kedai;

namespace {

/// The first static QRIS with a valid CRC in the fixtures.
QString fixtureStaticQris()
{
    const QString path = qEnvironmentVariableIsSet("BENCH_QRIS_FIXTURE") ? qEnvironmentVariable("BENCH_QRIS_FIXTURE")
                                                                         : QStringLiteral(KEDAI_QRIS_FIXTURE);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const QJsonArray statics = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("static")).toArray();
    for (const auto &s : statics) {
        if (s.toObject().value(QStringLiteral("crc_ok")).toBool())
            return s.toObject().value(QStringLiteral("qris")).toString();
    }
    return QString();
}

/// The PostgreSQL URL with a schema of its own, so every run starts from an empty database.
QString withFreshSchema(const QString &url)
{
    return url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
           + QStringLiteral("schema=bench_qris_%1").arg(QDateTime::currentMSecsSinceEpoch());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qputenv("KEDAI_LOG_LEVEL", "warn");
    log::init({}, false);
    const QStringList args = app.arguments().mid(1);
    const bool all = args.isEmpty();
    const int cores = std::max(1, QThread::idealThreadCount());

    const QString staticQris = fixtureStaticQris();
    if (staticQris.isEmpty()) {
        std::fprintf(stderr, "bench: no static QRIS in %s\n", KEDAI_QRIS_FIXTURE);
        return 1;
    }
    bool ok = true;
    if (all || args.contains(QStringLiteral("qr"))) {
        bench::QrGenOptions qr;
        qr.staticQris = staticQris;
        qr.threads = cores;
        if (qEnvironmentVariableIsSet("BENCH_QR_SECONDS"))
            qr.budgetSeconds = std::max(0.1, qEnvironmentVariable("BENCH_QR_SECONDS").toDouble());
        ok = bench::runQrGeneration(qr) && ok;
        std::fflush(stdout);
    }
    if (all || args.contains(QStringLiteral("notifications"))) {
        QTemporaryDir dir;
        const QString pg = qEnvironmentVariable("BENCH_DATABASE_URL");
        bench::NotificationBenchOptions n;
        n.backend = pg.isEmpty() ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
        n.databaseUrl = pg.isEmpty() ? QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("qris/kedai.db"))
                                     : withFreshSchema(pg);
        n.redisUrl = qEnvironmentVariable("BENCH_REDIS_URL");
        n.staticQris = staticQris;
        n.kedaid = QStringLiteral(KEDAI_KEDAID_PATH);
        n.workDir = dir.path();
        if (qEnvironmentVariableIsSet("BENCH_QRIS_PENDING"))
            n.pending = qEnvironmentVariableIntValue("BENCH_QRIS_PENDING");
        if (qEnvironmentVariableIsSet("BENCH_QRIS_NOTIFICATIONS"))
            n.notifications = qEnvironmentVariableIntValue("BENCH_QRIS_NOTIFICATIONS");
        // SQLite takes one writer at a time (Kedai queues them on a mutex): more seeding threads
        // only wait; PostgreSQL overlaps the round trips.
        n.seedThreads = pg.isEmpty() ? 1 : 4;
        n.directThreads = 8; // as pgbench's clients
        ok = bench::runNotificationBench(n) && ok;
    }
    return ok ? 0 : 2;
}
