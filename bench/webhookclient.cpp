#include "webhookclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace kedai::bench {

namespace {

constexpr int kRunTimeoutMs = 600'000;

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

Measured closedLoop(int total, int clients, const IssueRequest &issue, const AnswerCheck &check)
{
    Measured m;
    if (total <= 0)
        return m;
    // One manager per client: a manager opens at most 6 connections to one host.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int c = 0; c < std::max(1, clients); ++c)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QEventLoop loop;
    QElapsedTimer clock;
    int next = 0, finished = 0;
    std::function<void(QNetworkAccessManager *)> send = [&](QNetworkAccessManager *nam) {
        if (next >= total)
            return;
        const int index = next++;
        const qint64 sentAt = clock.nsecsElapsed();
        QNetworkReply *reply = issue(*nam, index);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, nam, index, sentAt] {
            m.latenciesMs.push_back(double(clock.nsecsElapsed() - sentAt) / 1e6);
            if (!check(index, statusOf(reply), reply->readAll()))
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
    QTimer::singleShot(kRunTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    m.seconds = double(clock.nsecsElapsed()) / 1e9;
    m.done = finished;
    m.failed += total - finished;
    return m;
}

Paced openLoop(int total, double perSecond, int managers, const IssueRequest &issue, const AnswerCheck &check)
{
    Paced p;
    if (total <= 0 || perSecond <= 0)
        return p;
    p.postedAtMs.assign(size_t(total), 0);
    std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
    for (int c = 0; c < std::max(1, managers); ++c)
        nams.push_back(std::make_unique<QNetworkAccessManager>());
    QEventLoop loop;
    QElapsedTimer clock;
    int next = 0, finished = 0;
    qint64 lastSentNs = 0;
    const double intervalNs = 1e9 / perSecond;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        const qint64 now = clock.nsecsElapsed();
        const int due = std::min(total, int(double(now) / intervalNs) + 1);
        for (; next < due; ++next) {
            const int index = next;
            const qint64 sentAt = clock.nsecsElapsed();
            p.maxLagMs = std::max(p.maxLagMs, (double(sentAt) - index * intervalNs) / 1e6);
            p.postedAtMs[size_t(index)] = QDateTime::currentMSecsSinceEpoch();
            lastSentNs = sentAt;
            QNetworkReply *reply = issue(*nams[size_t(index) % nams.size()], index);
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, index, sentAt] {
                p.answers.latenciesMs.push_back(double(clock.nsecsElapsed() - sentAt) / 1e6);
                if (!check(index, statusOf(reply), reply->readAll()))
                    ++p.answers.failed;
                reply->deleteLater();
                if (++finished == total)
                    loop.quit();
            });
        }
        if (next >= total)
            tick.stop();
    });
    clock.start();
    tick.start();
    QTimer::singleShot(kRunTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    tick.stop();
    p.answers.seconds = double(clock.nsecsElapsed()) / 1e9;
    p.answers.done = finished;
    p.answers.failed += total - finished;
    p.sendSeconds = double(lastSentNs) / 1e9;
    return p;
}

} // namespace kedai::bench
