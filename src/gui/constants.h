#pragma once

#include <QString>

namespace kedai::gui {

/// Engine signals arriving within this many milliseconds cause one reload.
inline constexpr int kReloadDelayMs = 100;

/// How long transient messages stay in the status bar.
inline constexpr int kStatusTimeoutMs = 8000;

} // namespace kedai::gui
