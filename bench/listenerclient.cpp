#include "listenerclient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include <memory>

#include <signal.h>
#include <sys/prctl.h>

namespace kedai::bench {

namespace {

QString tail(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray all = f.readAll();
    return QString::fromUtf8(all.right(2000)).trimmed();
}

int getStatus(const QString &url)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(url)));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

KedaidProcess::~KedaidProcess()
{
    stop();
}

bool KedaidProcess::start(const QString &program, const QString &dataDir, const QProcessEnvironment &environment,
                          QString *error)
{
    m_dataDir = dataDir;
    const QString out = dataDir + QStringLiteral("/kedaid.out");
    const QString err = dataDir + QStringLiteral("/kedaid.err");
    m_process.setProgram(program);
    m_process.setProcessEnvironment(environment);
    // A file, not a pipe: nobody reads kedaid's output while the bench runs, and a full pipe
    // would stall it.
    m_process.setStandardOutputFile(out);
    m_process.setStandardErrorFile(err);
    // If the bench dies, kedaid goes with it.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start();
    if (!m_process.waitForStarted(10'000)) {
        *error = QStringLiteral("kedaid did not start: %1").arg(m_process.errorString());
        return false;
    }
    // The banner names the HTTP endpoint (HTTP_ADDR ends in :0: a free port).
    static const QRegularExpression kHttp(QStringLiteral("HTTP\\s*:\\s*(http://\\S+)"));
    QDeadlineTimer deadline(60'000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        QFile f(out);
        if (f.open(QIODevice::ReadOnly)) {
            const auto match = kHttp.match(QString::fromUtf8(f.readAll()));
            if (match.hasMatch()) {
                m_url = match.captured(1);
                break;
            }
        }
        QThread::msleep(50);
    }
    while (!m_url.isEmpty() && !deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (getStatus(m_url + QStringLiteral("/healthz")) == 200)
            return true;
        QThread::msleep(100);
    }
    *error = QStringLiteral("kedaid did not come up (%1): %2")
                 .arg(m_process.state() == QProcess::Running ? QStringLiteral("no healthy /healthz in 60 s")
                                                             : QStringLiteral("exited"),
                      tail(err));
    stop();
    return false;
}

void KedaidProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(15'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

Measured postAll(const QString &url, const QByteArray &key, const std::vector<QByteArray> &bodies, int clients,
                 const ReplyCheck &check)
{
    Measured m;
    const int total = int(bodies.size());
    if (total == 0)
        return m;
    // One manager per client: a manager opens at most 6 connections to one host.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int c = 0; c < std::max(1, clients); ++c)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("X-Api-Key"), key);

    QEventLoop loop;
    QElapsedTimer clock;
    int next = 0, finished = 0;
    std::function<void(QNetworkAccessManager *)> send = [&](QNetworkAccessManager *nam) {
        if (next >= total)
            return;
        const int index = next++;
        const qint64 sentAt = clock.nsecsElapsed();
        QNetworkReply *reply = nam->post(request, bodies[size_t(index)]);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, nam, index, sentAt] {
            m.latenciesMs.push_back(double(clock.nsecsElapsed() - sentAt) / 1e6);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (!check(index, status, reply->readAll()))
                ++m.failed;
            reply->deleteLater();
            if (++finished == total)
                loop.quit();
            else
                send(nam);
        });
    };
    clock.start();
    for (auto &nam : managers)
        send(nam.get());
    QTimer::singleShot(600'000, &loop, &QEventLoop::quit);
    loop.exec();
    m.seconds = double(clock.nsecsElapsed()) / 1e9;
    m.done = finished;
    m.failed += total - finished;
    return m;
}

} // namespace kedai::bench
