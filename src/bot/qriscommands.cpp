// QRIS commands: buynow (pay an order by QRIS), deposit (top up saldo by QRIS), batal, and the
// owner's konfirmasi. The store does the money and stock work (store::QrisService); this file
// turns its events into the customer's messages, including the QR image.
#include "bot/bot.h"
#include "common/ids.h"
#include "common/log.h"
#include "payments/qrimage.h"

#include <QDir>
#include <QRandomGenerator>

namespace kedai::bot {

using common::formatRupiah;
using store::QrisEvent;

namespace {

QString key(const char *k)
{
    return QString::fromLatin1(k);
}

/// One file per payment, never shared: the ref plus random bits, so two customers can never
/// be sent each other's image, even if a ref were reused after a rollback.
QString imagePath(const QString &mediaDir, const QString &ref)
{
    const quint64 r = QRandomGenerator::system()->generate64();
    return QDir(mediaDir).filePath(QStringLiteral("qris-%1-%2.png").arg(ref).arg(r, 16, 16, QLatin1Char('0')));
}

} // namespace

store::QrisOptions Bot::qrisOptions() const
{
    store::QrisOptions o;
    o.expiryMinutes = m_deps->qrisExpiryMin;
    if (m_deps->settings) {
        if (auto max = m_deps->settings->value(QStringLiteral("qris_code_max")); max && !max->isEmpty()) {
            bool ok = false;
            const int v = max->toInt(&ok);
            if (ok && v >= 1)
                o.codeMax = qMin(v, store::QrisOptions::kMaxCodeMax);
        }
        if (auto bonus = m_deps->settings->value(QStringLiteral("deposit_bonus")); bonus) {
            if (auto rule = store::BonusRule::parse(*bonus))
                o.bonus = *rule;
        }
    }
    return o;
}

common::Result<QList<domain::OutboundMessage>> Bot::qrisMessages(const QrisEvent &event) const
{
    const domain::QrisPayment &p = event.payment;
    if (p.channel.isEmpty() || p.recipient.isEmpty())
        return QList<domain::OutboundMessage>();
    domain::OutboundMessage out;
    out.channel = p.channel;
    out.to = p.recipient;
    out.type = domain::MessageType::Text;
    const QString expires = formatWhen(p.expiresAt);
    const qint64 minutes = qMax<qint64>(1, (p.createdAt.secsTo(p.expiresAt) + 59) / 60);
    switch (event.kind) {
    case QrisEvent::Kind::Created: {
        auto payload = m_deps->qrisSetup
                           ? m_deps->qrisSetup->dynamicFor(p.payable)
                           : common::Result<QString>(
                               common::makeError(QStringLiteral("qris.not_configured"), QStringLiteral("QRIS is off")));
        if (!payload)
            return payload.error();
        auto path = payments::writeQrisPng(*payload, m_deps->config.shopName, p.payable,
                                           imagePath(m_deps->mediaDir, p.ref));
        if (!path)
            return path.error();
        out.type = domain::MessageType::Image;
        out.mediaPath = *path;
        if (p.purpose == domain::QrisPurpose::Order) {
            out.text = t(key("qris.order_created"), {{key("ref"), p.ref},
                                                     {key("product"), p.productName},
                                                     {key("qty"), p.qty},
                                                     {key("total"), formatRupiah(p.amount)},
                                                     {key("code"), formatRupiah(p.uniqueCode)},
                                                     {key("payable"), formatRupiah(p.payable)},
                                                     {key("expires"), expires},
                                                     {key("minutes"), minutes}});
        } else {
            const QString bonus = p.bonus > 0
                                      ? t(key("qris.deposit_bonus_line"), {{key("bonus"), formatRupiah(p.bonus)}})
                                      : QString();
            out.text = t(key("qris.deposit_created"), {{key("ref"), p.ref},
                                                       {key("nominal"), formatRupiah(p.amount)},
                                                       {key("code"), formatRupiah(p.uniqueCode)},
                                                       {key("bonus"), bonus},
                                                       {key("payable"), formatRupiah(p.payable)},
                                                       {key("expires"), expires},
                                                       {key("minutes"), minutes}});
        }
        break;
    }
    case QrisEvent::Kind::Paid:
        out.text = deliveryText(key("delivery.qris"), event.order, event.product, event.saldoAfter);
        break;
    case QrisEvent::Kind::Deposited:
        out.text = t(key("qris.deposited"), {{key("ref"), p.ref},
                                             {key("credited"), formatRupiah(event.credited)},
                                             {key("saldo"), formatRupiah(event.saldoAfter)}});
        break;
    case QrisEvent::Kind::LateCredited:
        out.text = t(key("qris.late_credited"), {{key("ref"), p.ref},
                                                 {key("amount"), formatRupiah(event.credited)},
                                                 {key("saldo"), formatRupiah(event.saldoAfter)}});
        break;
    case QrisEvent::Kind::Expired:
        out.text = t(key("qris.expired"), {{key("ref"), p.ref}, {key("payable"), formatRupiah(p.payable)}});
        break;
    case QrisEvent::Kind::Cancelled:
        out.text = t(key("qris.cancelled"), {{key("ref"), p.ref}, {key("payable"), formatRupiah(p.payable)}});
        break;
    }
    return QList<domain::OutboundMessage>{out};
}

void Bot::noteQrisEvent(HandleOutcome &outcome, const QrisEvent &event)
{
    const domain::QrisPayment &p = event.payment;
    outcome.qris.append({p.ref, domain::qrisStatusName(p.status)});
    if (p.orderId > 0) {
        outcome.orders.append({p.orderId, p.ref});
        if (event.order.productId > 0)
            outcome.products.insert(event.order.productId); // reserved, sold or back in stock
    }
    if (event.credited != 0)
        outcome.customers.insert(p.customerId);
}

store::QrisMessenger Bot::commandMessenger(Ctx &ctx, int *queued) const
{
    const qint64 inboxId = ctx.msg.id;
    return [this, inboxId, queued](const QrisEvent &event) -> common::Result<QList<domain::OutboundMessage>> {
        auto built = qrisMessages(event);
        if (!built)
            return built;
        QList<domain::OutboundMessage> messages = built.value();
        for (auto &m : messages) {
            if (m.channel == event.payment.channel && m.to == event.payment.recipient)
                m.inboxId = inboxId;
        }
        *queued += int(messages.size());
        return messages;
    };
}

bool Bot::qrisReady(Ctx &ctx)
{
    if (m_deps->qris && m_deps->qrisSetup && m_deps->qrisSetup->enabled())
        return true;
    replyKey(ctx, key("qris.off"));
    return false;
}

void Bot::qrisError(Ctx &ctx, const common::Error &error, const QString &code)
{
    const QVariantMap &d = error.details;
    if (error.code == QLatin1String("qris.pending_exists"))
        return replyKey(ctx, key("qris.pending_exists"),
                        {{key("ref"), d.value(key("ref"))},
                         {key("payable"), formatRupiah(d.value(key("payable")).toLongLong())},
                         {key("expires"), formatWhen(d.value(key("expires_at")).toDateTime())}});
    if (error.code == QLatin1String("qris.no_code"))
        return replyKey(ctx, key("qris.no_code"));
    if (error.code == QLatin1String("qris.bad_nominal"))
        return replyKey(ctx, key("deposit.bad_nominal"),
                        {{key("min"), formatRupiah(d.value(key("min")).toLongLong())},
                         {key("max"), formatRupiah(d.value(key("max")).toLongLong())}});
    if (error.code == QLatin1String("qris.not_configured"))
        return replyKey(ctx, key("qris.off"));
    buyError(ctx, error, code); // product, stock, blocked; anything else is a system error
}

void Bot::buynow(Ctx &ctx)
{
    const auto args = buyArgs(ctx, key("buynow.usage"));
    if (!args || !qrisReady(ctx) || buyRateLimited(ctx))
        return;
    const QString &code = args->code;
    const int qty = args->qty;
    int queued = 0;
    store::QrisOrderRequest request{ctx.customer.id, ctx.msg.channel, ctx.msg.from, code, qty, actor(ctx)};
    auto created = m_deps->qris->createOrder(request, qrisOptions(), commandMessenger(ctx, &queued));
    if (!created)
        return qrisError(ctx, created.error(), code);
    ctx.outcome.replies += queued;
    noteQrisEvent(ctx.outcome, created.value());
}

void Bot::deposit(Ctx &ctx)
{
    const QVariantMap limits{{key("min"), formatRupiah(store::QrisService::kMinDeposit)},
                             {key("max"), formatRupiah(store::QrisService::kMaxDeposit)}};
    if (ctx.cmd.argv.size() != 1)
        return replyKey(ctx, key("deposit.usage"), limits);
    const auto nominal = common::parseRupiah(ctx.cmd.argv.first());
    if (!nominal)
        return replyKey(ctx, key("deposit.usage"), limits);
    if (*nominal < store::QrisService::kMinDeposit || *nominal > store::QrisService::kMaxDeposit)
        return replyKey(ctx, key("deposit.bad_nominal"), limits);
    if (!qrisReady(ctx) || buyRateLimited(ctx))
        return;
    int queued = 0;
    store::QrisDepositRequest request{ctx.customer.id, ctx.msg.channel, ctx.msg.from, *nominal, actor(ctx)};
    auto created = m_deps->qris->createDeposit(request, qrisOptions(), commandMessenger(ctx, &queued));
    if (!created)
        return qrisError(ctx, created.error(), QString());
    ctx.outcome.replies += queued;
    noteQrisEvent(ctx.outcome, created.value());
}

void Bot::batal(Ctx &ctx)
{
    if (!m_deps->qris)
        return replyKey(ctx, key("batal.nothing"));
    int queued = 0;
    auto cancelled = m_deps->qris->cancel(ctx.customer.id, actor(ctx), commandMessenger(ctx, &queued));
    if (!cancelled) {
        if (cancelled.error().code == QLatin1String("qris.nothing_pending"))
            return replyKey(ctx, key("batal.nothing"));
        return systemError(ctx, cancelled.error());
    }
    ctx.outcome.replies += queued;
    noteQrisEvent(ctx.outcome, cancelled.value());
    if (queued == 0) // the payment was made on a channel that is gone: answer here
        replyKey(ctx, key("qris.cancelled"),
                 {{key("ref"), cancelled->payment.ref}, {key("payable"), formatRupiah(cancelled->payment.payable)}});
}

void Bot::konfirmasi(Ctx &ctx)
{
    if (ctx.cmd.argv.size() < 2)
        return replyKey(ctx, key("konfirmasi.usage"));
    if (!m_deps->qris)
        return replyKey(ctx, key("qris.off"));
    const QString ref = ctx.cmd.argv.first().toUpper().left(40);
    const QString note =
        ctx.cmd.args.mid(ctx.cmd.args.indexOf(ctx.cmd.argv.first()) + ctx.cmd.argv.first().size()).trimmed().left(500);
    // The customer's messages answer no message of theirs: they carry no inbox id.
    store::QrisMessenger messenger = [this](const QrisEvent &event) { return qrisMessages(event); };
    auto confirmed = m_deps->qris->confirm(ref, actor(ctx), note, messenger);
    if (!confirmed) {
        const QString &c = confirmed.error().code;
        if (c == QLatin1String("qris.not_found"))
            return replyKey(ctx, key("konfirmasi.not_found"), {{key("ref"), ref}});
        if (c == QLatin1String("qris.already_paid"))
            return replyKey(ctx, key("konfirmasi.not_waiting"),
                            {{key("ref"), ref}, {key("status"), confirmed.error().details.value(key("status"))}});
        if (c == QLatin1String("qris.note_required"))
            return replyKey(ctx, key("konfirmasi.usage"));
        return systemError(ctx, confirmed.error());
    }
    noteQrisEvent(ctx.outcome, confirmed.value());
    if (confirmed->kind == QrisEvent::Kind::LateCredited)
        replyKey(ctx, key("konfirmasi.credited"),
                 {{key("ref"), confirmed->payment.ref}, {key("amount"), formatRupiah(confirmed->credited)}});
    else
        replyKey(ctx, key("konfirmasi.paid"), {{key("ref"), confirmed->payment.ref}});
    log::get("bot")->info("QRIS payment {} confirmed by owner {}", confirmed->payment.ref, ctx.customer.phone);
}

} // namespace kedai::bot
