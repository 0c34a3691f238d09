#include "server/webhookserver.h"

#include "common/log.h"
#include "common/metrics.h"
#include "server/channelroutes.h"
#include "server/httputil.h"
#include "server/simulatorroutes.h"

#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

#include <optional>

namespace kedai::server {

using common::makeError;
using http::Status;
using Method = QHttpServerRequest::Method;
using Methods = QHttpServerRequest::Methods;

namespace {

/// What a route accepts before its handler runs.
struct Gate
{
    Methods methods; ///< empty: any method (the 404 handler)
    bool bearer = false;
};

QByteArray allowHeader(Methods methods)
{
    QByteArrayList names;
    for (const Method m : {Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete}) {
        if (methods.testFlag(m))
            names.append(http::methodName(m));
    }
    return names.join(", ");
}

/// The checks every request passes in the same order, so a client learns about the cheapest
/// problem first: size, then method, then credentials.
std::optional<QHttpServerResponse> admit(const QHttpServerRequest &request, IServerBackend *backend,
                                         qint64 maxBodyBytes, const Gate &gate)
{
    if (http::exceedsBodyLimit(request, maxBodyBytes))
        return http::errorResponse(
            Status::PayloadTooLarge, QStringLiteral("body_too_large"),
            QStringLiteral("The request body is larger than the limit of %1 bytes.").arg(maxBodyBytes));
    if (gate.methods && !gate.methods.testFlag(request.method())) {
        auto response = http::errorResponse(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                                            QStringLiteral("%1 is not allowed here; use %2.")
                                                .arg(QString::fromLatin1(http::methodName(request.method())),
                                                     QString::fromLatin1(allowHeader(gate.methods))));
        response.setHeader(QByteArrayLiteral("Allow"), allowHeader(gate.methods));
        return response;
    }
    if (gate.bearer
        && !http::bearerMatches(request.value(QByteArrayLiteral("Authorization")), backend->adminToken().toUtf8())) {
        auto response = http::errorResponse(Status::Unauthorized, QStringLiteral("unauthorized"),
                                            QStringLiteral("Send the admin token as \"Authorization: Bearer "
                                                           "<token>\" (KEDAI_ADMIN_TOKEN, shown in the settings)."));
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"kedai\""));
        return response;
    }
    return std::nullopt;
}

/// The path as sent on the wire (percent-encoded), so a client cannot put control characters
/// or fake log lines into the log; shortened because it is client-controlled.
QString loggablePath(const QHttpServerRequest &request)
{
    return http::shortPrefix(request.url().path(QUrl::FullyEncoded), 100);
}

/// Counts and logs the outcome. Only the method, path, status and error code are logged: never
/// headers (the token) nor bodies (customer messages).
void record(const QHttpServerRequest &request, const QHttpServerResponse &response)
{
    const int status = int(response.statusCode());
    const auto log = kedai::log::get("server");
    const QByteArray method = http::methodName(request.method());
    const QString path = loggablePath(request);
    if (status >= 400) {
        const QString code =
            QJsonDocument::fromJson(response.data()).object().value(QStringLiteral("error")).toString();
        const QString client = request.remoteAddress().toString();
        if (status < 500) {
            common::Metrics::instance().httpRejected.fetch_add(1, std::memory_order_relaxed);
            log->warn("{} {} -> {} {} (client {})", method.constData(), path, status, code, client);
        } else {
            log->warn("{} {} -> {} {}", method.constData(), path, status, code.isEmpty() ? QStringLiteral("-") : code);
        }
    } else {
        log->debug("{} {} -> {}", method.constData(), path, status);
    }
}

template<typename Handler>
QHttpServerResponse serve(const QHttpServerRequest &request, IServerBackend *backend, qint64 maxBodyBytes,
                          const Gate &gate, Handler &&handler)
{
    common::Metrics::instance().httpRequests.fetch_add(1, std::memory_order_relaxed);
    QHttpServerResponse response = [&]() -> QHttpServerResponse {
        if (auto rejected = admit(request, backend, maxBodyBytes, gate))
            return std::move(*rejected);
        return handler();
    }();
    record(request, response);
    return response;
}

common::Result<QHostAddress> parseHost(const QString &host)
{
    if (host.isEmpty() || host == QLatin1String("*"))
        return QHostAddress(QHostAddress::Any);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(host))
        return makeError(QStringLiteral("server.bad_address"),
                         QStringLiteral("HTTP address \"%1\" is not an IP address: set HTTP_ADDR or --http to e.g. "
                                        "127.0.0.1:8080 or :8080 (all interfaces).")
                             .arg(host));
    return address;
}

common::Error listenError(const QTcpServer &tcp, const QString &host, quint16 port)
{
    switch (tcp.serverError()) {
    case QAbstractSocket::AddressInUseError:
        return makeError(QStringLiteral("server.port_in_use"),
                         QStringLiteral("Port %1 is in use: set HTTP_ADDR or --http to another port.").arg(port));
    case QAbstractSocket::SocketAccessError:
        return makeError(QStringLiteral("server.access_denied"),
                         QStringLiteral("Not allowed to listen on port %1 (ports below 1024 need extra rights): set "
                                        "HTTP_ADDR or --http to another port.")
                             .arg(port));
    case QAbstractSocket::SocketAddressNotAvailableError:
        return makeError(QStringLiteral("server.address_unavailable"),
                         QStringLiteral("Address %1 does not belong to this machine: set HTTP_ADDR or --http to "
                                        "one of its addresses, e.g. 127.0.0.1.")
                             .arg(host));
    default:
        return makeError(QStringLiteral("server.listen_failed"),
                         QStringLiteral("Cannot listen on %1:%2: %3.").arg(host).arg(port).arg(tcp.errorString()));
    }
}

} // namespace

WebhookServer::WebhookServer(IServerBackend *backend, ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_options(std::move(options))
    // Parented as well as owned, so that moveToThread() carries the HTTP server along.
    , m_http(std::make_unique<QHttpServer>(this))
{
    setupRoutes();
}

WebhookServer::~WebhookServer() = default;

common::Result<quint16> WebhookServer::listen()
{
    if (!m_routesOk)
        return makeError(QStringLiteral("server.routes"),
                         QStringLiteral("Internal error: an HTTP route could not be registered (see the log)."));
    if (!m_http->servers().isEmpty())
        return m_options.port;
    const auto address = parseHost(m_options.host);
    if (!address)
        return address.error();

    // Our own QTcpServer instead of QHttpServer::listen(): that one reports failure only as 0
    // and a log line, and the operator needs to know *why* (port taken, no rights, bad address).
    auto tcp = std::make_unique<QTcpServer>();
    if (!tcp->listen(*address, m_options.port)) {
        auto error = listenError(*tcp, m_options.host, m_options.port);
        kedai::log::get("server")->error("{}", error.message);
        return error;
    }
    m_options.port = tcp->serverPort(); // the real port when 0 was asked: media URLs use it
    m_http->bind(tcp.release());
    kedai::log::get("server")->info("HTTP endpoint listening on {}:{}", address->toString(), m_options.port);
    return m_options.port;
}

void WebhookServer::setupRoutes()
{
    const auto check = [this](bool added, const char *path) {
        if (!added) {
            m_routesOk = false;
            kedai::log::get("server")->critical("HTTP route {} could not be registered", path);
        }
    };
    const auto simulator = std::make_shared<SimulatorRoutes>(m_backend);

    check(m_http->route(QStringLiteral("/healthz"),
                        [this](const QHttpServerRequest &request) {
                            return serve(request, m_backend, m_options.maxBodyBytes, {Method::Get, false}, [this] {
                                const QJsonObject health = m_backend->health();
                                const bool databaseOk = health.value(QStringLiteral("database")).toString()
                                                        == QLatin1String("ok");
                                return QHttpServerResponse(health,
                                                           databaseOk ? Status::Ok : Status::ServiceUnavailable);
                            });
                        }),
          "/healthz");

    check(m_http->route(QStringLiteral("/metrics"),
                        [this](const QHttpServerRequest &request) {
                            return serve(request, m_backend, m_options.maxBodyBytes, {Method::Get, false}, [this] {
                                return QHttpServerResponse(
                                    QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                                    common::Metrics::instance().render(m_backend->metricsExtra()));
                            });
                        }),
          "/metrics");

    check(m_http->route(QStringLiteral("/api/simulator/messages"),
                        [this, simulator](const QHttpServerRequest &request) {
                            const Gate gate{Method::Get | Method::Post, true};
                            return serve(request, m_backend, m_options.maxBodyBytes, gate, [&] {
                                if (request.method() == Method::Post)
                                    return simulator->postMessage(request);
                                const QString authority = http::selfAuthority(request.value(QByteArrayLiteral("Host")),
                                                                              m_options.host, m_options.port);
                                return simulator->listMessages(request, authority);
                            });
                        }),
          "/api/simulator/messages");

    check(m_http->route(QStringLiteral("/api/simulator/media/<arg>"),
                        [this, simulator](const QString &name, const QHttpServerRequest &request) {
                            return serve(request, m_backend, m_options.maxBodyBytes, {Method::Get, true},
                                         [&] { return simulator->media(name); });
                        }),
          "/api/simulator/media/<name>");

    check(m_http->route(QStringLiteral("/webhook/payment-notification"),
                        [this](const QHttpServerRequest &request) {
                            return serve(request, m_backend, m_options.maxBodyBytes, {Method::Post, false},
                                         [&] { return paymentNotification(request); });
                        }),
          "/webhook/payment-notification");

    const auto channelRoutes = std::make_shared<ChannelRoutes>(m_backend);
    check(m_http->route(QStringLiteral("/webhook/whatsapp"),
                        [this, channelRoutes](const QHttpServerRequest &request) {
                            return serve(request, m_backend, m_options.maxBodyBytes,
                                         {Method::Get | Method::Post, false}, [&] {
                                             return request.method() == Method::Get
                                                        ? channelRoutes->whatsappVerify(request)
                                                        : channelRoutes->whatsappEvent(request);
                                         });
                        }),
          "/webhook/whatsapp");
    check(m_http->route(QStringLiteral("/webhook/waha"),
                        [this, channelRoutes](const QHttpServerRequest &request) {
                            return serve(request, m_backend, m_options.maxBodyBytes, {Method::Post, false},
                                         [&] { return channelRoutes->wahaEvent(request); });
                        }),
          "/webhook/waha");

    // The responder path skips afterRequest hooks, so unknown routes go through serve() too:
    // they are counted, logged and answered in JSON like every other rejection.
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const Gate anyMethod{Methods(), false};
        serve(request, m_backend, m_options.maxBodyBytes, anyMethod, [&] {
            return http::errorResponse(Status::NotFound, QStringLiteral("not_found"),
                                       QStringLiteral("There is no endpoint %1 %2.")
                                           .arg(QString::fromLatin1(http::methodName(request.method())),
                                                loggablePath(request)));
        }).write(std::move(responder));
    });
}

QHttpServerResponse WebhookServer::paymentNotification(const QHttpServerRequest &request)
{
    const QByteArray expected = m_backend->qrisListenerKey().toUtf8();
    if (expected.isEmpty())
        return http::errorResponse(Status::Unauthorized, QStringLiteral("listener_not_configured"),
                                   QStringLiteral("The QRIS listener has no key yet: set QRIS_LISTENER_KEY (QRIS panel "
                                                  "of the Kedai window) and send it as the X-Api-Key header."));
    // Constant time, on the raw header: a wrong key learns nothing and stores nothing.
    if (!http::constantTimeEquals(request.value(QByteArrayLiteral("X-Api-Key")).trimmed(), expected))
        return http::errorResponse(Status::Unauthorized, QStringLiteral("unauthorized"),
                                   QStringLiteral("Send the QRIS listener key as the X-Api-Key header."));
    auto results = m_backend->paymentNotifications(request.body());
    if (!results) {
        if (results.error().code.startsWith(QLatin1String("notification.")))
            return http::errorResponse(Status::BadRequest, QStringLiteral("bad_notification"), results.error().message);
        return http::errorResponse(Status::ServiceUnavailable, QStringLiteral("unavailable"),
                                   QStringLiteral("The notification could not be stored now; send it again later."));
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("received"), results->size()},
                                           {QStringLiteral("results"), results.value()}},
                               Status::Ok);
}

// ---- HttpServerThread

HttpServerThread::HttpServerThread(IServerBackend *backend, ServerOptions options)
    : m_backend(backend), m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("kedai-http"));
}

HttpServerThread::~HttpServerThread()
{
    stop();
}

common::Result<quint16> HttpServerThread::start()
{
    if (m_server)
        return m_port;
    m_server = new WebhookServer(m_backend, m_options);
    m_server->moveToThread(&m_thread);
    // Deleted on its own thread: QThread processes deferred deletes after finished(), before
    // wait() returns, so stop() can rely on the server (and its sockets) being gone.
    QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_thread.start();

    common::Result<quint16> result;
    QMetaObject::invokeMethod(
        m_server, [this, &result] { result = m_server->listen(); }, Qt::BlockingQueuedConnection);
    if (!result) {
        stop();
        return result;
    }
    m_port = *result;
    return result;
}

void HttpServerThread::stop()
{
    if (!m_server)
        return;
    m_thread.quit();
    m_thread.wait();
    m_server = nullptr;
    m_port = 0;
}

} // namespace kedai::server
