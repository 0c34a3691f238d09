#pragma once

#include "common/result.h"

#include <QString>

namespace kedai::store {

/// Tries a DATABASE_URL without touching the running shop: a connection of its own, one query,
/// closed again. Returns the server ("PostgreSQL 15.4", "SQLite 3.40.1"). Errors say what went
/// wrong in a way the owner can act on, by code: probe.bad_url, probe.auth (wrong user name or
/// password), probe.refused (nothing listens there), probe.unknown_host, probe.timeout (no answer
/// within `timeoutSeconds`, at least 2), probe.no_database, probe.driver_missing, probe.failed.
/// The message carries the server's own words (never the password).
common::Result<QString> probeDatabase(const QString &url, int timeoutSeconds = 5);

/// A consistent copy of the database into `folder` as kedai-<yyyyMMdd-HHmmss>.db (SQLite,
/// `VACUUM INTO`, safe while the shop runs) or .sql (PostgreSQL, `pg_dump`, which must be on
/// PATH). Returns the file written. Errors: backup.folder, backup.failed, backup.pg_dump_missing.
common::Result<QString> backupDatabase(const QString &url, const QString &folder);

} // namespace kedai::store
