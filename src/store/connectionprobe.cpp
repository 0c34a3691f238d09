#include "store/connectionprobe.h"

#include "store/postgresurl.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace kedai::store {

namespace {

using common::makeError;

/// A connection of its own, removed when the probe ends (QSqlDatabase needs a unique name).
class ScopedConnection
{
public:
    explicit ScopedConnection(const QString &driver)
        : m_name(QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        m_db = QSqlDatabase::addDatabase(driver, m_name);
    }
    ~ScopedConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

common::Error classify(const QString &text, const QString &address, int timeoutSeconds)
{
    const QString t = text.toLower();
    QString code = QStringLiteral("probe.failed");
    if (t.contains(QLatin1String("password authentication failed")) || t.contains(QLatin1String("no password supplied"))
        || t.contains(QLatin1String("authentication failed")))
        code = QStringLiteral("probe.auth");
    else if (t.contains(QLatin1String("connection refused")))
        code = QStringLiteral("probe.refused");
    else if (t.contains(QLatin1String("could not translate host name")) || t.contains(QLatin1String("name or service")))
        code = QStringLiteral("probe.unknown_host");
    else if (t.contains(QLatin1String("timeout expired")) || t.contains(QLatin1String("timed out")))
        code = QStringLiteral("probe.timeout");
    else if (t.contains(QLatin1String("does not exist")))
        code = QStringLiteral("probe.no_database");
    return common::Error{code, text.simplified(),
                         QVariantMap{{QStringLiteral("address"), address},
                                     {QStringLiteral("seconds"), timeoutSeconds}}};
}

common::Result<QString> probeSqlite(const QString &url)
{
    const QString path = QFileInfo(url.mid(int(sizeof("sqlite://")) - 1)).absoluteFilePath();
    if (url.size() <= int(sizeof("sqlite://")) - 1)
        return makeError(QStringLiteral("probe.bad_url"), QStringLiteral("sqlite:// needs a file path"));
    ScopedConnection conn(QStringLiteral("QSQLITE"));
    const bool exists = QFileInfo::exists(path);
    if (exists) {
        conn.db().setDatabaseName(path);
        conn.db().setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    } else {
        const QFileInfo folder(QFileInfo(path).absolutePath());
        if (folder.exists() && !folder.isWritable())
            return makeError(QStringLiteral("probe.failed"),
                             QStringLiteral("The folder %1 is not writable").arg(folder.absoluteFilePath()));
        conn.db().setDatabaseName(QStringLiteral(":memory:"));
    }
    if (!conn.db().open())
        return classify(conn.db().lastError().text(), path, 0);
    QSqlQuery q(conn.db());
    if (!q.exec(QStringLiteral("SELECT sqlite_version()")) || !q.next())
        return classify(q.lastError().text(), path, 0);
    return QString(QStringLiteral("SQLite ") + q.value(0).toString()
                   + (exists ? QString() : QStringLiteral(" (new file)")));
}

} // namespace

common::Result<QString> probeDatabase(const QString &url, int timeoutSeconds)
{
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith(QLatin1String("sqlite://")))
        return probeSqlite(trimmed);
    auto parsed = PostgresUrl::parse(trimmed);
    if (!parsed)
        return common::makeError(QStringLiteral("probe.bad_url"), parsed.error().message);
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return makeError(QStringLiteral("probe.driver_missing"),
                         QStringLiteral("The Qt PostgreSQL driver is missing (install libqt6sql6-psql)"));
    PostgresUrl pg = *parsed;
    pg.connectTimeoutSeconds = qMax(2, timeoutSeconds); // libpq's minimum
    ScopedConnection conn(QStringLiteral("QPSQL"));
    conn.db().setHostName(pg.host);
    conn.db().setPort(pg.port);
    conn.db().setUserName(pg.user);
    conn.db().setPassword(pg.password);
    conn.db().setDatabaseName(pg.database);
    conn.db().setConnectOptions(pg.connectOptions());
    if (!conn.db().open())
        return classify(conn.db().lastError().text(), pg.address(), pg.connectTimeoutSeconds);
    QSqlQuery q(conn.db());
    if (!q.exec(QStringLiteral("SHOW server_version")) || !q.next())
        return classify(q.lastError().text(), pg.address(), pg.connectTimeoutSeconds);
    return QString(QStringLiteral("PostgreSQL ") + q.value(0).toString().section(QLatin1Char(' '), 0, 0));
}

common::Result<QString> backupDatabase(const QString &url, const QString &folder)
{
    if (folder.trimmed().isEmpty() || !QDir().mkpath(folder))
        return makeError(QStringLiteral("backup.folder"),
                         QStringLiteral("Cannot create the backup folder \"%1\"").arg(folder));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith(QLatin1String("sqlite://"))) {
        const QString target = QDir(folder).absoluteFilePath(QStringLiteral("kedai-%1.db").arg(stamp));
        if (QFileInfo::exists(target))
            return makeError(QStringLiteral("backup.failed"), QStringLiteral("%1 exists already").arg(target));
        ScopedConnection conn(QStringLiteral("QSQLITE"));
        conn.db().setDatabaseName(QFileInfo(trimmed.mid(int(sizeof("sqlite://")) - 1)).absoluteFilePath());
        if (!conn.db().open())
            return makeError(QStringLiteral("backup.failed"), conn.db().lastError().text());
        QSqlQuery q(conn.db());
        q.exec(QStringLiteral("PRAGMA busy_timeout = 10000"));
        // VACUUM INTO reads one snapshot: a consistent copy while the shop keeps selling.
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(target);
        if (!q.exec())
            return makeError(QStringLiteral("backup.failed"), q.lastError().text());
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        return target;
    }
    auto parsed = PostgresUrl::parse(trimmed);
    if (!parsed)
        return common::makeError(QStringLiteral("backup.failed"), parsed.error().message);
    const QString pgDump = QStandardPaths::findExecutable(QStringLiteral("pg_dump"));
    if (pgDump.isEmpty())
        return makeError(QStringLiteral("backup.pg_dump_missing"),
                         QStringLiteral("pg_dump was not found on PATH (install postgresql-client)"));
    const QString target = QDir(folder).absoluteFilePath(QStringLiteral("kedai-%1.sql").arg(stamp));
    QProcess dump;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), parsed->password); // not on the command line: ps shows that
    if (!parsed->sslmode.isEmpty())
        env.insert(QStringLiteral("PGSSLMODE"), parsed->sslmode);
    dump.setProcessEnvironment(env);
    QStringList args{QStringLiteral("--host=") + parsed->host,
                     QStringLiteral("--port=") + QString::number(parsed->port),
                     QStringLiteral("--username=") + parsed->user,
                     QStringLiteral("--no-password"),
                     QStringLiteral("--file=") + target,
                     QStringLiteral("--no-owner")};
    if (!parsed->schema.isEmpty())
        args << QStringLiteral("--schema=") + parsed->schema;
    args << parsed->database;
    dump.start(pgDump, args);
    if (!dump.waitForStarted(10'000) || !dump.waitForFinished(30 * 60'000) || dump.exitStatus() != QProcess::NormalExit
        || dump.exitCode() != 0) {
        const QString why = QString::fromLocal8Bit(dump.readAllStandardError()).simplified();
        QFile::remove(target);
        return makeError(QStringLiteral("backup.failed"),
                         QStringLiteral("pg_dump failed: %1").arg(why.isEmpty() ? dump.errorString() : why));
    }
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

} // namespace kedai::store
