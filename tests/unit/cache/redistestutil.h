#pragma once

// Helpers for the tests that need Redis: the shared test server (TEST_REDIS_URL, started by
// scripts/test-services.sh) and throwaway servers that a test may kill and restart.

#include "cache/redisconfig.h"
#include "cache/redisconnection.h"
#include "common/ids.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <optional>

namespace kedai::testutil {

inline constexpr char kNoRedis[] = "TEST_REDIS_URL is not set: start Redis with scripts/test-services.sh start and "
                                   "source its test-services.env (make test does both)";

/// TEST_REDIS_URL with a random key prefix, so that parallel runs on one server never see each
/// other's keys or invalidation messages. nullopt when unset or invalid.
inline std::optional<cache::RedisConfig> sharedRedis()
{
    const QString url = qEnvironmentVariable("TEST_REDIS_URL");
    if (url.isEmpty())
        return std::nullopt;
    auto config = cache::RedisConfig::fromUrl(url);
    if (!config)
        return std::nullopt;
    config.value().keyPrefix = "test:" + common::randomToken(6).toLatin1() + ":";
    return config.value();
}

/// A port nobody listens on right now.
inline int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

/// Deletes every key of a test's prefix (SCAN is fine here: tests are not the hot path).
inline void deletePrefix(cache::RedisConnection &redis)
{
    QByteArray cursor = "0";
    do {
        auto page = redis.command({"SCAN", cursor, "MATCH", redis.config().keyPrefix + "*", "COUNT", "1000"});
        if (!page || page->elements().size() != 2)
            return;
        cursor = page->elements()[0].bytes();
        QList<QByteArray> del{"DEL"};
        for (const auto &key : page->elements()[1].elements())
            del << key.bytes();
        if (del.size() > 1)
            (void)redis.command(del);
    } while (cursor != "0");
}

/// A redis-server of the test's own (loopback, no persistence) that it may kill and restart
/// on the same port.
class ThrowawayRedis
{
public:
    ~ThrowawayRedis() { kill(); }

    static bool available() { return !QStandardPaths::findExecutable(QStringLiteral("redis-server")).isEmpty(); }

    /// Starts on `port` (a free one when 0) and waits until it answers. Extra args go to redis-server.
    bool start(int port = 0, const QStringList &extra = {})
    {
        m_port = port ? port : freePort();
        m_process.setProgram(QStringLiteral("redis-server"));
        m_process.setArguments(QStringList{QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                                           QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                                           QStringLiteral("--appendonly"), QStringLiteral("no"),
                                           QStringLiteral("--dir"), m_dir.path()}
                               + extra);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return false;
        m_extra = extra;
        cache::RedisConfig probe;
        probe.port = m_port;
        probe.password = m_password;
        const QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired()) {
            if (cache::RedisConnection::open(probe))
                return true;
            if (m_process.state() != QProcess::Running)
                return false;
            QThread::msleep(20);
        }
        return false;
    }
    bool restart() { return start(m_port, m_extra); }
    void setPassword(const QString &password) { m_password = password; }

    /// SIGKILL: like a crash, the kernel closes every connection.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        resume();
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    /// SIGSTOP: the server hangs with its connections open (commands time out).
    void pause() { ::kill(pid_t(m_process.processId()), SIGSTOP); }
    void resume() { ::kill(pid_t(m_process.processId()), SIGCONT); }

    int port() const { return m_port; }
    cache::RedisConfig config() const
    {
        cache::RedisConfig config;
        config.port = m_port;
        return config;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
    QString m_password;
    QStringList m_extra;
};

} // namespace kedai::testutil
