#include "gui/translations.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace kedai::gui {

void installTranslations(QApplication &app, const QString &language)
{
    const QString lang = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("id");

    // Dates, month names and numbers in the same language as the texts.
    QLocale::setDefault(lang == QLatin1String("en") ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                                                    : QLocale(QLocale::Indonesian, QLocale::Indonesia));

    // Called again when the owner switches the language: the previous translators go first.
    for (QTranslator *old :
         app.findChildren<QTranslator *>(QStringLiteral("kedaiTranslator"), Qt::FindDirectChildrenOnly)) {
        app.removeTranslator(old);
        delete old;
    }

    auto *kedai = new QTranslator(&app);
    kedai->setObjectName(QStringLiteral("kedaiTranslator"));
    if (kedai->load(QStringLiteral(":/i18n/kedai_%1.qm").arg(lang))) {
        app.installTranslator(kedai);
    } else {
        qWarning("Kedai translation \"%s\" not found in the resources", qUtf8Printable(lang));
        delete kedai;
    }

    // Buttons of standard dialogs (Yes/No/Cancel); missing for some languages, which is fine.
    auto *qt = new QTranslator(&app);
    qt->setObjectName(QStringLiteral("kedaiTranslator"));
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
}

} // namespace kedai::gui
