#include "gui/dialogs/passwordfields.h"

#include "common/passwordhash.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSet>

namespace kedai::gui {

PasswordFields::PasswordFields(QWidget *parent)
    : QWidget(parent), m_password(new QLineEdit(this)), m_repeat(new QLineEdit(this)), m_hint(new QLabel(this))
{
    m_password->setObjectName(QStringLiteral("newPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setObjectName(QStringLiteral("repeatPasswordEdit"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_hint->setObjectName(QStringLiteral("passwordHintLabel"));
    m_hint->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Repeat password:"), m_repeat);
    form->addRow(QString(), m_hint);

    connect(m_password, &QLineEdit::textChanged, this, &PasswordFields::updateHint);
    connect(m_repeat, &QLineEdit::textChanged, this, &PasswordFields::updateHint);
    updateHint();
}

QString PasswordFields::password() const
{
    return m_password->text();
}

bool PasswordFields::isAcceptable() const
{
    return m_password->text().size() >= common::PasswordHash::kMinLength && m_password->text() == m_repeat->text();
}

void PasswordFields::clear()
{
    m_password->clear();
    m_repeat->clear();
}

PasswordFields::Strength PasswordFields::strength(const QString &password)
{
    if (password.size() < common::PasswordHash::kMinLength)
        return Strength::TooShort;
    bool lower = false, upper = false, digit = false, other = false;
    QSet<QChar> distinct;
    for (const QChar c : password) {
        distinct.insert(c);
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    const int kinds = int(lower) + int(upper) + int(digit) + int(other);
    // "aaaaaaaa" or "12121212" are long enough but guessed at once.
    if (distinct.size() < 5 || (kinds == 1 && password.size() < 12))
        return Strength::Weak;
    if (password.size() >= 14 || (password.size() >= 10 && kinds >= 3))
        return Strength::Strong;
    return Strength::Fair;
}

void PasswordFields::updateHint()
{
    const QString text = m_password->text();
    QString hint;
    QString color = QStringLiteral("#c0392b");
    switch (strength(text)) {
    case Strength::TooShort: hint = tr("At least %1 characters.").arg(common::PasswordHash::kMinLength); break;
    case Strength::Weak:
        hint = tr("Weak: easy to guess. Use a longer password or mix letters, digits and signs.");
        break;
    case Strength::Fair:
        hint = tr("Fair. Longer is better: a short sentence is easy to remember and hard to guess.");
        color = QStringLiteral("#b9770e");
        break;
    case Strength::Strong:
        hint = tr("Strong.");
        color = QStringLiteral("#1e8449");
        break;
    }
    if (!m_repeat->text().isEmpty() && m_repeat->text() != text) {
        hint += QLatin1Char(' ') + tr("The two passwords are not the same.");
        color = QStringLiteral("#c0392b");
    }
    m_hint->setText(hint);
    m_hint->setStyleSheet(QStringLiteral("color: %1;").arg(color));
    Q_EMIT changed();
}

} // namespace kedai::gui
