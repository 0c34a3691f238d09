#pragma once

// Private to kedai_store: column lists and row -> domain mappers shared by the repositories.

#include "domain/customer.h"
#include "domain/message.h"
#include "domain/order.h"
#include "domain/payment.h"
#include "domain/product.h"
#include "domain/stockitem.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>

namespace kedai::store::rows {

/// SELECT list of products aliased "p", with the derived stock counts.
QString productColumns();
domain::Product product(const QSqlQuery &q);
/// "SELECT … FROM products p " with prices and state but stock counts of 0: for the shop
/// operations, whose item claim is the stock check (counting would read the whole stock).
QString productWithoutCountsSelect();

QString customerColumns(); ///< of customers aliased "c"
domain::Customer customer(const QSqlQuery &q);

/// SELECT ... FROM orders o JOIN customers c JOIN products p (append WHERE/ORDER BY).
QString orderSelect();
domain::Order order(const QSqlQuery &q);

QString stockItemColumns();
domain::StockItem stockItem(const QSqlQuery &q);

/// SELECT ... FROM qris_payments q JOIN customers c LEFT JOIN orders o, products p.
QString qrisPaymentSelect();
domain::QrisPayment qrisPayment(const QSqlQuery &q);
/// SELECT ... FROM payment_notifications n LEFT JOIN qris_payments q.
QString notificationSelect();
domain::PaymentNotificationRecord notification(const QSqlQuery &q);

QString inboundColumns();
domain::InboundMessage inbound(const QSqlQuery &q);

QString outboundColumns();
domain::OutboundMessage outbound(const QSqlQuery &q);
domain::OutboundMessage outbound(const QSqlRecord &q);

} // namespace kedai::store::rows
