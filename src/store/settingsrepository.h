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

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
