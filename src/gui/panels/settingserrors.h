#pragma once

#include "common/result.h"

#include <QString>

class QLabel;

namespace kedai::gui {

/// What to tell the owner about a refused setting, translated (the engine's message for codes
/// the window does not know).
QString settingsErrorText(const common::Error &error);

/// Shows `ok` (green) or the error (red) in `label`.
void showSettingsResult(QLabel *label, const common::Result<void> &result, const QString &ok);
void showSettingsError(QLabel *label, const QString &text);

} // namespace kedai::gui
