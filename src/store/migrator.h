#pragma once

// Private to kedai_store.

#include "common/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace kedai::store {

class Database;

struct MigrationFile
{
    int version = 0;
    QString name;     ///< file name, e.g. "0001_init.sql"
    QString resource; ///< ":/sql/sqlite/0001_init.sql"
};

/// Applies the numbered migrations of resources/sql/<backend>/ (see resources/sql/README.md).
class Migrator
{
public:
    /// `backendDir` is "sqlite" or "postgres".
    Migrator(Database &db, QSqlDatabase conn, QString backendDir);

    /// The migration files shipped in the resources, ordered by number. Errors on a badly named
    /// file or a number used twice.
    common::Result<QList<MigrationFile>> available() const;

    /// 0 on a fresh database.
    common::Result<int> currentVersion() const;

    /// Applies every migration newer than the current version, each in its own transaction.
    /// Returns the version afterwards.
    common::Result<int> migrate();

    /// Splits a script into statements on ';' outside quotes and comments (QSqlQuery runs only
    /// one statement per exec). Triggers with BEGIN...END bodies are not supported.
    static QStringList splitStatements(const QString &script);

private:
    common::Result<void> apply(const MigrationFile &file);

    Database &m_db;
    QSqlDatabase m_conn;
    QString m_dir;
};

} // namespace kedai::store
