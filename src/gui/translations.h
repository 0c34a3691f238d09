#pragma once

#include <QString>

class QApplication;

namespace kedai::gui {

/// Installs the translator for "id" or "en" (loads :/i18n/kedai_<lang>.qm, and Qt's own
/// translations for standard dialogs when they are installed); call before creating widgets.
/// An unknown language falls back to "id". Called again, it replaces the previous language
/// (widgets made before keep their texts: the application builds its window again).
void installTranslations(QApplication &app, const QString &language);

} // namespace kedai::gui
