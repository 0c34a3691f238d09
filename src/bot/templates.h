#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QVariantMap>

namespace kedai::bot {

/// Reply texts from resources/templates/<lang>.json ({placeholder} substitution).
/// Loaded once; read-only afterwards, so shards share it without locks.
class Templates
{
public:
    /// Loads ":/templates/<language>.json", falling back to Indonesian for missing keys.
    static common::Result<Templates> load(const QString &language);

    /// The text for `key` with {name} replaced by values; a missing key renders as "[key]"
    /// (and is logged) rather than crashing.
    QString render(const QString &key, const QVariantMap &values = {}) const;
    bool contains(const QString &key) const { return m_texts.contains(key); }
    QString language() const { return m_language; }

private:
    QString m_language;
    QHash<QString, QString> m_texts;
};

} // namespace kedai::bot
