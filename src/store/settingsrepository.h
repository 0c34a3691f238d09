#pragma once

#include "common/result.h"
#include "store/database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace kedai::store {

struct AuditEntry
{
    qint64 id = 0;
    QString actor;
    QString action; ///< e.g. "product.create", "ledger.post", "stock.add"
    QString entity; ///< e.g. "product:NF1"
    QString before; ///< JSON or empty
    QString after;  ///< JSON or empty
    QDateTime at;
};

/// What the Audit panel asks for. Empty fields match everything.
struct AuditFilter
{
    QString actor;       ///< exact, e.g. "staff:rina" or "628123456789"
    QString action;      ///< a prefix, e.g. "order." or "ledger.post"
    QString text;        ///< searched in entity, before and after
    QDateTime from;      ///< inclusive
    QDateTime to;        ///< exclusive
    qint64 beforeId = 0; ///< keyset paging: rows older than this id (0 = from the newest)
    int limit = 200;
};

/// Key/value shop settings kept in the database, and the append-only audit log.
class SettingsRepository
{
public:
    explicit SettingsRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    common::Result<QString> value(const QString &key, const QString &fallback = {});
    /// The stored value, or nullopt when the setting was never saved (an empty value is a value).
    common::Result<std::optional<QString>> lookup(const QString &key);
    common::Result<void> setValue(const QString &key, const QString &value, const QString &actor);

    /// Appends an audit row on this thread's connection (joins an open transaction).
    common::Result<void> audit(const QString &actor, const QString &action, const QString &entity,
                               const QString &before, const QString &after);
    common::Result<QList<AuditEntry>> auditLog(int limit = 200);
    common::Result<QList<AuditEntry>> auditLog(const AuditFilter &filter);
    /// The distinct actors and actions seen, for the Audit panel's filter lists.
    common::Result<QPair<QStringList, QStringList>> auditFacets();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
