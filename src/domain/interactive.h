#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace kedai::domain {

/// One choice of an interactive message: a list row or a reply button. `id` is what comes back
/// when the customer picks it: a bot command prefixed with "cmd:" (e.g. "cmd:buy NF1 1").
struct InteractiveChoice
{
    QString id;
    QString title;       ///< list rows ≤ 24 characters, buttons ≤ 20 (channels cut longer ones)
    QString description; ///< list rows only, ≤ 72
};

struct InteractiveSection
{
    QString title;
    QList<InteractiveChoice> rows;
};

/// An interactive message (PROTOCOLS.md §1.5): a list (the catalog) or up to 3 reply buttons.
/// Stored as JSON in outbox.payload; channels without interactive messages send fallbackText(),
/// and a customer who answers that text with a number gets the numbered choice.
struct Interactive
{
    enum class Kind { List, Buttons };
    Kind kind = Kind::Buttons;
    QString header;                     ///< optional, plain text
    QString body;                       ///< required
    QString footer;                     ///< optional
    QString button;                     ///< list only: the label of the button that opens the list
    QList<InteractiveSection> sections; ///< list only (≤ 10 rows in total are shown as a list)
    QList<InteractiveChoice> buttons;   ///< buttons only (≤ 3)
    /// Whether the text sent instead shows the choices' numbers, so that a bare number answers
    /// it (false: a number is not taken as a choice the customer never saw).
    bool numbered = true;

    /// Every choice in order (list rows over all sections, or the buttons): choice n of the
    /// numbered fallback is choices()[n - 1].
    QList<InteractiveChoice> choices() const;
    /// The body followed by the numbered choices and how to answer, e.g.
    /// "…\n\n1. Netflix 1 Bulan — Rp 35.000\n2. …\n\nBalas dengan angka pilihan Anda."
    QString fallbackText(const QString &answerHint) const;
    QString toJson() const;
    /// nullopt for an empty or malformed payload.
    static std::optional<Interactive> fromJson(const QString &json);
};

/// The command a picked choice stands for ("cmd:buy NF1 1" → "buy NF1 1"); empty when the id is
/// not a command.
QString commandOfChoice(const QString &choiceId);

} // namespace kedai::domain
