#include "store/database.h"

#include "common/log.h"
#include "store/migrator.h"
#include "store/sqlutil.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadStorage>
#include <QUrl>

namespace kedai::store {

using common::makeError;

namespace {

std::atomic<quint64> g_nextInstance{1};
std::atomic<quint64> g_nextConnection{1};

/// Connection names per Database instance, across threads, so ~Database can remove the
/// connections of threads that are still running.
struct Registry
{
    QMutex mutex;
    QHash<quint64, QSet<QString>> names;

    static Registry &instance()
    {
        // Leaked on purpose: threads may finish (and unregister) after static destruction began.
        static auto *registry = new Registry;
        return *registry;
    }
};

/// The calling thread's connections. Deleted by QThreadStorage when the thread finishes (for
/// the main thread: when QCoreApplication is destroyed), which removes the connections, as
/// QSqlDatabase requires a connection to be closed by the thread that used it.
struct ThreadConnections
{
    QHash<quint64, QString> byInstance;                 // Database instance -> connection name
    QHash<QString, int> transactionDepth;               // connection name -> open (nested) transactions
    QHash<QString, std::shared_ptr<QMutex>> writeLocks; // connection name -> its Database's write lock

    ~ThreadConnections()
    {
        for (auto it = byInstance.cbegin(); it != byInstance.cend(); ++it)
            release(it.key(), it.value());
    }

    static void release(quint64 instance, const QString &name)
    {
        QSqlDatabase::removeDatabase(name);
        Registry &r = Registry::instance();
        QMutexLocker lock(&r.mutex);
        auto it = r.names.find(instance);
        if (it != r.names.end())
            it->remove(name);
    }
};

QThreadStorage<ThreadConnections *> &threadStorage()
{
    static QThreadStorage<ThreadConnections *> storage;
    return storage;
}

ThreadConnections &local()
{
    auto &storage = threadStorage();
    if (!storage.hasLocalData())
        storage.setLocalData(new ThreadConnections);
    return *storage.localData();
}

int &transactionDepth(const QSqlDatabase &conn)
{
    return local().transactionDepth[conn.connectionName()];
}

} // namespace

std::shared_ptr<QMutex> detail::sqliteWriteLock(const QSqlDatabase &conn)
{
    return local().writeLocks.value(conn.connectionName());
}

bool detail::inTransaction(const QSqlDatabase &conn)
{
    return local().transactionDepth.value(conn.connectionName()) > 0;
}

common::Result<std::shared_ptr<Database>> Database::open(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith(QLatin1String("postgresql://")) || trimmed.startsWith(QLatin1String("postgres://")))
        return makeError(QStringLiteral("store.backend_unsupported"),
                         QStringLiteral("PostgreSQL is not supported yet: it lands with issue 3. "
                                        "Use DATABASE_URL=sqlite:///path/to/kedai.db for now."));
    if (!trimmed.startsWith(QLatin1String("sqlite://")))
        return makeError(QStringLiteral("store.bad_url"),
                         QStringLiteral("DATABASE_URL must look like sqlite:///absolute/path/kedai.db"));
    QString path = trimmed.mid(int(sizeof("sqlite://")) - 1);
    if (path.isEmpty() || path.startsWith(QLatin1Char(':')))
        return makeError(QStringLiteral("store.bad_url"),
                         QStringLiteral("DATABASE_URL must name a database file, e.g. sqlite:///var/lib/kedai/kedai.db "
                                        "(in-memory databases are not supported: every thread has its own "
                                        "connection)"));
    path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return makeError(QStringLiteral("store.open_failed"),
                         QStringLiteral("Cannot create the folder %1 for the database").arg(folder));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return makeError(QStringLiteral("store.driver_missing"),
                         QStringLiteral("The Qt SQLite driver is missing (install libqt6sql6-sqlite)"));

    std::shared_ptr<Database> db(new Database);
    db->m_backend = Backend::Sqlite;
    db->m_sqlitePath = path;
    db->m_url = QStringLiteral("sqlite://") + path;
    db->m_instance = g_nextInstance.fetch_add(1);
    {
        QSqlDatabase conn = db->connection();
        if (!conn.isOpen())
            return makeError(QStringLiteral("store.open_failed"),
                             QStringLiteral("Cannot open the database file %1: %2").arg(path, conn.lastError().text()));
        auto version = Migrator(*db, conn, QStringLiteral("sqlite")).migrate();
        if (!version)
            return version.error();
        kedai::log::get("store")->info("database {} ready, schema version {}", db->displayUrl(), *version);
    }
    return db;
}

Database::~Database()
{
    if (threadStorage().hasLocalData())
        threadStorage().localData()->byInstance.remove(m_instance);
    QSet<QString> names;
    {
        Registry &r = Registry::instance();
        QMutexLocker lock(&r.mutex);
        names = r.names.take(m_instance);
    }
    for (const QString &name : std::as_const(names))
        QSqlDatabase::removeDatabase(name);
}

QString Database::displayUrl() const
{
    if (m_backend == Backend::Sqlite)
        return m_url;
    QUrl url(m_url);
    url.setPassword({});
    return url.toString();
}

QSqlDatabase Database::connection()
{
    ThreadConnections &tc = local();
    if (auto it = tc.byInstance.find(m_instance); it != tc.byInstance.end()) {
        {
            QSqlDatabase existing = QSqlDatabase::database(it.value(), false);
            if (existing.isOpen())
                return existing;
        }
        // The last open failed (or ~Database of another thread removed it): start over.
        ThreadConnections::release(m_instance, it.value());
        tc.byInstance.erase(it);
    }
    // Drop entries of Database instances destroyed on other threads.
    for (auto it = tc.byInstance.begin(); it != tc.byInstance.end();) {
        if (QSqlDatabase::contains(it.value()))
            ++it;
        else
            it = tc.byInstance.erase(it);
    }

    const QString name = QStringLiteral("kedai-%1-%2").arg(m_instance).arg(g_nextConnection.fetch_add(1));
    {
        Registry &r = Registry::instance();
        QMutexLocker lock(&r.mutex);
        r.names[m_instance].insert(name);
    }
    tc.byInstance.insert(m_instance, name);
    if (m_backend == Backend::Sqlite)
        tc.writeLocks.insert(name, m_writeLock);
    return openConnection(name);
}

QSqlDatabase Database::openConnection(const QString &name)
{
    auto log = kedai::log::get("store");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_sqlitePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        log->error("cannot open {}: {}", m_sqlitePath, db.lastError().text());
        return db;
    }
    // busy_timeout first, so switching to WAL waits for a concurrent opener instead of failing.
    const QLatin1String wal("PRAGMA journal_mode = WAL");
    for (const QLatin1String pragma :
         {QLatin1String("PRAGMA busy_timeout = 10000"), wal, QLatin1String("PRAGMA synchronous = NORMAL"),
          QLatin1String("PRAGMA foreign_keys = ON")}) {
        QSqlQuery q(db);
        if (!q.exec(pragma))
            log->warn("{} failed on {}: {}", QString(pragma), m_sqlitePath, q.lastError().text());
        else if (pragma == wal && q.next()
                 && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            log->warn("{} is in journal mode {} (WAL unavailable on this file system?)", m_sqlitePath,
                      q.value(0).toString());
    }
    return db;
}

common::Result<int> Database::schemaVersion()
{
    auto conn = sql::connection(*this);
    if (!conn)
        return conn.error();
    return Migrator(*this, *conn, m_backend == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres"))
        .currentVersion();
}

bool Database::ping()
{
    QSqlDatabase conn = connection();
    if (!conn.isOpen())
        return false;
    QSqlQuery q(conn);
    return q.exec(QStringLiteral("SELECT 1")) && q.next() && q.value(0).toInt() == 1;
}

// ---- Transaction
// Nested Transactions on one connection become savepoints, so an operation that opens its own
// transaction also works inside a caller's transaction (RAII keeps them strictly nested).

Transaction::Transaction(Database &db, QSqlDatabase conn)
    : m_conn(std::move(conn)), m_sqlite(db.backend() == Database::Backend::Sqlite)
{
    if (!m_conn.isOpen()) {
        m_error = QStringLiteral("the database connection is not open");
        return;
    }
    int &depth = transactionDepth(m_conn);
    if (depth == 0 && m_sqlite) {
        m_writeLock = detail::sqliteWriteLock(m_conn);
        if (m_writeLock)
            m_writeLock->lock();
    }
    const QString sql = depth > 0  ? QStringLiteral("SAVEPOINT kedai_sp_%1").arg(depth)
                        : m_sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                   : QStringLiteral("BEGIN");
    QSqlQuery q(m_conn);
    if (!q.exec(sql)) {
        m_error = q.lastError().text();
        kedai::log::get("store")->warn("{} failed: {}", sql, m_error);
        releaseWriteLock();
        return;
    }
    ++depth;
    m_begun = true;
}

Transaction::~Transaction()
{
    rollback();
}

common::Result<void> Transaction::commit()
{
    if (!m_begun || m_done)
        return makeError(QStringLiteral("store.error"), QStringLiteral("No open transaction to commit"));
    m_done = true;
    int &depth = transactionDepth(m_conn);
    const int level = --depth;
    QSqlQuery q(m_conn);
    if (q.exec(level > 0 ? QStringLiteral("RELEASE SAVEPOINT kedai_sp_%1").arg(level) : QStringLiteral("COMMIT"))) {
        releaseWriteLock();
        return {};
    }
    const QSqlError error = q.lastError();
    m_error = error.text();
    // Never leave the connection inside a half-finished transaction.
    QSqlQuery undo(m_conn);
    if (level > 0) {
        undo.exec(QStringLiteral("ROLLBACK TO SAVEPOINT kedai_sp_%1").arg(level));
        undo.exec(QStringLiteral("RELEASE SAVEPOINT kedai_sp_%1").arg(level));
    } else {
        undo.exec(QStringLiteral("ROLLBACK"));
    }
    releaseWriteLock();
    return sql::dbError(error, QStringLiteral("committing a transaction"));
}

void Transaction::rollback()
{
    if (!m_begun || m_done)
        return;
    m_done = true;
    int &depth = transactionDepth(m_conn);
    const int level = --depth;
    QSqlQuery q(m_conn);
    bool ok = true;
    if (level > 0) {
        ok = q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT kedai_sp_%1").arg(level))
             && q.exec(QStringLiteral("RELEASE SAVEPOINT kedai_sp_%1").arg(level));
    } else {
        ok = q.exec(QStringLiteral("ROLLBACK"));
    }
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL): not an error.
    if (!ok)
        kedai::log::get("store")->debug("rollback: {}", q.lastError().text());
    releaseWriteLock();
}

void Transaction::releaseWriteLock()
{
    if (m_writeLock) {
        m_writeLock->unlock();
        m_writeLock.reset();
    }
}

} // namespace kedai::store
