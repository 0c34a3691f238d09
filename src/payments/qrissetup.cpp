#include "payments/qrissetup.h"

#include "payments/dynamicqris.h"
#include "payments/emv.h"

namespace kedai::payments {

using common::makeError;

namespace {

const QString &copyAgain()
{
    static const QString text = QStringLiteral(
        " Copy the QRIS text again from the static QRIS your bank or wallet gave the shop (scan the printed "
        "code with a QR reader app and copy the whole text, starting with 000201).");
    return text;
}

} // namespace

common::Result<QrisSetup::State> QrisSetup::check(const QString &staticQris)
{
    const QString text = staticQris.trimmed();
    if (text.isEmpty())
        return makeError(QStringLiteral("qris.empty"), QStringLiteral("The QRIS text is empty.") + copyAgain());
    auto parsed = parseEmv(text);
    if (!parsed) {
        const QString &code = parsed.error().code;
        const QString why = code == QLatin1String("qris.crc_mismatch")
                                ? QStringLiteral("The QRIS text is damaged: its check digits (CRC) do not match, so "
                                                 "some characters are missing or changed.")
                                : QStringLiteral("This is not a valid QRIS text (%1).").arg(parsed.error().message);
        return makeError(code, why + copyAgain());
    }
    if (parsed->isDynamic() || parsed->amountText())
        return makeError(QStringLiteral("qris.already_dynamic"),
                         QStringLiteral("This QRIS is a one-time code with a fixed amount, not the shop's static "
                                        "QRIS.")
                             + copyAgain());
    if (auto probe = makeDynamicQris(text, 1); !probe)
        return makeError(probe.error().code, QStringLiteral("Kedai cannot make payment codes from this QRIS: %1.")
                                                     .arg(probe.error().message)
                                                 + copyAgain());
    State s;
    s.staticQris = text;
    s.merchant = parsed->merchantName();
    s.city = parsed->merchantCity();
    s.configured = true;
    return s;
}

common::Result<void> QrisSetup::setStatic(const QString &staticQris)
{
    if (staticQris.trimmed().isEmpty()) {
        use(State());
        return {};
    }
    auto checked = check(staticQris);
    if (!checked)
        return checked.error();
    use(checked.value());
    return {};
}

void QrisSetup::use(const State &state)
{
    QMutexLocker lock(&m_mutex);
    m_state = state;
}

void QrisSetup::load(const QString &staticQris)
{
    if (staticQris.trimmed().isEmpty()) {
        QMutexLocker lock(&m_mutex);
        m_state = State();
        return;
    }
    auto checked = check(staticQris);
    QMutexLocker lock(&m_mutex);
    if (checked) {
        m_state = checked.value();
    } else {
        m_state = State();
        m_state.configured = true;
        m_state.error = checked.error().message;
    }
}

QrisSetup::State QrisSetup::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

common::Result<QString> QrisSetup::dynamicFor(common::Rupiah amount) const
{
    const State s = state();
    if (!s.valid())
        return makeError(QStringLiteral("qris.not_configured"),
                         s.error.isEmpty() ? QStringLiteral("QRIS is not set up (QRIS_STATIC is empty).") : s.error);
    return makeDynamicQris(s.staticQris, amount);
}

QString QrisSetup::listenerKey() const
{
    QMutexLocker lock(&m_mutex);
    return m_listenerKey;
}

void QrisSetup::setListenerKey(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_listenerKey = key;
}

} // namespace kedai::payments
