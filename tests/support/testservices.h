#pragma once

#include <QHash>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace kedai::test {

/// A private PostgreSQL + Redis pair for one test (scripts/test-services.sh with its own state
/// folder), so a test can stop and restart them without disturbing other tests.
class TestServices
{
public:
    ~TestServices();
    bool start();
    void stop();
    /// pg-stop | pg-start | redis-stop | redis-start
    bool run(const QString &command);
    QString databaseUrl() const { return m_env.value(QStringLiteral("TEST_DATABASE_URL")); }
    QString redisUrl() const { return m_env.value(QStringLiteral("TEST_REDIS_URL")); }
    QString error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QHash<QString, QString> m_env;
    QString m_error;
    bool m_started = false;
};

/// A `kedaid` process on a free port.
class KedaidProcess
{
public:
    ~KedaidProcess();
    /// Starts kedaid with `env` added to the environment and waits until /healthz answers.
    bool start(const QString &binary, const QHash<QString, QString> &env, const QStringList &args = {});
    /// SIGTERM and wait; returns the exit code (or -1).
    int stop();
    QString url() const;
    quint16 port() const { return m_port; }
    /// Everything kedaid printed so far. It goes to a file, not a pipe: a test busy elsewhere
    /// must never block kedaid's logging on a full pipe.
    QByteArray output() const;
    /// The value of one unlabelled sample of /metrics (-1 when missing).
    double metric(const QByteArray &name);

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_logPath;
};

} // namespace kedai::test
