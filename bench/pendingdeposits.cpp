#include "pendingdeposits.h"

#include "benchutil.h"
#include "store/sqlutil.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace kedai::bench {

namespace {

using common::Rupiah;

QString phoneOf(int i)
{
    return QStringLiteral("62813%1").arg(i, 7, 10, QLatin1Char('0'));
}

/// The customers, written directly in multi-row INSERTs (ensure() costs a transaction each and
/// is not what is measured); their ids go into `out`.
bool seedCustomers(store::Database &db, std::vector<Pending> &out)
{
    constexpr int kRows = 500;
    QSqlDatabase c = db.connection();
    const QString now = store::sql::toDb(QDateTime::currentDateTimeUtc());
    const int total = int(out.size());
    store::Transaction tx(db, c);
    for (int from = 0; from < total; from += kRows) {
        QStringList customers, identities;
        for (int i = from; i < std::min(total, from + kRows); ++i) {
            customers << QStringLiteral("('%1', '', '%2')").arg(phoneOf(i), now);
            identities << QStringLiteral("('simulator', '%1', (SELECT id FROM customers WHERE phone = '%1'), '%2')")
                              .arg(phoneOf(i), now);
        }
        QSqlQuery q(c);
        if (!q.exec(QStringLiteral("INSERT INTO customers (phone, name, created_at) VALUES ")
                    + customers.join(QLatin1Char(',')))
            || !q.exec(QStringLiteral("INSERT INTO customer_identities (channel, external_id, customer_id, created_at) "
                                      "VALUES ")
                       + identities.join(QLatin1Char(',')))) {
            std::fprintf(stderr, "bench: seeding customers: %s\n", qPrintable(q.lastError().text()));
            return false;
        }
    }
    QSqlQuery ids(c);
    if (!ids.exec(QStringLiteral("SELECT id, phone FROM customers"))) {
        std::fprintf(stderr, "bench: reading customers: %s\n", qPrintable(ids.lastError().text()));
        return false;
    }
    QHash<QString, qint64> byPhone;
    while (ids.next())
        byPhone.insert(ids.value(1).toString(), ids.value(0).toLongLong());
    for (int i = 0; i < total; ++i)
        out[size_t(i)].customerId = byPhone.value(phoneOf(i));
    if (auto committed = tx.commit(); !committed) {
        std::fprintf(stderr, "bench: seeding customers: %s\n", qPrintable(committed.error().message));
        return false;
    }
    return true;
}

qint64 scalar(QSqlDatabase &c, const QString &sql)
{
    QSqlQuery q(c);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

// Deposits go through QrisService::createDeposit, in outer transactions of kSeedChunk (the
// calls become savepoints), so seeding costs a commit per chunk. Nominals 500 apart and unique
// codes below 100 make every payable distinct.
bool seedPendingDeposits(const std::shared_ptr<store::Database> &db, std::vector<Pending> &out, int threads)
{
    constexpr int kSeedChunk = 250;
    QElapsedTimer clock;
    clock.start();
    if (!seedCustomers(*db, out))
        return false;
    store::QrisOptions options;
    options.codeMax = 99;
    options.expiryMinutes = 120;
    QMutex errorLock;
    QString firstError;
    const auto fail = [&](const QString &message) {
        QMutexLocker lock(&errorLock);
        firstError = message;
        return false;
    };
    store::QrisService qris(db, nullptr);
    const int total = int(out.size());
    const int chunks = (total + kSeedChunk - 1) / kSeedChunk;
    const Measured m = runParallel(threads, chunks, 3600, [&](int chunk) {
        store::Transaction tx(*db, db->connection());
        if (!tx.begun())
            return fail(tx.error());
        for (int i = chunk * kSeedChunk; i < std::min(total, (chunk + 1) * kSeedChunk); ++i) {
            Pending &p = out[size_t(i)];
            auto created = qris.createDeposit({p.customerId, QStringLiteral("simulator"), phoneOf(i),
                                               store::QrisService::kMinDeposit + 500LL * i, QStringLiteral("bench")},
                                              options, nullptr);
            if (!created)
                return fail(created.error().message);
            p.ref = created->payment.ref;
            p.payable = created->payment.payable;
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error().message);
        return true;
    });
    if (m.failed > 0) {
        std::fprintf(stderr, "bench: seeding failed: %s\n", qPrintable(firstError));
        return false;
    }
    std::printf("  seeded %d customers with a waiting deposit in %.1f s (not measured)\n", total,
                double(clock.nsecsElapsed()) / 1e9);
    return true;
}

bool verifyPaidOnce(store::Database &db, const std::vector<Pending> &all, int paid, int repeats)
{
    QSqlDatabase c = db.connection();
    const qint64 n = paid;
    Rupiah payableSum = 0;
    for (int i = 0; i < paid; ++i)
        payableSum += all[size_t(i)].payable;
    struct Check
    {
        const char *what;
        QString sql;
        qint64 expected;
    };
    const Check checks[] = {
        {"payments paid", QStringLiteral("SELECT count(*) FROM qris_payments WHERE status = 'paid'"), n},
        {"payments still waiting", QStringLiteral("SELECT count(*) FROM qris_payments WHERE status = 'pending'"),
         qint64(all.size()) - n},
        {"distinct notifications on paid payments",
         QStringLiteral("SELECT count(DISTINCT notification_id) FROM qris_payments WHERE status = 'paid'"), n},
        {"notifications matched", QStringLiteral("SELECT count(*) FROM payment_notifications WHERE status = 'matched'"),
         n},
        {"distinct payments matched",
         QStringLiteral("SELECT count(DISTINCT payment_id) FROM payment_notifications WHERE status = 'matched'"), n},
        {"notifications not matched",
         QStringLiteral("SELECT count(*) FROM payment_notifications WHERE status <> 'matched'"), 0},
        {"repeats counted", QStringLiteral("SELECT COALESCE(SUM(repeats), 0) FROM payment_notifications"), repeats},
        {"deposit ledger rows", QStringLiteral("SELECT count(*) FROM ledger WHERE kind = 'deposit'"), n},
        {"payments credited", QStringLiteral("SELECT count(DISTINCT reference) FROM ledger WHERE kind = 'deposit'"), n},
        {"saldo of all customers", QStringLiteral("SELECT COALESCE(SUM(saldo), 0) FROM customers"), payableSum},
        {"saldo paid", QStringLiteral("SELECT COALESCE(SUM(payable), 0) FROM qris_payments WHERE status = 'paid'"),
         payableSum},
    };
    bool ok = true;
    for (const Check &check : checks) {
        const qint64 got = scalar(c, check.sql);
        if (got != check.expected) {
            std::fprintf(stderr, "bench: check failed: %s = %lld, expected %lld\n", check.what,
                         static_cast<long long>(got), static_cast<long long>(check.expected));
            ok = false;
        }
    }
    if (ok)
        std::printf("  check: %lld deposits paid once, each by its own notification, %lld credits, saldo = payable, "
                    "%lld untouched, %d repeats recognised: OK\n",
                    static_cast<long long>(n), static_cast<long long>(n), static_cast<long long>(all.size()) - n,
                    repeats);
    return ok;
}

} // namespace kedai::bench
