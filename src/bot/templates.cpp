#include "bot/templates.h"

#include "common/log.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

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
    return renderText(*it, values);
}

QString Templates::renderText(const QString &tpl, const QVariantMap &values)
{
    // One pass over the template so a value containing "{x}" is never substituted again.
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

QStringList Templates::keys() const
{
    QStringList out;
    for (auto it = m_texts.begin(); it != m_texts.end(); ++it) {
        if (!it.key().startsWith(QLatin1Char('_')))
            out << it.key();
    }
    out.sort();
    return out;
}

QStringList Templates::placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!out.contains(name))
            out << name;
    }
    return out;
}

common::Result<void> Templates::checkOverride(const QString &original, const QString &text)
{
    if (text.trimmed().isEmpty())
        return common::makeError(QStringLiteral("templates.empty"),
                                 QStringLiteral("The reply is empty; use \"Reset to default\" to go back to the "
                                                "original text."));
    const QStringList allowed = placeholders(original);
    const QStringList used = placeholders(text);
    QStringList unknown, missing;
    for (const QString &name : used) {
        if (!allowed.contains(name) && name != QLatin1String("shop"))
            unknown << QLatin1Char('{') + name + QLatin1Char('}');
    }
    for (const QString &name : allowed) {
        if (!used.contains(name))
            missing << QLatin1Char('{') + name + QLatin1Char('}');
    }
    if (!unknown.isEmpty())
        return common::makeError(QStringLiteral("templates.unknown_placeholder"),
                                 QStringLiteral("Unknown placeholder %1: this reply can use only %2.")
                                     .arg(unknown.join(QStringLiteral(", ")),
                                          allowed.isEmpty() ? QStringLiteral("none")
                                                            : QLatin1Char('{') + allowed.join(QStringLiteral("}, {"))
                                                                  + QLatin1Char('}')),
                                 QVariantMap{{QStringLiteral("names"), unknown}});
    if (!missing.isEmpty())
        return common::makeError(QStringLiteral("templates.missing_placeholder"),
                                 QStringLiteral("The reply must keep %1.").arg(missing.join(QStringLiteral(", "))),
                                 QVariantMap{{QStringLiteral("names"), missing}});
    return {};
}

QVariantMap Templates::sampleValues(const QStringList &names, const QString &shopName)
{
    static const QHash<QString, QString> samples{
        {QStringLiteral("name"), QStringLiteral("Budi")},
        {QStringLiteral("code"), QStringLiteral("NF1")},
        {QStringLiteral("example"), QStringLiteral("NF1")},
        {QStringLiteral("product"), QStringLiteral("Netflix Premium 1 Bulan")},
        {QStringLiteral("qty"), QStringLiteral("1")},
        {QStringLiteral("price"), QStringLiteral("Rp 35.000")},
        {QStringLiteral("total"), QStringLiteral("Rp 35.000")},
        {QStringLiteral("saldo"), QStringLiteral("Rp 465.000")},
        {QStringLiteral("ref"), QStringLiteral("KD-20261121-0001")},
        {QStringLiteral("tier"), QStringLiteral("bronze")},
        {QStringLiteral("stock"), QStringLiteral("12")},
        {QStringLiteral("sold"), QStringLiteral("40")},
        {QStringLiteral("term"), QStringLiteral("netflix")},
        {QStringLiteral("category"), QStringLiteral("Streaming")},
        {QStringLiteral("seconds"), QStringLiteral("42")},
        {QStringLiteral("minutes"), QStringLiteral("30")},
    };
    QVariantMap out;
    for (const QString &name : names)
        out.insert(name, samples.value(name, QLatin1Char('<') + name + QLatin1Char('>')));
    out.insert(QStringLiteral("shop"), shopName);
    return out;
}

} // namespace kedai::bot
