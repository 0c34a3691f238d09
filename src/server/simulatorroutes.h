#pragma once

// Private to kedai_server: the handlers behind /api/simulator/*. Authentication, the body limit
// and the method check happen before these are called (WebhookServer's request pipeline).

#include "server/serverbackend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace kedai::server {

class SimulatorRoutes
{
public:
    explicit SimulatorRoutes(IServerBackend *backend) : m_backend(backend) {}

    static constexpr qsizetype kMaxTextChars = 4096;
    static constexpr qsizetype kMaxNameChars = 100;
    static constexpr qsizetype kMaxIdChars = 128;

    /// POST /api/simulator/messages {from, text, name?, id?} -> 202 {id, duplicate}.
    QHttpServerResponse postMessage(const QHttpServerRequest &request) const;

    /// GET /api/simulator/messages?to=&after= -> 200 {messages: [...]}. Media URLs point at
    /// http://<authority>/api/simulator/media/<file>.
    QHttpServerResponse listMessages(const QHttpServerRequest &request, const QString &authority) const;

    /// GET /api/simulator/media/<name>: a file of the backend's media folder.
    QHttpServerResponse media(const QString &name) const;

private:
    IServerBackend *m_backend;
};

} // namespace kedai::server
