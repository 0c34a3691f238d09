#include "support/simclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

namespace kedai::test {

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

SimClient::SimClient(QString baseUrl, QString token) : m_base(std::move(baseUrl)), m_token(std::move(token)) {}

HttpReply SimClient::request(const QByteArray &method, const QString &path, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &headers, bool auth)
{
    QNetworkRequest req(QUrl(m_base + path));
    req.setTransferTimeout(15000);
    if (auth)
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen()) // not after a refused connection or a timeout
        out.body = reply->readAll();
    reply->deleteLater();
    return out;
}

HttpReply SimClient::send(const QString &from, const QString &text, const QString &id)
{
    QJsonObject o{{QStringLiteral("from"), from}, {QStringLiteral("text"), text}};
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    return request("POST", QStringLiteral("/api/simulator/messages"), QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonArray SimClient::messages(const QString &to, qint64 after)
{
    // Reads fail while the database is away (503): ask again rather than mistake it for "no
    // messages". The API pages by 100.
    QJsonArray all;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kUnavailableForMs) {
        const HttpReply r = request("GET", QStringLiteral("/api/simulator/messages?to=%1&after=%2").arg(to).arg(after));
        if (r.status != 200) {
            QThread::msleep(200);
            continue;
        }
        const QJsonArray page = r.json().value(QStringLiteral("messages")).toArray();
        for (const auto &m : page)
            all.append(m);
        if (page.size() < 100)
            return all;
        after = qint64(page.last().toObject().value(QStringLiteral("id")).toDouble());
    }
    qWarning("SimClient: the messages to %s could not be read for %d s", qPrintable(to), kUnavailableForMs / 1000);
    return all;
}

qint64 SimClient::lastId(const QString &to)
{
    const QJsonArray all = messages(to, 0);
    return all.isEmpty() ? 0 : qint64(all.last().toObject().value(QStringLiteral("id")).toDouble());
}

QJsonArray SimClient::waitFor(const QString &to, qint64 after, int count, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonArray got;
    while (timer.elapsed() < timeoutMs) {
        got = messages(to, after);
        if (got.size() >= count)
            return got;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return got;
}

QStringList SimClient::ask(const QString &from, const QString &text, int count, int timeoutMs)
{
    const qint64 after = lastId(from);
    const HttpReply r = send(from, text);
    if (r.status != 202)
        return {QStringLiteral("HTTP %1: %2").arg(r.status).arg(QString::fromUtf8(r.body))};
    QStringList texts;
    for (const auto &m : waitFor(from, after, count, timeoutMs))
        texts << m.toObject().value(QStringLiteral("text")).toString();
    return texts;
}

} // namespace kedai::test
