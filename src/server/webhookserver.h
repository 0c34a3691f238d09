#pragma once

#include "common/result.h"
#include "server/serverbackend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

class QHttpServer;

namespace kedai::server {

struct ServerOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080; ///< 0 = any free port
    qint64 maxBodyBytes = 1 << 20;
};

/// The HTTP endpoint (ARCHITECTURE.md section 7) on QtHttpServer 6.4. Lives on its own thread
/// (see HttpServerThread). Handlers are synchronous: they never return QFuture (a 6.4 crash).
class WebhookServer : public QObject
{
    Q_OBJECT
public:
    WebhookServer(IServerBackend *backend, ServerOptions options, QObject *parent = nullptr);
    ~WebhookServer() override;

    /// Binds and listens; must run on the server's thread. Returns the bound port.
    common::Result<quint16> listen();

private:
    void setupRoutes();
    QHttpServerResponse paymentNotification(const QHttpServerRequest &request);

    IServerBackend *m_backend;
    ServerOptions m_options;
    std::unique_ptr<QHttpServer> m_http;
    bool m_routesOk = true; ///< false when a route() call was refused; listen() then fails
};

/// Owns the HTTP thread and the WebhookServer living on it.
class HttpServerThread
{
public:
    HttpServerThread(IServerBackend *backend, ServerOptions options);
    ~HttpServerThread();

    /// Starts the thread and listens; blocks until bound or failed.
    common::Result<quint16> start();
    void stop();
    quint16 port() const { return m_port; }

private:
    IServerBackend *m_backend;
    ServerOptions m_options;
    QThread m_thread;
    WebhookServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace kedai::server
