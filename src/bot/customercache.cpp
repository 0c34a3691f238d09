#include "bot/customercache.h"

#include "cache/cachettl.h"

#include <QDataStream>
#include <QIODevice>

namespace kedai::bot {

namespace {
constexpr quint8 kFormat = 2; // 2: with the bot pause and the merge
} // namespace

CustomerCache::CustomerCache(std::shared_ptr<store::CustomerRepository> customers, std::shared_ptr<cache::ICache> cache)
    : m_customers(std::move(customers)), m_cache(std::move(cache))
{
}

QString CustomerCache::recordKey(qint64 customerId)
{
    return QStringLiteral("customer:") + QString::number(customerId);
}

QString CustomerCache::balanceKey(qint64 customerId)
{
    return QStringLiteral("balance:") + QString::number(customerId);
}

QString CustomerCache::identityKey(const QString &channel, const QString &externalId)
{
    return QStringLiteral("identity:") + channel + QLatin1Char(':') + externalId;
}

std::optional<domain::Customer> CustomerCache::cached(const QString &channel, const QString &externalId)
{
    if (!m_cache)
        return std::nullopt;
    const auto id = m_cache->get(identityKey(channel, externalId));
    if (!id)
        return std::nullopt;
    bool ok = false;
    const qint64 customerId = id->toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    const auto bytes = m_cache->get(recordKey(customerId));
    if (!bytes)
        return std::nullopt;
    auto customer = decode(*bytes);
    if (!customer || customer->id != customerId)
        return std::nullopt;
    return customer;
}

domain::Customer CustomerCache::remember(const QString &channel, const QString &externalId, domain::Customer customer)
{
    customer.saldo = 0; // the same answer as from the cache: saldo() has it
    if (!m_cache)
        return customer;
    // An identity never moves to another customer (merging customers, when it comes, must
    // invalidate it). The record changes rarely: tier, block, name.
    m_cache->put(identityKey(channel, externalId), QByteArray::number(customer.id), cache::CacheTtl::kCustomerMs);
    m_cache->put(recordKey(customer.id), encode(customer), cache::CacheTtl::kCustomerMs);
    return customer;
}

common::Result<domain::Customer> CustomerCache::ensure(const QString &channel, const QString &externalId,
                                                       const QString &phone, const QString &name, bool *wrote)
{
    if (wrote)
        *wrote = false;
    // A first name to record is a write: that is left to the repository.
    const auto namesMe = [&name](const domain::Customer &c) { return c.name.isEmpty() && !name.trimmed().isEmpty(); };
    if (auto customer = cached(channel, externalId); customer && !namesMe(*customer))
        return *customer;
    auto found = m_customers->byIdentity(channel, externalId);
    if (!found)
        return found.error();
    if (found->has_value() && !namesMe(**found))
        return remember(channel, externalId, **found);
    // First contact (or a first name): the repository writes, inside the caller's transaction.
    auto created = m_customers->ensure(channel, externalId, phone, name);
    if (!created)
        return created.error();
    if (wrote)
        *wrote = true;
    domain::Customer c = created.value();
    c.saldo = 0; // not cached: the registration is not committed yet
    return c;
}

common::Result<common::Rupiah> CustomerCache::saldo(qint64 customerId)
{
    if (m_cache) {
        if (const auto bytes = m_cache->get(balanceKey(customerId))) {
            bool ok = false;
            const common::Rupiah value = bytes->toLongLong(&ok);
            if (ok)
                return value;
        }
    }
    auto customer = m_customers->byId(customerId);
    if (!customer)
        return customer.error();
    if (!customer->has_value())
        return common::makeError(QStringLiteral("customer.not_found"),
                                 QStringLiteral("There is no customer with id %1").arg(customerId));
    if (m_cache)
        m_cache->put(balanceKey(customerId), QByteArray::number((*customer)->saldo), cache::CacheTtl::kBalanceMs);
    return (*customer)->saldo;
}

common::Result<std::optional<domain::Customer>> CustomerCache::findByPhone(const QString &phone)
{
    // "phone" is not a channel: the key only shares the identity keys' TTL and shape.
    const QString pseudoChannel = QStringLiteral("phone");
    if (auto customer = cached(pseudoChannel, phone))
        return customer;
    auto found = m_customers->byPhone(phone);
    if (!found)
        return found.error();
    if (!found->has_value())
        return std::optional<domain::Customer>();
    return std::optional<domain::Customer>(remember(pseudoChannel, phone, **found));
}

QByteArray CustomerCache::encode(const domain::Customer &c)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << kFormat << c.id << c.phone << c.name << qint32(c.tier) << c.blocked << c.createdAt << c.botPausedUntil
      << c.mergedInto;
    return out;
}

std::optional<domain::Customer> CustomerCache::decode(const QByteArray &bytes)
{
    QDataStream s(bytes);
    quint8 format = 0;
    domain::Customer c;
    qint32 tier = 0;
    s >> format;
    if (format != kFormat)
        return std::nullopt;
    s >> c.id >> c.phone >> c.name >> tier >> c.blocked >> c.createdAt >> c.botPausedUntil >> c.mergedInto;
    if (s.status() != QDataStream::Ok || c.id <= 0 || tier < 0 || tier > 2)
        return std::nullopt;
    c.tier = domain::Tier(tier);
    return c;
}

} // namespace kedai::bot
