#include "store/database.h"

#include "common/log.h"
#include "store/migrator.h"
#include "store/postgresurl.h"
#include "store/sqlutil.h"
#include "store/threadconnections.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

// Transaction is in transaction.cpp; the per-thread bookkeeping in threadconnections.cpp.

namespace kedai::store {

using common::makeError;

namespace {

std::atomic<quint64> g_nextInstance{1};
std::atomic<quint64> g_nextConnection{1};

/// FNV-1a: a hash that is the same in every process (qHash is seeded per process).
qint64 stableHash(const QString &text)
{
    quint64 h = 14695981039346656037ULL;
    for (const char c : text.toUtf8()) {
        h ^= quint8(c);
        h *= 1099511628211ULL;
    }
    return qint64(h);
}

QString oneLine(const QSqlError &error)
{
    return (error.databaseText().isEmpty() ? error.text() : error.databaseText()).simplified();
}

} // namespace

Database::Database() = default;

common::Result<std::shared_ptr<Database>> Database::open(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith(QLatin1String("postgresql://")) || trimmed.startsWith(QLatin1String("postgres://")))
        return openPostgres(trimmed);
    return openSqlite(trimmed);
}

common::Result<std::shared_ptr<Database>> Database::openSqlite(const QString &url)
{
    if (!url.startsWith(QLatin1String("sqlite://")))
        return makeError(QStringLiteral("store.bad_url"),
                         QStringLiteral("DATABASE_URL must look like sqlite:///absolute/path/kedai.db or "
                                        "postgresql://user:password@host:5432/database"));
    QString path = url.mid(int(sizeof("sqlite://")) - 1);
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
    db->m_writeLock = std::make_shared<QMutex>();
    db->m_displayUrl = QStringLiteral("sqlite://") + path;
    db->m_instance = g_nextInstance.fetch_add(1);
    QSqlDatabase conn = db->connection();
    if (!conn.isOpen())
        return makeError(QStringLiteral("store.open_failed"),
                         QStringLiteral("Cannot open the database file %1: %2").arg(path, conn.lastError().text()));
    auto version = Migrator(*db, conn, QStringLiteral("sqlite")).migrate();
    if (!version)
        return version.error();
    kedai::log::get("store")->info("database {} ready, schema version {}", db->displayUrl(), *version);
    return db;
}

common::Result<std::shared_ptr<Database>> Database::openPostgres(const QString &url)
{
    auto parsed = PostgresUrl::parse(url);
    if (!parsed)
        return parsed.error();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return makeError(QStringLiteral("store.driver_missing"),
                         QStringLiteral("The Qt PostgreSQL driver is missing (install libqt6sql6-psql)"));

    std::shared_ptr<Database> db(new Database);
    db->m_backend = Backend::Postgres;
    db->m_pg = std::make_unique<const PostgresUrl>(*parsed);
    db->m_displayUrl = parsed->display();
    db->m_instance = g_nextInstance.fetch_add(1);
    QSqlDatabase conn = db->connection();
    if (!conn.isOpen())
        return makeError(QStringLiteral("store.open_failed"),
                         QStringLiteral("Cannot connect to PostgreSQL at %1: %2. Check DATABASE_URL (or PG_HOST, "
                                        "PG_PORT, PG_DATABASE, PG_USER, PG_PASSWORD) and that the server is running "
                                        "and accepts this user from this host.")
                             .arg(parsed->address(), oneLine(conn.lastError())),
                         {{QStringLiteral("address"), parsed->address()}});
    if (auto schema = db->prepareSchema(conn); !schema)
        return schema.error();
    auto version = Migrator(*db, conn, QStringLiteral("postgres")).migrate();
    if (!version)
        return version.error();
    kedai::log::get("store")->info("database {} ready, schema version {}", db->displayUrl(), *version);
    return db;
}

common::Result<void> Database::prepareSchema(QSqlDatabase &conn)
{
    if (m_pg->schema.isEmpty())
        return {};
    const QString what = QStringLiteral("preparing the schema");
    // Look first: CREATE SCHEMA IF NOT EXISTS needs the CREATE right even when the schema exists.
    auto exists = [&] {
        return sql::scalar(conn, QStringLiteral("SELECT 1 FROM pg_namespace WHERE nspname = ?"), {m_pg->schema}, what);
    };
    auto found = exists();
    if (found && !found->isNull())
        return {};
    // The name was checked to be a plain identifier, so it can be written into the statement.
    auto created = sql::run(conn, QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + m_pg->schema, {}, what);
    if (created)
        return {};
    found = exists(); // another process may have created it at the same moment
    if (found && !found->isNull())
        return {};
    return makeError(QStringLiteral("store.open_failed"),
                     QStringLiteral("Cannot create the schema %1 in database %2: %3")
                         .arg(m_pg->schema, m_pg->database, created.error().message));
}

Database::~Database()
{
    if (detail::ThreadConnections *tc = detail::localIfAny())
        tc->states.remove(tc->byInstance.take(m_instance));
    const QSet<QString> names = detail::takeNames(m_instance);
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
    detail::releaseLocalLocks(m_instance);
}

QString Database::displayUrl() const
{
    return m_displayUrl;
}

QSqlDatabase Database::connection()
{
    detail::ThreadConnections &tc = detail::local();
    if (auto it = tc.byInstance.find(m_instance); it != tc.byInstance.end()) {
        QSqlDatabase existing = QSqlDatabase::database(it.value(), false);
        if (existing.isValid()) {
            const detail::ConnectionState &st = tc.states[it.value()];
            // Never swap the session under an open transaction: its remaining statements must
            // fail (and roll back), not continue in autocommit on a new session.
            if (st.depth > 0 || (existing.isOpen() && !st.suspect))
                return existing;
            if (existing.isOpen()) {
                tc.states[it.value()].suspect = false;
                QSqlQuery probe(existing);
                if (probe.exec(QStringLiteral("SELECT 1")))
                    return existing;
            }
            reopen(existing);
            return existing;
        }
        // ~Database of this instance ran on another thread: start over.
        tc.states.remove(it.value());
        detail::ThreadConnections::release(m_instance, it.value());
        tc.byInstance.erase(it);
    }
    // Drop entries of Database instances destroyed on other threads.
    for (auto it = tc.byInstance.begin(); it != tc.byInstance.end();) {
        if (QSqlDatabase::contains(it.value())) {
            ++it;
        } else {
            tc.states.remove(it.value());
            it = tc.byInstance.erase(it);
        }
    }

    const QString name = QStringLiteral("kedai-%1-%2").arg(m_instance).arg(g_nextConnection.fetch_add(1));
    detail::registerName(m_instance, name);
    tc.byInstance.insert(m_instance, name);
    tc.states[name].writeLock = m_writeLock;
    return openConnection(name);
}

QSqlDatabase Database::openConnection(const QString &name)
{
    QSqlDatabase db;
    if (m_backend == Backend::Postgres) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_pg->host);
        db.setPort(m_pg->port);
        db.setDatabaseName(m_pg->database);
        db.setUserName(m_pg->user);
        db.setPassword(m_pg->password);
        db.setConnectOptions(m_pg->connectOptions());
        // SUM() and friends are numeric: read them as exact text, never as a double.
        db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!openSession(db)) {
        detail::state(db).down = true;
        kedai::log::get("store")->error("cannot open {}: {}", m_displayUrl, oneLine(db.lastError()));
    }
    return db;
}

void Database::reopen(QSqlDatabase &conn)
{
    auto log = kedai::log::get("store");
    detail::ConnectionState &st = detail::state(conn);
    st.suspect = false;
    st.advisoryLocks.clear(); // they belonged to the old session
    conn.close();
    if (!openSession(conn)) {
        // Once per outage: callers retry on every use until the server is back.
        if (!st.down)
            log->error("lost the connection to {}: {}; reconnecting on next use", m_displayUrl,
                       oneLine(conn.lastError()));
        st.down = true;
        return;
    }
    st.down = false;
    log->info("reconnected to {}", m_displayUrl);
}

bool Database::openSession(QSqlDatabase &conn)
{
    if (!conn.open())
        return false;
    if (m_backend == Backend::Postgres)
        return true; // session settings travel in the connect options
    auto log = kedai::log::get("store");
    // busy_timeout first, so switching to WAL waits for a concurrent opener instead of failing.
    const QLatin1String wal("PRAGMA journal_mode = WAL");
    for (const QLatin1String pragma :
         {QLatin1String("PRAGMA busy_timeout = 10000"), wal, QLatin1String("PRAGMA synchronous = NORMAL"),
          QLatin1String("PRAGMA foreign_keys = ON")}) {
        QSqlQuery q(conn);
        if (!q.exec(pragma))
            log->warn("{} failed on {}: {}", QString(pragma), m_sqlitePath, q.lastError().text());
        else if (pragma == wal && q.next()
                 && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            log->warn("{} is in journal mode {} (WAL unavailable on this file system?)", m_sqlitePath,
                      q.value(0).toString());
    }
    return true;
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
    // The second round only runs when the first failed as if the session were gone.
    for (int round = 0; round < 2; ++round) {
        QSqlDatabase conn = connection();
        if (!conn.isOpen())
            return false;
        QSqlQuery q(conn);
        if (q.exec(QStringLiteral("SELECT 1")) && q.next() && q.value(0).toInt() == 1)
            return true;
        detail::noteQueryError(conn, q.lastError());
        if (!detail::state(conn).suspect)
            return false;
    }
    return false;
}

qint64 Database::scopedLockKey(qint64 key) const
{
    // Shops sharing one database in different schemas must not exclude each other.
    return m_pg && !m_pg->schema.isEmpty() ? key ^ stableHash(m_pg->schema) : key;
}

bool Database::tryAdvisoryLock(qint64 key)
{
    if (m_backend == Backend::Sqlite) {
        detail::local(); // the thread's bookkeeping releases the lock when the thread ends
        return detail::tryLocalLock(m_sqlitePath, key, m_instance);
    }
    const qint64 scoped = scopedLockKey(key);
    // Held already: still ours if the session survived (a lost session loses its locks, and
    // ping() reconnects, which forgets them). Not asked again, so the server's count stays 1.
    if (detail::state(connection()).advisoryLocks.contains(scoped) && ping()
        && detail::state(connection()).advisoryLocks.contains(scoped))
        return true;
    QSqlDatabase conn = connection();
    if (!conn.isOpen())
        return false;
    auto taken = sql::scalar(conn, QStringLiteral("SELECT pg_try_advisory_lock(?)"), {scoped},
                             QStringLiteral("taking an advisory lock"));
    if (!taken || !taken->toBool())
        return false;
    detail::state(conn).advisoryLocks.insert(scoped);
    return true;
}

void Database::advisoryUnlock(qint64 key)
{
    if (m_backend == Backend::Sqlite) {
        detail::localUnlock(m_sqlitePath, key, m_instance);
        return;
    }
    const qint64 scoped = scopedLockKey(key);
    QSqlDatabase conn = connection();
    if (!detail::state(conn).advisoryLocks.remove(scoped) || !conn.isOpen())
        return;
    // A failure is logged by sql::run; the lock then went with the session anyway.
    (void)sql::scalar(conn, QStringLiteral("SELECT pg_advisory_unlock(?)"), {scoped},
                      QStringLiteral("releasing an advisory lock"));
}

} // namespace kedai::store
