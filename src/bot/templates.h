#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>
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

    /// The reply keys, sorted (without "_comment").
    QStringList keys() const;
    /// The default text of `key` (empty when unknown).
    QString text(const QString &key) const { return m_texts.value(key); }

    /// `tpl` with {name} replaced by values (one pass; unknown names stay as they are).
    static QString renderText(const QString &tpl, const QVariantMap &values);
    /// The {placeholder} names in `text`, each once, in order.
    static QStringList placeholders(const QString &text);
    /// Whether `text` may replace the default `original`: not empty and with exactly the same
    /// placeholders ({shop} may always be added: the bot fills it in every reply). Errors: templates.empty,
    /// templates.unknown_placeholder, templates.missing_placeholder (details: names).
    static common::Result<void> checkOverride(const QString &original, const QString &text);
    /// Example values for a preview of a template with these placeholders.
    static QVariantMap sampleValues(const QStringList &names, const QString &shopName);
    /// The shop setting that overrides `key` in `language`: "template.<language>.<key>". The bot
    /// uses a non-empty one instead of the default (through the settings cache).
    static QString overrideKey(const QString &language, const QString &key)
    {
        return QStringLiteral("template.") + language + QLatin1Char('.') + key;
    }

private:
    QString m_language;
    QHash<QString, QString> m_texts;
};

} // namespace kedai::bot
