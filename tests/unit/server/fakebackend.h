#pragma once

// An in-memory IServerBackend for the HTTP tests. Called on the server thread while the test
// thread configures and inspects it, so every member is behind one mutex.

#include "server/serverbackend.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>

namespace kedai::test {

class FakeBackend final : public server::IServerBackend
{
public:
    static QString token() { return QStringLiteral("test-admin-token-0123456789abcdef"); }

    FakeBackend() { QDir(m_root.path()).mkpath(QStringLiteral("media")); }

    common::Result<server::IngestOutcome> ingest(const domain::InboundMessage &message) override
    {
        int delayMs = 0;
        {
            QMutexLocker lock(&m_mutex);
            delayMs = m_ingestDelayMs;
        }
        if (delayMs > 0) // a slow commit, so clients can go away while the server works
            QThread::msleep(ulong(delayMs));
        QMutexLocker lock(&m_mutex);
        if (m_failIngest)
            return common::makeError(QStringLiteral("store.unavailable"), QStringLiteral("database is locked"));
        const QString key = message.channel + QLatin1Char('/') + message.externalId;
        if (const auto it = m_byExternalId.constFind(key); it != m_byExternalId.cend())
            return server::IngestOutcome{it.value(), true};
        domain::InboundMessage stored = message;
        stored.id = ++m_lastId;
        m_ingested.append(stored);
        m_byExternalId.insert(key, stored.id);
        return server::IngestOutcome{stored.id, false};
    }

    common::Result<QList<domain::OutboundMessage>> simulatorMessages(const QString &to, qint64 afterId) override
    {
        QMutexLocker lock(&m_mutex);
        QList<domain::OutboundMessage> out;
        for (const auto &m : m_outbound) {
            if (m.to == to && m.id > afterId)
                out.append(m);
        }
        return out;
    }

    QJsonObject health() override
    {
        QMutexLocker lock(&m_mutex);
        const QString db = m_databaseDown ? QStringLiteral("down") : QStringLiteral("ok");
        return QJsonObject{{QStringLiteral("status"), m_databaseDown ? QStringLiteral("down") : QStringLiteral("ok")},
                           {QStringLiteral("database"), db},
                           {QStringLiteral("redis"), QStringLiteral("disabled")}};
    }

    QByteArray metricsExtra() override
    {
        QMutexLocker lock(&m_mutex);
        return QByteArrayLiteral("# HELP kedai_outbox_depth Messages waiting in the outbox.\n"
                                 "# TYPE kedai_outbox_depth gauge\n"
                                 "kedai_outbox_depth ")
               + QByteArray::number(m_outbound.size()) + '\n';
    }

    QString unavailableReply() const override { return QStringLiteral("Sistem sedang gangguan (fake)."); }
    QString adminToken() const override { return token(); }
    QString mediaDir() const override { return QDir(m_root.path()).filePath(QStringLiteral("media")); }
    QString qrisListenerKey() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_listenerKey;
    }
    common::Result<QJsonArray> paymentNotifications(const QByteArray &body) override
    {
        QMutexLocker lock(&m_mutex);
        m_notificationBodies.append(body);
        return QJsonArray{QJsonObject{{QStringLiteral("id"), m_notificationBodies.size()},
                                      {QStringLiteral("status"), QStringLiteral("unmatched")}}};
    }
    void setListenerKey(const QString &key)
    {
        QMutexLocker lock(&m_mutex);
        m_listenerKey = key;
    }
    QList<QByteArray> notificationBodies() const
    {
        QMutexLocker lock(&m_mutex);
        return m_notificationBodies;
    }

    server::ChannelSecrets channelSecrets() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_secrets;
    }
    common::Result<int> recordDeliveries(const QList<server::DeliveryStatus> &statuses) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_failIngest)
            return common::makeError(QStringLiteral("store.unavailable"), QStringLiteral("database is locked"));
        m_deliveries += statuses;
        return int(statuses.size());
    }

    // ---- test controls

    void setChannelSecrets(const server::ChannelSecrets &secrets)
    {
        QMutexLocker lock(&m_mutex);
        m_secrets = secrets;
    }
    QList<server::DeliveryStatus> deliveries() const
    {
        QMutexLocker lock(&m_mutex);
        return m_deliveries;
    }

    /// The temporary folder that holds mediaDir(); files here must not be reachable.
    QString rootDir() const { return m_root.path(); }

    /// Writes a media file and returns its absolute path.
    QString writeMedia(const QString &name, const QByteArray &bytes) const
    {
        QString path = QDir(mediaDir()).filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    void addOutbound(domain::OutboundMessage message)
    {
        QMutexLocker lock(&m_mutex);
        message.id = ++m_lastOutboundId;
        m_outbound.append(message);
    }

    qint64 lastOutboundId() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lastOutboundId;
    }

    void setFailIngest(bool fail)
    {
        QMutexLocker lock(&m_mutex);
        m_failIngest = fail;
    }

    void setDatabaseDown(bool down)
    {
        QMutexLocker lock(&m_mutex);
        m_databaseDown = down;
    }

    void setIngestDelayMs(int ms)
    {
        QMutexLocker lock(&m_mutex);
        m_ingestDelayMs = ms;
    }

    QList<domain::InboundMessage> ingested() const
    {
        QMutexLocker lock(&m_mutex);
        return m_ingested;
    }

private:
    QTemporaryDir m_root;
    mutable QMutex m_mutex;
    QString m_listenerKey;
    server::ChannelSecrets m_secrets;
    QList<server::DeliveryStatus> m_deliveries;
    QList<QByteArray> m_notificationBodies;
    QList<domain::InboundMessage> m_ingested;
    QHash<QString, qint64> m_byExternalId;
    QList<domain::OutboundMessage> m_outbound;
    qint64 m_lastId = 0;
    qint64 m_lastOutboundId = 0;
    bool m_failIngest = false;
    bool m_databaseDown = false;
    int m_ingestDelayMs = 0;
};

} // namespace kedai::test
