#include "domain/payment.h"

#include <array>

namespace kedai::domain {

namespace {

template<typename Enum, std::size_t N>
std::optional<Enum> parseByName(const QString &text, const std::array<Enum, N> &all, QString (*name)(Enum))
{
    for (const Enum value : all) {
        if (name(value) == text)
            return value;
    }
    return std::nullopt;
}

} // namespace

QString qrisPurposeName(QrisPurpose purpose)
{
    return purpose == QrisPurpose::Deposit ? QStringLiteral("deposit") : QStringLiteral("order");
}

std::optional<QrisPurpose> parseQrisPurpose(const QString &text)
{
    return parseByName(text, std::array{QrisPurpose::Order, QrisPurpose::Deposit}, &qrisPurposeName);
}

QString qrisStatusName(QrisStatus status)
{
    switch (status) {
    case QrisStatus::Pending: return QStringLiteral("pending");
    case QrisStatus::Paid: return QStringLiteral("paid");
    case QrisStatus::Expired: return QStringLiteral("expired");
    case QrisStatus::Cancelled: return QStringLiteral("cancelled");
    case QrisStatus::Credited: return QStringLiteral("credited");
    }
    return QStringLiteral("pending");
}

std::optional<QrisStatus> parseQrisStatus(const QString &text)
{
    return parseByName(text,
                       std::array{QrisStatus::Pending, QrisStatus::Paid, QrisStatus::Expired, QrisStatus::Cancelled,
                                  QrisStatus::Credited},
                       &qrisStatusName);
}

QString notificationStatusName(NotificationStatus status)
{
    switch (status) {
    case NotificationStatus::Matched: return QStringLiteral("matched");
    case NotificationStatus::Credited: return QStringLiteral("credited");
    case NotificationStatus::Unmatched: return QStringLiteral("unmatched");
    case NotificationStatus::Assigned: return QStringLiteral("assigned");
    case NotificationStatus::Unparsed: return QStringLiteral("unparsed");
    case NotificationStatus::Ignored: return QStringLiteral("ignored");
    }
    return QStringLiteral("unparsed");
}

std::optional<NotificationStatus> parseNotificationStatus(const QString &text)
{
    return parseByName(text,
                       std::array{NotificationStatus::Matched, NotificationStatus::Credited,
                                  NotificationStatus::Unmatched, NotificationStatus::Assigned,
                                  NotificationStatus::Unparsed, NotificationStatus::Ignored},
                       &notificationStatusName);
}

} // namespace kedai::domain
