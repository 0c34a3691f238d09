#include "gui/panels/settingserrors.h"

#include "gui/labels.h"

#include <QCoreApplication>
#include <QLabel>

namespace kedai::gui {

namespace {
/// The translation context of these messages.
class SettingsErrors
{
    Q_DECLARE_TR_FUNCTIONS(SettingsErrors)
public:
    static QString text(const common::Error &error);
};
} // namespace

QString settingsErrorText(const common::Error &error)
{
    return SettingsErrors::text(error);
}

QString SettingsErrors::text(const common::Error &error)
{
    const QString &c = error.code;
    if (c == QLatin1String("settings.send_rate_per_sec"))
        return tr("The send rate must be a whole number of messages per second from 0 (no cap) to 1000.");
    if (c == QLatin1String("settings.send_recipient_gap_ms"))
        return tr("The gap between two messages to one customer must be a whole number of milliseconds from 0 to "
                  "60000.");
    if (c == QLatin1String("settings.bot_pause_min"))
        return tr("The bot pause must be a whole number of minutes from 0 (never pause) to 1440.");
    if (c == QLatin1String("settings.idle_lock_min"))
        return tr("The idle lock must be a whole number of minutes from 0 (never lock) to 240.");
    if (c == QLatin1String("auth.forbidden"))
        return tr("Your account may not change settings. Ask the shop owner.");
    if (c == QLatin1String("templates.empty"))
        return tr("The reply is empty. Use \"Reset to default\" to go back to the original text.");
    if (c == QLatin1String("templates.unknown_placeholder"))
        return tr("Unknown placeholder %1: this reply cannot fill it in.")
            .arg(error.details.value(QStringLiteral("names")).toStringList().join(QStringLiteral(", ")));
    if (c == QLatin1String("templates.missing_placeholder"))
        return tr("The reply must keep %1.")
            .arg(error.details.value(QStringLiteral("names")).toStringList().join(QStringLiteral(", ")));
    return Labels::error(error);
}

void showSettingsError(QLabel *label, const QString &text)
{
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void showSettingsResult(QLabel *label, const common::Result<void> &result, const QString &ok)
{
    if (!result) {
        showSettingsError(label, settingsErrorText(result.error()));
        return;
    }
    label->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    label->setText(ok);
    label->setVisible(!ok.isEmpty());
}

} // namespace kedai::gui
