#include "store/threadconnections.h"

#include "store/database.h"

#include <QSqlError>
#include <QThread>
#include <QThreadStorage>

namespace kedai::store::detail {

namespace {

struct Registry
{
    QMutex mutex;
    QHash<quint64, QSet<QString>> names;

    struct LocalLock
    {
        quint64 instance = 0;
        Qt::HANDLE thread = nullptr;
    };
    QHash<QString, LocalLock> localLocks; ///< "scope#key" -> holder

    static Registry &instance()
    {
        // Leaked on purpose: threads may finish (and unregister) after static destruction began.
        static auto *registry = new Registry;
        return *registry;
    }
};

QThreadStorage<ThreadConnections *> &threadStorage()
{
    static QThreadStorage<ThreadConnections *> storage;
    return storage;
}

QString localLockName(const QString &scope, qint64 key)
{
    return scope + QLatin1Char('#') + QString::number(key);
}

} // namespace

ThreadConnections::~ThreadConnections()
{
    for (auto it = byInstance.cbegin(); it != byInstance.cend(); ++it)
        release(it.key(), it.value());
    // PostgreSQL frees a session's advisory locks when the connection closes; do the same here.
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    const Qt::HANDLE self = QThread::currentThreadId();
    for (auto it = r.localLocks.begin(); it != r.localLocks.end();)
        it = it->thread == self ? r.localLocks.erase(it) : std::next(it);
}

void ThreadConnections::release(quint64 instance, const QString &name)
{
    QSqlDatabase::removeDatabase(name);
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    auto it = r.names.find(instance);
    if (it != r.names.end())
        it->remove(name);
}

ThreadConnections &local()
{
    auto &storage = threadStorage();
    if (!storage.hasLocalData())
        storage.setLocalData(new ThreadConnections);
    return *storage.localData();
}

ThreadConnections *localIfAny()
{
    auto &storage = threadStorage();
    return storage.hasLocalData() ? storage.localData() : nullptr;
}

ConnectionState &state(const QSqlDatabase &conn)
{
    return local().states[conn.connectionName()];
}

void registerName(quint64 instance, const QString &name)
{
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    r.names[instance].insert(name);
}

QSet<QString> takeNames(quint64 instance)
{
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    return r.names.take(instance);
}

bool tryLocalLock(const QString &scope, qint64 key, quint64 instance)
{
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    const Qt::HANDLE self = QThread::currentThreadId();
    const QString name = localLockName(scope, key);
    auto it = r.localLocks.constFind(name);
    if (it != r.localLocks.cend())
        return it->instance == instance && it->thread == self;
    r.localLocks.insert(name, {instance, self});
    return true;
}

void localUnlock(const QString &scope, qint64 key, quint64 instance)
{
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    const QString name = localLockName(scope, key);
    auto it = r.localLocks.find(name);
    if (it != r.localLocks.end() && it->instance == instance && it->thread == QThread::currentThreadId())
        r.localLocks.erase(it);
}

void releaseLocalLocks(quint64 instance)
{
    Registry &r = Registry::instance();
    QMutexLocker lock(&r.mutex);
    for (auto it = r.localLocks.begin(); it != r.localLocks.end();)
        it = it->instance == instance ? r.localLocks.erase(it) : std::next(it);
}

std::shared_ptr<QMutex> sqliteWriteLock(const QSqlDatabase &conn)
{
    const ThreadConnections *tc = localIfAny();
    return tc ? tc->states.value(conn.connectionName()).writeLock : nullptr;
}

bool inTransaction(const QSqlDatabase &conn)
{
    const ThreadConnections *tc = localIfAny();
    return tc && tc->states.value(conn.connectionName()).depth > 0;
}

void noteQueryError(const QSqlDatabase &conn, const QSqlError &error)
{
    if (conn.driverName() != QLatin1String("QPSQL"))
        return;
    // A server-side error carries a SQLSTATE; a lost connection has none (libpq reports it
    // itself) or is class 08 / 57P0x (admin shutdown, crash, server starting up).
    const QString code = error.nativeErrorCode();
    if (code.isEmpty() || code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P")))
        state(conn).suspect = true;
}

} // namespace kedai::store::detail
