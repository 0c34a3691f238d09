#pragma once

#include <QString>

namespace kedai::gui {

/// The actor recorded in the audit log and the ledger for changes made in this window.
inline QString desktopActor()
{
    return QStringLiteral("staff:desktop");
}

/// Engine signals arriving within this many milliseconds cause one reload.
inline constexpr int kReloadDelayMs = 100;

/// How long transient messages stay in the status bar.
inline constexpr int kStatusTimeoutMs = 8000;

} // namespace kedai::gui
