#include "store/migrator.h"

#include "common/log.h"
#include "store/database.h"
#include "store/sqlutil.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace kedai::store {

using common::makeError;

Migrator::Migrator(Database &db, QSqlDatabase conn, QString backendDir)
    : m_db(db), m_conn(std::move(conn)), m_dir(std::move(backendDir))
{
}

common::Result<QList<MigrationFile>> Migrator::available() const
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_[A-Za-z0-9_]+\\.sql$"));
    const QString base = QStringLiteral(":/sql/") + m_dir;
    const QStringList names = QDir(base).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    QList<MigrationFile> files;
    for (const QString &name : names) {
        const auto m = re.match(name);
        if (!m.hasMatch())
            return makeError(QStringLiteral("store.migration_name"),
                             QStringLiteral("Migration file %1 is not named NNNN_name.sql").arg(name));
        MigrationFile f{m.captured(1).toInt(), name, base + QLatin1Char('/') + name};
        if (f.version == 0 || (!files.isEmpty() && files.last().version == f.version))
            return makeError(QStringLiteral("store.migration_name"),
                             QStringLiteral("Migration number of %1 is zero or used twice").arg(name));
        files << f;
    }
    if (files.isEmpty())
        return makeError(QStringLiteral("store.migration_missing"),
                         QStringLiteral("No migrations found under %1 (resources not linked?)").arg(base));
    return files;
}

common::Result<int> Migrator::currentVersion() const
{
    // On PostgreSQL, resolved through the search_path: another schema's table does not count.
    const QString existsSql =
        m_db.backend() == Database::Backend::Sqlite
            ? QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
            : QStringLiteral("SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 END");
    auto exists = sql::scalar(m_conn, existsSql, {}, QStringLiteral("reading the schema version"), 0);
    if (!exists)
        return exists.error();
    if (exists->toInt() == 0)
        return 0;
    auto version = sql::scalar(m_conn, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"), {},
                               QStringLiteral("reading the schema version"), 0);
    if (!version)
        return version.error();
    return version->toInt();
}

namespace {

/// PostgreSQL: one migrator at a time per schema, across processes (SQLite's BEGIN IMMEDIATE
/// does this there). A session lock taken before this session reads the version: a lock taken
/// inside the migration's transaction would come after BEGIN, and the session's catalog cache
/// would still miss the tables another migrator committed meanwhile.
class MigrationLock
{
public:
    explicit MigrationLock(const QSqlDatabase &conn) : m_conn(conn)
    {
        if (!sql::dialect::isPostgres(m_conn))
            return;
        auto locked = sql::run(m_conn, QStringLiteral("SELECT pg_advisory_lock(") + key() + QLatin1Char(')'), {},
                               QStringLiteral("waiting for another migrator"));
        if (!locked)
            m_error = locked.error();
        m_held = locked.ok();
    }
    ~MigrationLock()
    {
        if (m_held)
            (void)sql::run(m_conn, QStringLiteral("SELECT pg_advisory_unlock(") + key() + QLatin1Char(')'), {},
                           QStringLiteral("releasing the migration lock"));
    }
    MigrationLock(const MigrationLock &) = delete;
    MigrationLock &operator=(const MigrationLock &) = delete;

    const std::optional<common::Error> &error() const { return m_error; }

private:
    static QString key()
    {
        return QStringLiteral("hashtextextended('kedai.migrate:' || current_setting('search_path'), 0)");
    }

    QSqlDatabase m_conn;
    bool m_held = false;
    std::optional<common::Error> m_error;
};

} // namespace

common::Result<int> Migrator::migrate()
{
    MigrationLock lock(m_conn);
    if (lock.error())
        return *lock.error();
    auto files = available();
    if (!files)
        return files.error();
    auto current = currentVersion();
    if (!current)
        return current.error();
    const int newest = files->last().version;
    if (*current > newest)
        return makeError(QStringLiteral("store.schema_too_new"),
                         QStringLiteral("The database has schema version %1 but this Kedai knows only up to %2: "
                                        "use a newer Kedai or restore a backup")
                             .arg(*current)
                             .arg(newest));
    for (const MigrationFile &f : *files) {
        if (f.version <= *current)
            continue;
        if (auto r = apply(f); !r)
            return r.error();
    }
    return currentVersion();
}

common::Result<void> Migrator::apply(const MigrationFile &file)
{
    QFile in(file.resource);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("store.migration_missing"),
                         QStringLiteral("Cannot read migration %1").arg(file.resource));
    const QStringList statements = splitStatements(QString::fromUtf8(in.readAll()));

    Transaction tx(m_db, m_conn);
    if (!tx.begun())
        return makeError(QStringLiteral("store.busy"),
                         QStringLiteral("Cannot start the migration %1: %2").arg(file.name, tx.error()));
    // Another process may have applied it while we waited for the write lock.
    auto current = currentVersion();
    if (!current)
        return current.error();
    if (*current >= file.version)
        return {};

    for (qsizetype i = 0; i < statements.size(); ++i) {
        QSqlQuery q(m_conn);
        if (!q.exec(statements.at(i))) {
            kedai::log::get("store")->error("migration {} failed at statement {}: {}", file.name, i + 1,
                                            q.lastError().text());
            return makeError(QStringLiteral("store.migration_failed"),
                             QStringLiteral("Migration %1 failed at statement %2: %3")
                                 .arg(file.name)
                                 .arg(i + 1)
                                 .arg(q.lastError().text()));
        }
    }
    auto rec = sql::run(m_conn,
                        QStringLiteral("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"),
                        {file.version, file.name, sql::nowDb()}, QStringLiteral("recording the migration"));
    if (!rec)
        return rec.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    kedai::log::get("store")->info("applied migration {}", file.name);
    return {};
}

QStringList Migrator::splitStatements(const QString &script)
{
    enum class State { Code, Single, Double, LineComment, BlockComment };
    State state = State::Code;
    QStringList out;
    QString current;
    bool hasCode = false; // ignore chunks holding only whitespace and comments

    auto flush = [&] {
        if (hasCode)
            out << current.trimmed();
        current.clear();
        hasCode = false;
    };

    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < script.size() ? script.at(i + 1) : QChar();
        switch (state) {
        case State::Code:
            if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
                state = State::LineComment;
                ++i;
                continue;
            }
            if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                state = State::BlockComment;
                ++i;
                continue;
            }
            if (c == QLatin1Char(';')) {
                flush();
                continue;
            }
            if (c == QLatin1Char('\''))
                state = State::Single;
            else if (c == QLatin1Char('"'))
                state = State::Double;
            if (!c.isSpace())
                hasCode = true;
            current += c;
            break;
        case State::Single:
        case State::Double:
            // A doubled quote is an escaped quote: leaving and re-entering the state handles it.
            if ((state == State::Single && c == QLatin1Char('\'')) || (state == State::Double && c == QLatin1Char('"')))
                state = State::Code;
            current += c;
            break;
        case State::LineComment:
            if (c == QLatin1Char('\n')) {
                state = State::Code;
                current += c;
            }
            break;
        case State::BlockComment:
            if (c == QLatin1Char('*') && next == QLatin1Char('/')) {
                state = State::Code;
                ++i;
                current += QLatin1Char(' ');
            }
            break;
        }
    }
    flush();
    return out;
}

} // namespace kedai::store
