// Orders: the Orders panel's counts, detail, audited reveal and resend, refund to saldo and the
// CSV export (issue 6). Everything runs on the engine's database pool.

#include "common/log.h"
#include "engine/engine.h"
#include "engine/engineprivate.h"
#include "store/ordercsv.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QSaveFile>
#include <QtConcurrent>

#include <limits>

namespace kedai::engine {

using common::makeError;
using common::Result;

QFuture<Result<qint64>> Engine::orderCount(const store::OrderFilter &filter)
{
    return QtConcurrent::run(&d->pool, [o = d->orders, filter] { return o->count(filter); });
}

QFuture<Result<std::optional<store::OrderDetail>>> Engine::orderDetail(const QString &ref)
{
    return QtConcurrent::run(&d->pool, [o = d->orders, ref] { return o->detail(ref); });
}

QFuture<Result<QStringList>> Engine::revealOrderItems(const QString &ref, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, ref, actor]() -> Result<QStringList> {
        if (auto ok = d->authorize(actor, domain::Permission::RevealItems); !ok)
            return ok.error();
        auto items = store::OrderService(d->db).revealItems(ref, actor);
        if (items)
            log::get("engine")->info("order {}: {} delivered items shown to {}", ref.trimmed().toUpper().left(40),
                                     items->size(), actor);
        return items;
    });
}

QFuture<Result<store::ResendOutcome>> Engine::resendDelivery(const QString &ref, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, ref, actor]() -> Result<store::ResendOutcome> {
        if (auto ok = d->authorize(actor, domain::Permission::ResendDelivery); !ok)
            return ok.error();
        // The bot's own kirimulang text, built inside the transaction from the order's items.
        const auto text = [this](const domain::Order &order) -> Result<QString> {
            if (!d->bot)
                return makeError(QStringLiteral("engine.not_started"), QStringLiteral("The engine is not running"));
            auto product = d->catalog->byId(order.productId);
            if (!product)
                return product.error();
            auto customer = d->customers->byId(order.customerId);
            if (!customer)
                return customer.error();
            return d->bot->resendText(order, product->value_or(domain::Product{}),
                                      customer->has_value() ? (*customer)->saldo : 0);
        };
        auto resent = store::OrderService(d->db).resendDelivery(ref, actor, text);
        if (!resent)
            return resent;
        if (d->sender)
            d->sender->wake();
        log::get("engine")->info("order {} resent to the customer by {}", resent->order.ref, actor);
        return resent;
    });
}

QFuture<Result<store::RefundOutcome>> Engine::refundOrder(const QString &ref, const QString &reason, bool returnItems,
                                                          const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, ref, reason, returnItems, actor]() -> Result<store::RefundOutcome> {
        if (auto ok = d->authorize(actor, domain::Permission::Refund); !ok)
            return ok.error();
        auto r = store::OrderService(d->db).refund({ref, reason, returnItems, actor});
        if (!r)
            return r;
        const domain::Order &order = r->order;
        d->invalidateCustomer(order.customerId, false);
        if (r->itemsReturned > 0)
            d->invalidateCatalog();
        Q_EMIT orderChanged(order.id, order.ref);
        Q_EMIT customerChanged(order.customerId);
        if (r->itemsReturned > 0)
            Q_EMIT stockChanged(order.productId);
        return r;
    });
}

QFuture<Result<qint64>> Engine::exportOrdersCsv(const store::OrderFilter &filter, const QString &path,
                                                const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, filter, path, actor](QPromise<Result<qint64>> &promise) {
        const auto finish = [&promise](Result<qint64> result) { promise.addResult(std::move(result)); };
        auto total = d->orders->count(filter);
        if (!total)
            return finish(total.error());
        promise.setProgressRange(0, int(qMin<qint64>(*total, std::numeric_limits<int>::max())));
        // Written next to the target and renamed at the end: a cancelled or failed export
        // leaves no half file behind (and an earlier file of that name stays as it was).
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return finish(makeError(QStringLiteral("export.open_failed"),
                                    QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())));
        auto written = store::OrderCsv::write(*d->orders, filter, file, [&promise](qint64 rows) {
            promise.setProgressValue(int(qMin<qint64>(rows, std::numeric_limits<int>::max())));
            return !promise.isCanceled();
        });
        if (!written) {
            file.cancelWriting();
            return finish(written.error());
        }
        if (!file.commit())
            return finish(makeError(QStringLiteral("export.write_failed"),
                                    QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())));
        // Customer phone numbers left the application: who, how many and which file name.
        const QJsonObject after{{QStringLiteral("rows"), *written},
                                {QStringLiteral("file"), QFileInfo(path).fileName()}};
        if (auto a = d->settings->audit(actor.isEmpty() ? QStringLiteral("system") : actor,
                                        QStringLiteral("order.export"), QStringLiteral("orders"), QString(),
                                        QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)));
            !a)
            log::get("engine")->warn("order export not audited: {}", a.error().code);
        log::get("engine")->info("{} orders exported to CSV by {}", *written, actor);
        finish(*written);
    });
}

} // namespace kedai::engine
