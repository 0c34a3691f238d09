#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace kedai::cache {

/// Where and how to reach Redis; parsed from `redis://[[user]:password@]host[:port][/db]`.
struct RedisConfig
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    QString username; ///< empty: AUTH with the password only (the `default` user)
    QString password; ///< never logged: use displayUrl()
    int db = 0;
    /// Short on purpose: a request must not hang on a dead Redis; failing open is cheap.
    int connectTimeoutMs = 200;
    int commandTimeoutMs = 500;
    /// Prepended to every key and channel. Empty in production (keys start with `kedai:`); tests
    /// use a random one so that parallel runs on one server do not see each other.
    QByteArray keyPrefix;

    /// Parses a REDIS_URL. The error message never contains the password.
    static common::Result<RedisConfig> fromUrl(const QString &url);
    /// The URL with the password masked ("redis://:***@host:6379/0"), for logs and /healthz.
    QString displayUrl() const;
};

} // namespace kedai::cache
