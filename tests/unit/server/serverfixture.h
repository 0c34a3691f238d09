#pragma once

// A WebhookServer on a free loopback port with a FakeBackend behind it, shared by the server
// test classes.

#include "unit/server/fakebackend.h"
#include "unit/server/httptestclient.h"

#include "server/webhookserver.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace kedai::test {

inline const QString kMessagesPath = QStringLiteral("/api/simulator/messages");

inline QByteArray bearer(const QString &token = FakeBackend::token())
{
    return QByteArrayLiteral("Bearer ") + token.toUtf8();
}

inline QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A POST /api/simulator/messages body.
inline QByteArray simulatorMessage(const QString &from, const QString &text)
{
    return json({{QStringLiteral("from"), from}, {QStringLiteral("text"), text}});
}

struct ServerFixture
{
    std::unique_ptr<FakeBackend> backend = std::make_unique<FakeBackend>();
    std::unique_ptr<server::HttpServerThread> server;
    std::unique_ptr<HttpTestClient> client;

    /// Empty on success, else why the server did not start.
    QString start()
    {
        server::ServerOptions options;
        options.port = 0;
        server = std::make_unique<server::HttpServerThread>(backend.get(), options);
        const auto port = server->start();
        if (!port)
            return port.error().message;
        client = std::make_unique<HttpTestClient>(*port);
        return {};
    }

    void stop()
    {
        client.reset();
        server.reset();
    }

    /// Back to a healthy, fast backend between test functions.
    void resetBackend() const
    {
        backend->setFailIngest(false);
        backend->setDatabaseDown(false);
        backend->setIngestDelayMs(0);
    }

    HttpResult get(const QString &pathAndQuery, const QByteArray &authorization = {}) const
    {
        return client->send(QByteArrayLiteral("GET"), pathAndQuery, {}, authorization);
    }

    HttpResult post(const QByteArray &body, const QByteArray &authorization = bearer()) const
    {
        return client->send(QByteArrayLiteral("POST"), kMessagesPath, body, authorization);
    }
};

} // namespace kedai::test
