#pragma once

#include "common/money.h"
#include "common/result.h"

#include <QMutex>
#include <QString>

namespace kedai::payments {

/// The shop's QRIS set-up, shared by the bot shards, the HTTP thread and the window
/// (thread-safe). A malformed static string is never used: QRIS is then off, and
/// `error()` says why in words the owner can act on.
class QrisSetup
{
public:
    struct State
    {
        QString staticQris;      ///< the accepted string (empty when QRIS is off)
        QString error;           ///< why the configured string was refused (empty when accepted or unset)
        QString merchant;        ///< tag 59
        QString city;            ///< tag 60
        bool configured = false; ///< a string was given (accepted or not)
        bool valid() const { return !staticQris.isEmpty(); }
    };

    /// Checks a static QRIS string: it parses, its CRC is right, it is static (tag 01 "11"),
    /// it has no amount, and a dynamic code can be made from it. The error message says what is
    /// wrong and what to do (copy the string again from the QRIS image the bank or wallet gave).
    static common::Result<State> check(const QString &staticQris);

    /// Uses `staticQris` from now on when it passes check(); an empty string switches QRIS off.
    /// A refused string changes nothing.
    common::Result<void> setStatic(const QString &staticQris);
    /// Uses a state that check() accepted (or State() for QRIS off).
    void use(const State &state);
    /// At start-up: like setStatic(), but a refused string is remembered as the error (QRIS off).
    void load(const QString &staticQris);

    State state() const;
    bool enabled() const { return state().valid(); }

    /// The one-time code for `amount` (qris.not_configured when QRIS is off).
    common::Result<QString> dynamicFor(common::Rupiah amount) const;

    QString listenerKey() const;
    void setListenerKey(const QString &key);

private:
    mutable QMutex m_mutex;
    State m_state;
    QString m_listenerKey;
};

} // namespace kedai::payments
