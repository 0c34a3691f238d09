#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace kedai::gui {

/// A new password typed twice, with a strength hint under it. Used wherever a password is set
/// (first run, a new account, a password change). The text never leaves the widget except
/// through password().
class PasswordFields : public QWidget
{
    Q_OBJECT
public:
    enum class Strength { TooShort, Weak, Fair, Strong };

    explicit PasswordFields(QWidget *parent = nullptr);

    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLabel *hintLabel() const { return m_hint; }

    QString password() const;
    /// Long enough and typed the same twice.
    bool isAcceptable() const;
    void clear();

    /// A rough estimate from the length and the kinds of characters (no dictionary).
    static Strength strength(const QString &password);

Q_SIGNALS:
    void changed();

private:
    void updateHint();

    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_hint;
};

} // namespace kedai::gui
