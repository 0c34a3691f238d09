#include "domain/interactive.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kedai::domain {

namespace {

QJsonObject choiceJson(const InteractiveChoice &c)
{
    QJsonObject o{{QStringLiteral("id"), c.id}, {QStringLiteral("title"), c.title}};
    if (!c.description.isEmpty())
        o.insert(QStringLiteral("description"), c.description);
    return o;
}

InteractiveChoice choiceFrom(const QJsonObject &o)
{
    return {o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("title")).toString(),
            o.value(QStringLiteral("description")).toString()};
}

} // namespace

QList<InteractiveChoice> Interactive::choices() const
{
    if (kind == Kind::Buttons)
        return buttons;
    QList<InteractiveChoice> all;
    for (const auto &s : sections)
        all += s.rows;
    return all;
}

QString Interactive::fallbackText(const QString &answerHint) const
{
    QString text;
    if (!header.isEmpty())
        text += QStringLiteral("*") + header + QStringLiteral("*\n");
    text += body;
    const auto all = choices();
    if (!all.isEmpty()) {
        text += QStringLiteral("\n");
        for (int i = 0; i < all.size(); ++i) {
            text += QStringLiteral("\n%1. %2").arg(i + 1).arg(all[i].title);
            if (!all[i].description.isEmpty())
                text += QStringLiteral(" — ") + all[i].description;
        }
    }
    if (!footer.isEmpty())
        text += QStringLiteral("\n\n_") + footer + QStringLiteral("_");
    if (!all.isEmpty() && !answerHint.isEmpty())
        text += QStringLiteral("\n\n") + answerHint;
    return text;
}

QString Interactive::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kind == Kind::List ? QStringLiteral("list") : QStringLiteral("buttons")},
                  {QStringLiteral("body"), body}};
    if (!header.isEmpty())
        o.insert(QStringLiteral("header"), header);
    if (!footer.isEmpty())
        o.insert(QStringLiteral("footer"), footer);
    if (!numbered)
        o.insert(QStringLiteral("numbered"), false);
    if (kind == Kind::List) {
        o.insert(QStringLiteral("button"), button);
        QJsonArray secs;
        for (const auto &s : sections) {
            QJsonArray rows;
            for (const auto &r : s.rows)
                rows.append(choiceJson(r));
            secs.append(QJsonObject{{QStringLiteral("title"), s.title}, {QStringLiteral("rows"), rows}});
        }
        o.insert(QStringLiteral("sections"), secs);
    } else {
        QJsonArray bs;
        for (const auto &b : buttons)
            bs.append(choiceJson(b));
        o.insert(QStringLiteral("buttons"), bs);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<Interactive> Interactive::fromJson(const QString &json)
{
    if (json.isEmpty())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    Interactive m;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("list"))
        m.kind = Kind::List;
    else if (kind == QLatin1String("buttons"))
        m.kind = Kind::Buttons;
    else
        return std::nullopt;
    m.header = o.value(QStringLiteral("header")).toString();
    m.body = o.value(QStringLiteral("body")).toString();
    m.footer = o.value(QStringLiteral("footer")).toString();
    m.button = o.value(QStringLiteral("button")).toString();
    m.numbered = o.value(QStringLiteral("numbered")).toBool(true);
    for (const auto &sv : o.value(QStringLiteral("sections")).toArray()) {
        InteractiveSection s;
        s.title = sv.toObject().value(QStringLiteral("title")).toString();
        for (const auto &rv : sv.toObject().value(QStringLiteral("rows")).toArray())
            s.rows << choiceFrom(rv.toObject());
        m.sections << s;
    }
    for (const auto &bv : o.value(QStringLiteral("buttons")).toArray())
        m.buttons << choiceFrom(bv.toObject());
    if (m.body.isEmpty() || m.choices().isEmpty())
        return std::nullopt;
    return m;
}

QString commandOfChoice(const QString &choiceId)
{
    if (!choiceId.startsWith(QLatin1String("cmd:")))
        return {};
    return choiceId.mid(4).trimmed();
}

} // namespace kedai::domain
