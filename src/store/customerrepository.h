#pragma once

#include "common/result.h"
#include "domain/customer.h"
#include "domain/ledger.h"
#include "store/database.h"

#include <QList>
#include <QPair>
#include <QStringList>

#include <memory>
#include <optional>

namespace kedai::store {

/// What CustomerRepository::merge() did (the engine drops the cache keys of what moved).
struct CustomerMergeResult
{
    domain::Customer into; ///< after the merge
    domain::Customer from; ///< after the merge: saldo 0, merged_into = into
    /// (channel, external id) of the identities that moved from `from` to `into`.
    QList<QPair<QString, QString>> movedIdentities;
    QString fromPhone; ///< `from`'s phone before the merge (empty when none)
    bool phoneMoved = false;
    common::Rupiah movedSaldo = 0;
};

/// Customers, their channel identities, and the saldo ledger.
class CustomerRepository
{
public:
    explicit CustomerRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// The customer behind (channel, externalId); created with its identity on first contact.
    /// `phone` is the normalised number when the channel knows it (may equal externalId).
    common::Result<domain::Customer> ensure(const QString &channel, const QString &externalId, const QString &phone,
                                            const QString &name);
    /// The customer behind (channel, externalId), without creating one.
    common::Result<std::optional<domain::Customer>> byIdentity(const QString &channel, const QString &externalId);
    common::Result<std::optional<domain::Customer>> byId(qint64 id);
    /// The customer with this phone number; a merged customer's number finds the one they were
    /// merged into.
    common::Result<std::optional<domain::Customer>> byPhone(const QString &phone);
    /// Search in phone and name; empty term = all (newest first), at most `limit`. Merged
    /// customers are left out.
    common::Result<QList<domain::Customer>> list(const QString &term = {}, int limit = 500);
    /// One page of list(): customers with an id below `beforeId` (0: from the newest), newest
    /// first, at most `limit` (keyset paging, so page 100 costs what page 1 does).
    common::Result<QList<domain::Customer>> page(const QString &term, qint64 beforeId, int limit);

    common::Result<domain::Customer> setTier(qint64 customerId, domain::Tier tier, const QString &actor);
    /// Blocks or unblocks; a change of state forgets that the blocked reply was sent, so the
    /// next block is told once again.
    common::Result<domain::Customer> setBlocked(qint64 customerId, bool blocked, const QString &actor);
    /// True for exactly one caller per block of a blocked customer (a conditional UPDATE of
    /// customers.blocked_notified_at): the one who sends the polite "blocked" reply. False when
    /// it was sent already or the customer is not blocked.
    common::Result<bool> claimBlockedNotice(qint64 customerId);

    /// The only way saldo changes outside a purchase: one transaction that updates
    /// customers.saldo (refusing a negative result) and writes the ledger row and an audit row.
    /// Errors: ledger.zero, ledger.insufficient (details: saldo, delta), ledger.too_large, customer.not_found.
    common::Result<domain::LedgerEntry> postLedger(qint64 customerId, common::Rupiah delta, domain::LedgerKind kind,
                                                   const QString &actor, const QString &reference, const QString &note);
    common::Result<QList<domain::LedgerEntry>> ledger(qint64 customerId, int limit = 100);

    /// Merges customer `fromId` into `intoId` in one transaction (audited with both saldos and
    /// identity lists): identities, orders, QRIS payments and ledger rows move to `into`, the
    /// saldo is added (from ends with 0 and no ledger rows, so saldo == sum(ledger) holds for
    /// both), `from` gets merged_into and leaves the lists; `from`'s phone moves when `into` has
    /// none. Errors: customer.merge_self, customer.not_found, customer.merged (from or into was
    /// merged already), customer.merge_pending_qris (both have a QRIS payment waiting),
    /// ledger.too_large.
    common::Result<CustomerMergeResult> merge(qint64 fromId, qint64 intoId, const QString &actor);
    /// (channel, external id) of the customer's identities, oldest first.
    common::Result<QList<QPair<QString, QString>>> identities(qint64 customerId);

    /// Customers whose saldo differs from the sum of their ledger deltas (should be empty).
    common::Result<QList<qint64>> ledgerMismatches();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
