#include "bot/templates.h"

#include "common/log.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace kedai::bot {

static common::Result<QHash<QString, QString>> readTemplates(const QString &language)
{
    QFile file(QStringLiteral(":/templates/%1.json").arg(language));
    if (!file.open(QIODevice::ReadOnly))
        return common::makeError(QStringLiteral("templates.missing"),
                                 QStringLiteral("No reply templates for language \"%1\"").arg(language));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return common::makeError(
            QStringLiteral("templates.invalid"),
            QStringLiteral("Reply templates for \"%1\" are not valid JSON: %2").arg(language, error.errorString()));
    QHash<QString, QString> out;
    const QJsonObject obj = doc.object();
    for (auto it = obj.begin(); it != obj.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

common::Result<Templates> Templates::load(const QString &language)
{
    auto base = readTemplates(QStringLiteral("id"));
    if (!base)
        return base.error();
    Templates t;
    t.m_language = language;
    t.m_texts = base.value();
    if (language != QLatin1String("id")) {
        auto own = readTemplates(language);
        if (!own)
            return own.error();
        for (auto it = own->begin(); it != own->end(); ++it)
            t.m_texts.insert(it.key(), it.value());
    }
    return t;
}

QString Templates::render(const QString &key, const QVariantMap &values) const
{
    auto it = m_texts.constFind(key);
    if (it == m_texts.constEnd()) {
        log::get("bot")->error("missing reply template {}", key);
        return QLatin1Char('[') + key + QLatin1Char(']');
    }
    // One pass over the template so a value containing "{x}" is never substituted again.
    const QString &tpl = *it;
    QString out;
    out.reserve(tpl.size() + 64);
    qsizetype i = 0;
    while (i < tpl.size()) {
        const QChar c = tpl.at(i);
        if (c == QLatin1Char('{')) {
            const qsizetype close = tpl.indexOf(QLatin1Char('}'), i + 1);
            if (close > i) {
                const QString name = tpl.mid(i + 1, close - i - 1);
                auto v = values.constFind(name);
                if (v != values.constEnd()) {
                    out += v->toString();
                    i = close + 1;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return out;
}

} // namespace kedai::bot
