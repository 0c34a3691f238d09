#pragma once

// Private to kedai_store.

#include "common/result.h"

#include <QString>

namespace kedai::store {

/// The parts of postgresql://user:pass@host:port/db[?schema=s&sslmode=m&connect_timeout=n].
/// `postgres://` is accepted too. The password is kept for connecting and never shown.
struct PostgresUrl
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString schema;  ///< empty: the server's default search_path
    QString sslmode; ///< empty: libpq's default (prefer)
    int connectTimeoutSeconds = 5;

    /// Errors: store.bad_url, with a message that never repeats the password.
    static common::Result<PostgresUrl> parse(const QString &url);

    /// The URL without the password, for logs and the status bar.
    QString display() const;
    /// "host:port", for error messages.
    QString address() const;
    /// QPSQL connect options: libpq keywords separated by ';' (search_path and lock_timeout are
    /// passed in `options`, so a reconnected session gets them without extra round trips).
    QString connectOptions() const;
};

} // namespace kedai::store
