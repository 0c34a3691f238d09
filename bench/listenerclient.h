#pragma once

#include "benchutil.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <vector>

namespace kedai::bench {

/// A kedaid started for the bench (its own data dir, stdout and stderr in files there). It dies
/// with the bench (PR_SET_PDEATHSIG) and is stopped by stop() or the destructor.
class KedaidProcess
{
public:
    KedaidProcess() = default;
    ~KedaidProcess();
    KedaidProcess(const KedaidProcess &) = delete;
    KedaidProcess &operator=(const KedaidProcess &) = delete;

    /// Starts `program` with `environment` (every setting Kedai reads from the environment) and
    /// waits until it answers GET /healthz. On failure, `error` says why (with its stderr).
    bool start(const QString &program, const QString &dataDir, const QProcessEnvironment &environment, QString *error);
    /// SIGTERM, then SIGKILL after 15 s. Idempotent.
    void stop();
    QString url() const { return m_url; }

private:
    QProcess m_process;
    QString m_dataDir;
    QString m_url;
};

/// What the client checks in one reply: the index of the body and the HTTP status and body.
using ReplyCheck = std::function<bool(int index, int status, const QByteArray &reply)>;

/// POSTs every body to `url` with the header X-Api-Key: `key`, from `clients` clients that each
/// send their next body when the previous reply arrived (keep-alive connections). Latency is per
/// request; a request whose check fails counts as failed.
Measured postAll(const QString &url, const QByteArray &key, const std::vector<QByteArray> &bodies, int clients,
                 const ReplyCheck &check);

} // namespace kedai::bench
