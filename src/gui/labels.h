#pragma once

#include "common/result.h"
#include "domain/ledger.h"
#include "domain/order.h"
#include "domain/payment.h"
#include "domain/product.h"
#include "domain/staff.h"
#include "domain/stockitem.h"
#include "domain/tier.h"

#include <QCoreApplication>
#include <QString>

namespace kedai::gui {

/// Translated display names of the domain's enumerations (the domain keeps stable, untranslated
/// names for storage and the bot).
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(kedai::gui::Labels)
public:
    static QString orderStatus(domain::OrderStatus status);
    static QString paymentMethod(domain::PaymentMethod method);
    static QString productKind(domain::ProductKind kind);
    static QString stockStatus(domain::StockStatus status);
    static QString tier(domain::Tier tier);
    static QString ledgerKind(domain::LedgerKind kind);
    static QString qrisStatus(domain::QrisStatus status);
    static QString notificationStatus(domain::NotificationStatus status);
    static QString yesNo(bool value);
    static QString staffRole(domain::StaffRole role);
    /// A friendly name for an audit-log action ("ledger.post" → "Saldo changed"); unknown
    /// actions are shown as they are stored.
    static QString auditAction(const QString &action);
    /// Who an audit row names: a desktop account's username, "System", or the actor as stored
    /// (an owner's WhatsApp number).
    static QString auditActor(const QString &actor);
    /// What to tell staff about an engine error: for the codes the GUI knows a translated
    /// explanation that says what to do, otherwise the engine's (English) message.
    static QString error(const common::Error &error);
    /// Local time in the window's language ("21 Nov 2026 14.30" / "21 Nov 2026 14:30"), empty for an
    /// invalid time.
    static QString dateTime(const QDateTime &when);
};

} // namespace kedai::gui
