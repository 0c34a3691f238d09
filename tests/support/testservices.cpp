#include "support/testservices.h"

#include "support/simclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace kedai::test {

namespace {
QString script()
{
    return qEnvironmentVariable("KEDAI_SOURCE_DIR") + QStringLiteral("/scripts/test-services.sh");
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}
} // namespace

TestServices::~TestServices()
{
    stop();
}

bool TestServices::run(const QString &command)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("KEDAI_BUILD_DIR"), m_dir.path());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), {script(), command});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        m_error = QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
        return false;
    }
    return true;
}

bool TestServices::start()
{
    if (!m_dir.isValid() || !run(QStringLiteral("start")))
        return false;
    m_started = true;
    QFile f(m_dir.filePath(QStringLiteral("test-services.env")));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            m_env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return !databaseUrl().isEmpty() && !redisUrl().isEmpty();
}

void TestServices::stop()
{
    if (m_started)
        run(QStringLiteral("stop"));
    m_started = false;
}

KedaidProcess::~KedaidProcess()
{
    stop();
    if (!m_logPath.isEmpty())
        QFile::remove(m_logPath);
}

bool KedaidProcess::start(const QString &binary, const QHash<QString, QString> &env, const QStringList &args)
{
    m_port = freePort();
    auto pe = QProcessEnvironment::systemEnvironment();
    for (auto it = env.begin(); it != env.end(); ++it)
        pe.insert(it.key(), it.value());
    if (!pe.contains(QStringLiteral("KEDAI_LOG_LEVEL")))
        pe.insert(QStringLiteral("KEDAI_LOG_LEVEL"), QStringLiteral("warn"));
    m_process.setProcessEnvironment(pe);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_logPath = QDir::temp().filePath(
        QStringLiteral("kedaid-%1-%2.log").arg(QCoreApplication::applicationPid()).arg(m_port));
    m_process.setStandardOutputFile(m_logPath, QIODevice::Truncate);
    m_process.start(binary, QStringList{QStringLiteral("--http"), QStringLiteral("127.0.0.1:%1").arg(m_port)} + args);
    if (!m_process.waitForStarted(10000))
        return false;
    SimClient probe(url(), {});
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return false;
        if (probe.request("GET", QStringLiteral("/healthz"), {}, {}, false).status == 200)
            return true;
        QThread::msleep(50);
    }
    return false;
}

int KedaidProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(30000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray KedaidProcess::output() const
{
    QFile file(m_logPath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString KedaidProcess::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

double KedaidProcess::metric(const QByteArray &name)
{
    SimClient client(url(), {});
    const HttpReply r = client.request("GET", QStringLiteral("/metrics"), {}, {}, false);
    const QByteArray prefix = name + ' ';
    for (const QByteArray &line : r.body.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(name.size() + 1).toDouble();
    }
    return -1;
}

} // namespace kedai::test
