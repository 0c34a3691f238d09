#pragma once

#include "common/result.h"
#include "domain/ledger.h"
#include "domain/order.h"
#include "domain/payment.h"
#include "domain/product.h"
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
    /// What to tell staff about an engine error: for the codes the GUI knows a translated
    /// explanation that says what to do, otherwise the engine's (English) message.
    static QString error(const common::Error &error);
    /// Local time as dd/MM/yyyy HH:mm, empty for an invalid time.
    static QString dateTime(const QDateTime &when);
};

} // namespace kedai::gui
