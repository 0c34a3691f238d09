#include "store/rows.h"

#include "store/sqlutil.h"

namespace kedai::store::rows {

namespace {
// Rows come as a query positioned on a row or as a record read from a RETURNING clause.
template<typename Row>
QString text(const Row &q, const char *column)
{
    return q.value(QLatin1String(column)).toString();
}
template<typename Row>
qint64 integer(const Row &q, const char *column)
{
    return q.value(QLatin1String(column)).toLongLong();
}
template<typename Row>
QDateTime time(const Row &q, const char *column)
{
    return sql::fromDb(q.value(QLatin1String(column)));
}
} // namespace

QString productColumns()
{
    return QStringLiteral(
        "p.id, p.code, p.name, p.description, p.terms, p.category, p.kind, p.price_bronze, p.price_silver, "
        "p.price_gold, p.active, p.low_stock_threshold, "
        "(SELECT COUNT(*) FROM stock_items s WHERE s.product_id = p.id AND s.status = 'available') AS stock_available, "
        "(SELECT COUNT(*) FROM stock_items s WHERE s.product_id = p.id AND s.status = 'sold') AS stock_sold");
}

QString productWithoutCountsSelect()
{
    return QStringLiteral("SELECT p.id, p.code, p.name, p.description, p.terms, p.category, p.kind, "
                          "p.price_bronze, p.price_silver, p.price_gold, p.active, p.low_stock_threshold, "
                          "0 AS stock_available, 0 AS stock_sold FROM products p ");
}

domain::Product product(const QSqlQuery &q)
{
    domain::Product p;
    p.id = integer(q, "id");
    p.code = text(q, "code");
    p.name = text(q, "name");
    p.description = text(q, "description");
    p.terms = text(q, "terms");
    p.category = text(q, "category");
    p.kind = domain::parseProductKind(text(q, "kind"));
    p.priceBronze = integer(q, "price_bronze");
    p.priceSilver = integer(q, "price_silver");
    p.priceGold = integer(q, "price_gold");
    p.active = integer(q, "active") != 0;
    p.lowStockThreshold = int(integer(q, "low_stock_threshold"));
    p.stockAvailable = integer(q, "stock_available");
    p.sold = integer(q, "stock_sold");
    return p;
}

QString customerColumns()
{
    return QStringLiteral(
        "c.id, c.phone, c.name, c.tier, c.saldo, c.blocked, c.created_at, c.bot_paused_until, c.merged_into");
}

domain::Customer customer(const QSqlQuery &q)
{
    domain::Customer c;
    c.id = integer(q, "id");
    c.phone = text(q, "phone");
    c.name = text(q, "name");
    c.tier = domain::parseTier(text(q, "tier")).value_or(domain::Tier::Bronze);
    c.saldo = integer(q, "saldo");
    c.blocked = integer(q, "blocked") != 0;
    c.createdAt = time(q, "created_at");
    c.botPausedUntil = time(q, "bot_paused_until");
    c.mergedInto = integer(q, "merged_into");
    return c;
}

QString orderSelect()
{
    return QStringLiteral(
        "SELECT o.id, o.ref, o.customer_id, c.phone AS customer_phone, c.name AS customer_name, o.product_id, "
        "p.code AS product_code, "
        "p.name AS product_name, o.qty, o.unit_price, o.total, o.unique_code, o.payable, o.method, o.status, "
        "o.created_at, o.paid_at, o.delivered_at, o.expires_at FROM orders o JOIN customers c ON c.id = o.customer_id "
        "JOIN products p ON p.id = o.product_id ");
}

domain::Order order(const QSqlQuery &q)
{
    domain::Order o;
    o.id = integer(q, "id");
    o.ref = text(q, "ref");
    o.customerId = integer(q, "customer_id");
    o.customerPhone = text(q, "customer_phone");
    o.customerName = text(q, "customer_name");
    o.productId = integer(q, "product_id");
    o.productCode = text(q, "product_code");
    o.productName = text(q, "product_name");
    o.qty = int(integer(q, "qty"));
    o.unitPrice = integer(q, "unit_price");
    o.total = integer(q, "total");
    o.uniqueCode = integer(q, "unique_code");
    o.payable = integer(q, "payable");
    o.method = domain::parsePaymentMethod(text(q, "method")).value_or(domain::PaymentMethod::Saldo);
    o.status = domain::parseOrderStatus(text(q, "status")).value_or(domain::OrderStatus::Pending);
    o.createdAt = time(q, "created_at");
    o.paidAt = time(q, "paid_at");
    o.deliveredAt = time(q, "delivered_at");
    o.expiresAt = time(q, "expires_at");
    return o;
}

QString stockItemColumns()
{
    return QStringLiteral("id, product_id, content, status, order_id, created_at");
}

domain::StockItem stockItem(const QSqlQuery &q)
{
    domain::StockItem s;
    s.id = integer(q, "id");
    s.productId = integer(q, "product_id");
    s.content = text(q, "content");
    s.status = domain::parseStockStatus(text(q, "status"));
    s.orderId = integer(q, "order_id");
    s.createdAt = time(q, "created_at");
    return s;
}

QString inboundColumns()
{
    return QStringLiteral(
        "id, channel, external_id, from_id, name, type, text, media_path, media_id, media_mime, received_at");
}

domain::InboundMessage inbound(const QSqlQuery &q)
{
    domain::InboundMessage m;
    m.id = integer(q, "id");
    m.channel = text(q, "channel");
    m.externalId = text(q, "external_id");
    m.from = text(q, "from_id");
    m.name = text(q, "name");
    m.type = domain::parseMessageType(text(q, "type"));
    m.text = text(q, "text");
    m.mediaPath = text(q, "media_path");
    m.mediaId = text(q, "media_id");
    m.mediaMime = text(q, "media_mime");
    m.receivedAt = time(q, "received_at");
    return m;
}

QString outboundColumns()
{
    return QStringLiteral(
        "id, channel, recipient, type, text, media_path, status, attempts, last_error, "
        "external_id, inbox_id, created_at, sent_at, payload, delivery, delivery_at, error_code, sent_by");
}

domain::OutboundMessage outbound(const QSqlQuery &q)
{
    return outbound(q.record());
}

domain::OutboundMessage outbound(const QSqlRecord &q)
{
    domain::OutboundMessage m;
    m.id = integer(q, "id");
    m.channel = text(q, "channel");
    m.to = text(q, "recipient");
    m.type = domain::parseMessageType(text(q, "type"));
    m.text = text(q, "text");
    m.mediaPath = text(q, "media_path");
    m.status = text(q, "status");
    m.attempts = int(integer(q, "attempts"));
    m.lastError = text(q, "last_error");
    m.externalId = text(q, "external_id");
    m.inboxId = integer(q, "inbox_id");
    m.createdAt = time(q, "created_at");
    m.sentAt = time(q, "sent_at");
    m.payload = text(q, "payload");
    m.delivery = text(q, "delivery");
    m.deliveryAt = time(q, "delivery_at");
    m.errorCode = int(integer(q, "error_code"));
    m.sentBy = text(q, "sent_by");
    return m;
}

QString qrisPaymentSelect()
{
    return QStringLiteral(
        "SELECT q.id, q.ref, q.purpose, q.customer_id, c.phone AS customer_phone, c.name AS customer_name, "
        "q.order_id, p.code AS product_code, p.name AS product_name, o.qty AS qty, q.channel, q.recipient, "
        "q.amount, q.unique_code, q.payable, q.bonus, q.status, q.created_at, q.expires_at, q.closed_at, "
        "q.closed_by, q.note, q.notification_id, q.qr_path FROM qris_payments q "
        "JOIN customers c ON c.id = q.customer_id LEFT JOIN orders o ON o.id = q.order_id "
        "LEFT JOIN products p ON p.id = o.product_id ");
}

domain::QrisPayment qrisPayment(const QSqlQuery &q)
{
    domain::QrisPayment p;
    p.id = integer(q, "id");
    p.ref = text(q, "ref");
    p.purpose = domain::parseQrisPurpose(text(q, "purpose")).value_or(domain::QrisPurpose::Order);
    p.customerId = integer(q, "customer_id");
    p.customerPhone = text(q, "customer_phone");
    p.customerName = text(q, "customer_name");
    p.orderId = integer(q, "order_id");
    p.productCode = text(q, "product_code");
    p.productName = text(q, "product_name");
    p.qty = int(integer(q, "qty"));
    p.channel = text(q, "channel");
    p.recipient = text(q, "recipient");
    p.amount = integer(q, "amount");
    p.uniqueCode = integer(q, "unique_code");
    p.payable = integer(q, "payable");
    p.bonus = integer(q, "bonus");
    p.status = domain::parseQrisStatus(text(q, "status")).value_or(domain::QrisStatus::Pending);
    p.createdAt = time(q, "created_at");
    p.expiresAt = time(q, "expires_at");
    p.closedAt = time(q, "closed_at");
    p.closedBy = text(q, "closed_by");
    p.note = text(q, "note");
    p.notificationId = integer(q, "notification_id");
    p.qrPath = text(q, "qr_path");
    return p;
}

QString notificationSelect()
{
    return QStringLiteral(
        "SELECT n.id, n.package_name, n.app_name, n.app_id, n.title, n.text, n.amount, n.posted_at, n.received_at, "
        "n.status, n.payment_id, q.ref AS payment_ref, n.repeats, n.resolved_by, n.resolved_at, n.note "
        "FROM payment_notifications n LEFT JOIN qris_payments q ON q.id = n.payment_id ");
}

domain::PaymentNotificationRecord notification(const QSqlQuery &q)
{
    domain::PaymentNotificationRecord n;
    n.id = integer(q, "id");
    n.packageName = text(q, "package_name");
    n.appName = text(q, "app_name");
    n.appId = text(q, "app_id");
    n.title = text(q, "title");
    n.text = text(q, "text");
    if (!q.value(QStringLiteral("amount")).isNull())
        n.amount = q.value(QStringLiteral("amount")).toLongLong();
    n.postedAt = time(q, "posted_at");
    n.receivedAt = time(q, "received_at");
    n.status = domain::parseNotificationStatus(text(q, "status")).value_or(domain::NotificationStatus::Unparsed);
    n.paymentId = integer(q, "payment_id");
    n.paymentRef = text(q, "payment_ref");
    n.repeats = int(integer(q, "repeats"));
    n.resolvedBy = text(q, "resolved_by");
    n.resolvedAt = time(q, "resolved_at");
    n.note = text(q, "note");
    return n;
}

} // namespace kedai::store::rows
