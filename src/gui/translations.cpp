#include "gui/translations.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace kedai::gui {

void installTranslations(QApplication &app, const QString &language)
{
    const QString lang = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("id");

    auto *kedai = new QTranslator(&app);
    if (kedai->load(QStringLiteral(":/i18n/kedai_%1.qm").arg(lang))) {
        app.installTranslator(kedai);
    } else {
        qWarning("Kedai translation \"%s\" not found in the resources", qUtf8Printable(lang));
        delete kedai;
    }

    // Buttons of standard dialogs (Yes/No/Cancel); missing for some languages, which is fine.
    auto *qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
}

} // namespace kedai::gui
