#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>

namespace kedai::test {

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const;
};

/// A simulated WhatsApp customer population talking to a running Kedai over real HTTP
/// (the simulator API of ARCHITECTURE.md section 7). Synchronous helpers for tests.
class SimClient
{
public:
    SimClient(QString baseUrl, QString token);

    HttpReply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const QList<QPair<QByteArray, QByteArray>> &headers = {}, bool auth = true);

    /// POST /api/simulator/messages; returns the HTTP reply (202 on success).
    HttpReply send(const QString &from, const QString &text, const QString &id = {});
    /// Sent messages to `to` after `after`.
    QJsonArray messages(const QString &to, qint64 after = 0);
    /// Sends and waits until `count` new replies arrived for that number; returns their texts.
    QStringList ask(const QString &from, const QString &text, int count = 1, int timeoutMs = 10000);
    /// Waits until `to` has at least `count` messages after `after`.
    QJsonArray waitFor(const QString &to, qint64 after, int count, int timeoutMs = 10000);
    /// Id of the newest message sent to `to` (0 when none).
    qint64 lastId(const QString &to);

    QString baseUrl() const { return m_base; }

    /// How long reads are retried while the server answers 503 (a database outage).
    static constexpr int kUnavailableForMs = 40000;

private:
    QString m_base;
    QString m_token;
    QNetworkAccessManager m_nam;
};

} // namespace kedai::test
