// Customer commands of the bot: catalog, search, saldo purchase, balance, history, status, resend.
#include "bot/bot.h"
#include "bot/catalogsearch.h"
#include "common/log.h"
#include "domain/stockline.h"

#include <QMap>

namespace kedai::bot {

using common::formatRupiah;

namespace {
/// WhatsApp shows at most 10 rows in a list (PROTOCOLS.md §1.5).
constexpr int kMaxListRows = 10;

/// Products by the category customers see, in the catalog's order: the catalog text and its
/// list group (and number) them alike.
QMap<QString, QList<domain::Product>> byShownCategory(const QList<domain::Product> &products)
{
    QMap<QString, QList<domain::Product>> out;
    for (const auto &p : products)
        out[p.shownCategory()].append(p);
    return out;
}

QString key(const char *k)
{
    return QString::fromLatin1(k);
}
} // namespace

void Bot::menu(Ctx &ctx)
{
    QString text = t(key("menu"),
                     {{key("name"), ctx.customer.name.isEmpty() ? ctx.customer.phone : ctx.customer.name}});
    if (ctx.owner)
        text += t(key("menu.owner"));
    reply(ctx, text);
}

void Bot::catalog(Ctx &ctx)
{
    auto text = catalogText(ctx.customer.tier);
    if (!text)
        return systemError(ctx, text.error());
    if (text->isEmpty())
        return replyKey(ctx, key("catalog.empty"));
    auto products = m_deps->catalogCache->activeProducts();
    if (!products)
        return systemError(ctx, products.error());
    // The same catalog as a list for channels that show one: the products when they fit in a
    // list (10 rows), else the categories (each opens a search), else the text alone.
    domain::Interactive list;
    list.kind = domain::Interactive::Kind::List;
    list.button = t(key("catalog.list.button"));
    const auto byCategory = byShownCategory(products.value());
    if (products->size() <= kMaxListRows) {
        list.body = t(key("catalog.list.body"));
        for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it) {
            domain::InteractiveSection section{it.key(), {}};
            for (const auto &p : it.value())
                section.rows << domain::InteractiveChoice{
                    QStringLiteral("cmd:cari ") + p.code, p.name,
                    t(key("catalog.list.row"),
                      {{key("price"), formatRupiah(p.priceFor(ctx.customer.tier))}, {key("stock"), p.stockAvailable}})};
            list.sections << section;
        }
    } else if (byCategory.size() <= kMaxListRows) {
        list.body = t(key("catalog.list.categories"));
        list.numbered = false; // the text lists the products, not these categories
        domain::InteractiveSection section{QString(), {}};
        for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it)
            section.rows << domain::InteractiveChoice{QStringLiteral("cmd:cari ") + it.key(), it.key(),
                                                      QString::number(it.value().size()) + QStringLiteral(" produk")};
        list.sections << section;
    }
    if (list.choices().isEmpty())
        return reply(ctx, *text);
    replyInteractive(ctx, *text, list);
}

common::Result<QString> Bot::catalogText(domain::Tier tier)
{
    return m_deps->catalogCache->rendered(
        QStringLiteral("text:") + m_deps->templates.language() + QLatin1Char(':') + domain::tierName(tier),
        [this, tier](const QList<domain::Product> &products) {
            if (products.isEmpty())
                return QString();
            const auto byCategory = byShownCategory(products);

            // A short catalog is numbered like the list the channel shows (Bot::catalog), so a
            // customer without the list can answer with a number.
            const bool numbered = products.size() <= kMaxListRows;
            int n = 0;
            QString text = t(key("catalog.header"), {{key("tier"), domain::tierName(tier)}});
            for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it) {
                text += QLatin1Char('\n') + t(key("catalog.category"), {{key("category"), it.key()}});
                for (const auto &p : it.value()) {
                    text += QLatin1Char('\n')
                            + t(key(numbered ? "catalog.item.numbered" : "catalog.item"),
                                {{key("n"), ++n},
                                 {key("code"), p.code},
                                 {key("name"), p.name},
                                 {key("price"), formatRupiah(p.priceFor(tier))},
                                 {key("stock"), p.stockAvailable},
                                 {key("sold"), p.sold}});
                }
            }
            text += QLatin1Char('\n')
                    + t(key(numbered ? "catalog.footer.numbered" : "catalog.footer"),
                        {{key("example"), products.first().code}});
            return text;
        });
}

void Bot::search(Ctx &ctx, const QString &term, bool quietWhenNone)
{
    auto products = m_deps->catalogCache->activeProducts();
    if (!products)
        return systemError(ctx, products.error());
    const auto found = CatalogSearch::search(products.value(), term);
    if (found.isEmpty()) {
        if (!quietWhenNone)
            replyKey(ctx, key("search.none"), {{key("term"), term.left(40)}});
        return;
    }
    QString text = t(key("search.header"), {{key("term"), term.left(40)}});
    for (const auto &p : found) {
        text += QLatin1Char('\n')
                + t(key("catalog.item"), {{key("code"), p.code},
                                          {key("name"), p.name},
                                          {key("price"), formatRupiah(p.priceFor(ctx.customer.tier))},
                                          {key("stock"), p.stockAvailable},
                                          {key("sold"), p.sold}});
    }
    text += QLatin1Char('\n') + t(key("catalog.footer"), {{key("example"), found.first().code}});
    if (found.size() != 1 || found.first().stockAvailable <= 0)
        return reply(ctx, text);
    // One product: buttons to buy it (a number answers them on channels without buttons).
    const QString code = found.first().code;
    domain::Interactive buttons;
    buttons.kind = domain::Interactive::Kind::Buttons;
    buttons.body = text;
    buttons.buttons = {{QStringLiteral("cmd:buy ") + code + QStringLiteral(" 1"), t(key("button.buy_saldo")), {}},
                       {QStringLiteral("cmd:buynow ") + code + QStringLiteral(" 1"), t(key("button.buy_qris")), {}},
                       {QStringLiteral("cmd:menu"), t(key("button.menu")), {}}};
    replyInteractive(ctx, buttons.fallbackText(t(key("choice.hint"))), buttons);
}

QString Bot::statusText(domain::OrderStatus status) const
{
    return t(QStringLiteral("status.") + domain::orderStatusName(status));
}

QString Bot::deliveryText(const QString &templateKey, const domain::Order &order, const domain::Product &product,
                          common::Rupiah saldoAfter) const
{
    QStringList items;
    for (int i = 0; i < order.items.size(); ++i) {
        QStringList fields;
        for (const auto &[label, value] : domain::StockLine::labelled(order.items.at(i)))
            fields << label + QStringLiteral(": ") + value;
        items << t(key("delivery.item"), {{key("n"), i + 1}, {key("fields"), fields.join(QLatin1Char('\n'))}});
    }
    const QString terms = product.terms.trimmed().isEmpty()
                              ? QString()
                              : t(key("delivery.terms"), {{key("terms"), product.terms.trimmed()}});
    return t(templateKey, {{key("product"), order.productName.isEmpty() ? product.name : order.productName},
                           {key("qty"), order.qty},
                           {key("total"), formatRupiah(order.total)},
                           {key("date"), formatWhen(order.deliveredAt.isValid() ? order.deliveredAt : order.createdAt)},
                           {key("ref"), order.ref},
                           {key("payable"), formatRupiah(order.payable)},
                           {key("saldo"), formatRupiah(saldoAfter)},
                           {key("items"), items.join(QStringLiteral("\n\n"))},
                           {key("terms"), terms}});
}

std::optional<Bot::BuyArgs> Bot::buyArgs(Ctx &ctx, const QString &usageKey)
{
    const QStringList &argv = ctx.cmd.argv;
    if (argv.isEmpty() || argv.size() > 2) {
        auto products = m_deps->catalogCache->activeProducts();
        const QString example = products && !products->isEmpty() ? products->first().code : QStringLiteral("NF1");
        replyKey(ctx, usageKey, {{key("example"), example}});
        return std::nullopt;
    }
    BuyArgs args{domain::normalizeProductCode(argv.at(0)), 1};
    if (argv.size() == 2) {
        bool ok = false;
        const QString &q = argv.at(1);
        args.qty = q.toInt(&ok);
        if (!ok || args.qty < 1 || args.qty > store::PurchaseService::kMaxQty || q.startsWith(QLatin1Char('+'))) {
            replyKey(ctx, key("buy.bad_qty"),
                     {{key("qty"), q.left(20)},
                      {key("max"), store::PurchaseService::kMaxQty},
                      {key("code"), args.code}});
            return std::nullopt;
        }
    }
    return args;
}

bool Bot::buyRateLimited(Ctx &ctx)
{
    const auto &limit = m_deps->config.rateLimitBuy;
    const auto decision = m_deps->limiter->hit(QStringLiteral("kedai:rl:buy:%1").arg(ctx.customer.id), limit.count,
                                               limit.windowMs);
    if (decision.allowed)
        return false;
    replyKey(ctx, key("buy.rate_limited"), {{key("seconds"), qMax<qint64>(1, (decision.retryAfterMs + 999) / 1000)}});
    return true;
}

void Bot::buy(Ctx &ctx)
{
    const auto args = buyArgs(ctx, key("buy.usage"));
    if (!args || buyRateLimited(ctx))
        return;
    const QString &code = args->code;
    const int qty = args->qty;

    const QString lockKey = QStringLiteral("kedai:lock:buy:%1").arg(ctx.customer.id);
    cache::LockGuard guard(*m_deps->locks, lockKey, m_deps->locks->tryLock(lockKey, 30'000));
    if (!guard.owns())
        return replyKey(ctx, key("buy.in_progress"));

    const QString channel = ctx.msg.channel;
    const QString to = ctx.msg.from;
    const qint64 inboxId = ctx.msg.id;
    store::PurchaseRequest request{ctx.customer.id, code, qty, actor(ctx)};
    auto result = m_deps->purchases->purchaseWithSaldo(request, [&](const store::PurchaseOutcome &outcome) {
        domain::OutboundMessage out;
        out.channel = channel;
        out.to = to;
        out.text = deliveryText(key("delivery"), outcome.order, outcome.product, outcome.saldoAfter);
        out.inboxId = inboxId;
        return QList<domain::OutboundMessage>{out};
    });
    if (!result)
        return buyError(ctx, result.error(), code);

    ++ctx.outcome.replies;
    ctx.outcome.orders.append({result->order.id, result->order.ref});
    ctx.outcome.products.insert(result->product.id);
    ctx.outcome.customers.insert(ctx.customer.id);
    log::get("bot")->info("order {} delivered: {} x{} to customer {}", result->order.ref, code, qty, ctx.customer.id);
}

void Bot::buyError(Ctx &ctx, const common::Error &error, const QString &code)
{
    const QVariantMap &d = error.details;
    const QString product = d.value(key("product"), code).toString();
    if (error.code == QLatin1String("purchase.unknown_product")) {
        QString hint;
        if (auto products = m_deps->catalogCache->activeProducts()) {
            if (const auto s = CatalogSearch::suggest(products.value(), code))
                hint = t(key("buy.hint"), {{key("suggestion"), s->code}, {key("name"), s->name}});
        }
        return replyKey(ctx, key("buy.unknown_product"), {{key("code"), code.left(30)}, {key("hint"), hint}});
    }
    if (error.code == QLatin1String("purchase.inactive"))
        return replyKey(ctx, key("buy.inactive"), {{key("code"), code}});
    if (error.code == QLatin1String("purchase.out_of_stock")) {
        if (d.value(key("available")).toLongLong() == 0)
            return replyKey(ctx, key("buy.sold_out"), {{key("product"), product}});
        return replyKey(ctx, key("buy.out_of_stock"),
                        {{key("product"), product},
                         {key("available"), d.value(key("available"))},
                         {key("requested"), d.value(key("requested"))}});
    }
    if (error.code == QLatin1String("purchase.insufficient_saldo")) {
        const qint64 saldo = d.value(key("saldo")).toLongLong();
        const qint64 total = d.value(key("total")).toLongLong();
        return replyKey(ctx, key("buy.insufficient_saldo"),
                        {{key("saldo"), formatRupiah(saldo)},
                         {key("total"), formatRupiah(total)},
                         {key("shortfall"), formatRupiah(total - saldo)}});
    }
    if (error.code == QLatin1String("purchase.too_large") || error.code == QLatin1String("purchase.bad_qty"))
        return replyKey(ctx, key("buy.too_large"));
    if (error.code == QLatin1String("purchase.customer_blocked"))
        return replyKey(ctx, key("blocked"));
    systemError(ctx, error);
}

void Bot::saldo(Ctx &ctx)
{
    auto saldo = m_deps->customerCache->saldo(ctx.customer.id);
    if (!saldo)
        return systemError(ctx, saldo.error());
    replyKey(ctx, key("saldo"),
             {{key("saldo"), formatRupiah(*saldo)}, {key("tier"), domain::tierName(ctx.customer.tier)}});
}

void Bot::riwayat(Ctx &ctx)
{
    auto orders = m_deps->orders->forCustomer(ctx.customer.id, 10);
    if (!orders)
        return systemError(ctx, orders.error());
    if (orders->isEmpty())
        return replyKey(ctx, key("riwayat.empty"));
    QString text = t(key("riwayat.header"), {{key("count"), orders->size()}});
    int n = 0;
    for (const auto &o : orders.value()) {
        text += QLatin1Char('\n')
                + t(key("riwayat.item"), {{key("n"), ++n},
                                          {key("ref"), o.ref},
                                          {key("product"), o.productName},
                                          {key("qty"), o.qty},
                                          {key("total"), formatRupiah(o.total)},
                                          {key("status"), statusText(o.status)},
                                          {key("date"), formatWhen(o.createdAt)}});
    }
    reply(ctx, text);
}

void Bot::cek(Ctx &ctx)
{
    if (ctx.cmd.argv.size() != 1)
        return replyKey(ctx, key("cek.usage"));
    const QString ref = ctx.cmd.argv.first().toUpper().left(40);
    auto order = m_deps->orders->byRef(ref);
    if (!order)
        return systemError(ctx, order.error());
    // Someone else's order looks exactly like a missing one: refs reveal nothing.
    if (!order->has_value() || (*order)->customerId != ctx.customer.id)
        return replyKey(ctx, key("cek.not_found"), {{key("ref"), ref}});
    const domain::Order &o = **order;
    replyKey(ctx, key("cek.result"),
             {{key("ref"), o.ref},
              {key("product"), o.productName},
              {key("qty"), o.qty},
              {key("total"), formatRupiah(o.total)},
              {key("method"), domain::paymentMethodName(o.method)},
              {key("status"), statusText(o.status)},
              {key("date"), formatWhen(o.createdAt)}});
}

void Bot::kirimulang(Ctx &ctx)
{
    if (ctx.cmd.argv.size() != 1)
        return replyKey(ctx, key("kirimulang.usage"));
    const QString ref = ctx.cmd.argv.first().toUpper().left(40);
    auto order = m_deps->purchases->loadOwnDeliveredOrder(ctx.customer.id, ref);
    if (!order) {
        if (order.error().code == QLatin1String("order.not_found"))
            return replyKey(ctx, key("cek.not_found"), {{key("ref"), ref}});
        if (order.error().code == QLatin1String("order.not_delivered")) {
            const auto status = domain::parseOrderStatus(order.error().details.value(key("status")).toString());
            return replyKey(ctx, key("kirimulang.not_delivered"),
                            {{key("ref"), ref}, {key("status"), status ? statusText(*status) : QString()}});
        }
        return systemError(ctx, order.error());
    }
    auto product = m_deps->catalog->byId(order->productId);
    domain::Product p;
    if (product && product->has_value())
        p = **product;
    auto saldo = m_deps->customerCache->saldo(ctx.customer.id);
    if (!saldo)
        return systemError(ctx, saldo.error());
    reply(ctx, resendText(order.value(), p, *saldo));
}

QString Bot::resendText(const domain::Order &order, const domain::Product &product, common::Rupiah saldo) const
{
    return deliveryText(key("delivery.resend"), order, product, saldo);
}

} // namespace kedai::bot
