// Owner commands (only from OWNER_NUMBERS), with the grammar Indonesian shop bots already use.
#include "bot/bot.h"
#include "common/ids.h"
#include "domain/stockline.h"
#include "store/orderservice.h"

namespace kedai::bot {

using common::formatRupiah;

namespace {
QString key(const char *k)
{
    return QString::fromLatin1(k);
}

/// Owner arguments are separated by '|' (catalog) or ',' (saldo/role); fields are trimmed.
QStringList fields(const QString &args, QChar separator)
{
    QStringList out;
    for (const QString &f : args.split(separator))
        out << f.trimmed();
    return out;
}

std::optional<common::Rupiah> positiveAmount(const QString &text)
{
    const auto v = common::parseRupiah(text);
    if (!v || *v <= 0)
        return std::nullopt;
    return v;
}
} // namespace

void Bot::ownerUsage(Ctx &ctx, const QString &usage)
{
    replyKey(ctx, key("owner.usage"), {{key("usage"), usage}});
}

std::optional<domain::Product> Bot::ownerProduct(Ctx &ctx, const QString &usage)
{
    if (ctx.cmd.argv.size() != 1) {
        ownerUsage(ctx, usage);
        return std::nullopt;
    }
    const QString code = domain::normalizeProductCode(ctx.cmd.argv.first());
    auto product = m_deps->catalog->byCode(code);
    if (!product) {
        systemError(ctx, product.error());
        return std::nullopt;
    }
    if (!product->has_value()) {
        replyKey(ctx, key("owner.unknown_product"), {{key("code"), code.left(30)}});
        return std::nullopt;
    }
    return **product;
}

void Bot::addproduk(Ctx &ctx)
{
    static const QString usage = QStringLiteral("addproduk KODE|Nama|Deskripsi|S&K|hargaBronze|hargaSilver|hargaGold");
    const QStringList f = fields(ctx.cmd.args, QLatin1Char('|'));
    if (f.size() != 7 && f.size() != 8)
        return ownerUsage(ctx, usage);
    domain::Product p;
    p.code = domain::normalizeProductCode(f.at(0));
    p.name = f.at(1);
    p.description = f.at(2);
    p.terms = f.at(3);
    p.category = f.size() == 8 && !f.at(7).isEmpty() ? f.at(7) : QStringLiteral("Umum");
    const domain::Tier tiers[] = {domain::Tier::Bronze, domain::Tier::Silver, domain::Tier::Gold};
    for (int i = 0; i < 3; ++i) {
        const auto price = positiveAmount(f.at(4 + i));
        if (!price)
            return replyKey(ctx, key("owner.bad_price"), {{key("value"), f.at(4 + i).left(30)}});
        p.setPrice(tiers[i], *price);
    }
    auto created = m_deps->catalog->create(p, actor(ctx));
    if (!created) {
        if (created.error().code.startsWith(QLatin1String("store.")))
            return systemError(ctx, created.error());
        return replyKey(ctx, key("owner.error"), {{key("message"), created.error().message}});
    }
    ctx.outcome.catalogChanged = true;
    ctx.outcome.products.insert(created->id);
    replyKey(ctx, key("owner.addproduk.ok"),
             {{key("code"), created->code},
              {key("name"), created->name},
              {key("bronze"), formatRupiah(created->priceBronze)},
              {key("silver"), formatRupiah(created->priceSilver)},
              {key("gold"), formatRupiah(created->priceGold)}});
}

void Bot::setharga(Ctx &ctx)
{
    const QStringList f = fields(ctx.cmd.args, QLatin1Char('|'));
    if (f.size() != 3)
        return ownerUsage(ctx, QStringLiteral("setharga KODE|TIER|HARGA (contoh: setharga NF1|gold|25000)"));
    const auto tier = domain::parseTier(f.at(1));
    if (!tier)
        return replyKey(ctx, key("owner.bad_tier"), {{key("value"), f.at(1).left(30)}});
    const auto price = positiveAmount(f.at(2));
    if (!price)
        return replyKey(ctx, key("owner.bad_price"), {{key("value"), f.at(2).left(30)}});
    const QString code = domain::normalizeProductCode(f.at(0));
    auto updated = m_deps->catalog->setPrice(code, *tier, *price, actor(ctx));
    if (!updated)
        return replyKey(ctx, key("owner.error"), {{key("message"), updated.error().message}});
    ctx.outcome.catalogChanged = true;
    ctx.outcome.products.insert(updated->id);
    replyKey(ctx, key("owner.setharga.ok"),
             {{key("code"), code}, {key("tier"), domain::tierName(*tier)}, {key("price"), formatRupiah(*price)}});
}

void Bot::setdesk(Ctx &ctx)
{
    const qsizetype bar = ctx.cmd.args.indexOf(QLatin1Char('|'));
    // The description may span several lines of the message.
    QString text = bar < 0 ? QString() : ctx.cmd.args.mid(bar + 1).trimmed();
    if (!ctx.cmd.body.isEmpty())
        text += QLatin1Char('\n') + ctx.cmd.body.trimmed();
    text = text.trimmed();
    if (bar < 0 || text.isEmpty())
        return ownerUsage(ctx, QStringLiteral("setdesk KODE|teks deskripsi"));
    const QString code = domain::normalizeProductCode(ctx.cmd.args.left(bar));
    auto updated = m_deps->catalog->setDescription(code, text, actor(ctx));
    if (!updated)
        return replyKey(ctx, key("owner.error"), {{key("message"), updated.error().message}});
    ctx.outcome.catalogChanged = true;
    ctx.outcome.products.insert(updated->id);
    replyKey(ctx, key("owner.setdesk.ok"), {{key("code"), code}});
}

void Bot::delproduk(Ctx &ctx)
{
    const auto product = ownerProduct(ctx, QStringLiteral("delproduk KODE"));
    if (!product)
        return;
    const QString &code = product->code;
    if (auto r = m_deps->catalog->deactivate(code, actor(ctx)); !r)
        return replyKey(ctx, key("owner.error"), {{key("message"), r.error().message}});
    ctx.outcome.catalogChanged = true;
    ctx.outcome.products.insert(product->id);
    replyKey(ctx, key("owner.delproduk.ok"), {{key("code"), code}});
}

void Bot::addstok(Ctx &ctx)
{
    const auto product = ownerProduct(ctx, QStringLiteral("addstok KODE\nitem1\nitem2 ..."));
    if (!product)
        return;
    const QString &code = product->code;
    const QStringList lines = domain::StockLine::splitPasted(ctx.cmd.body);
    if (lines.isEmpty())
        return replyKey(ctx, key("owner.addstok.empty"), {{key("code"), code}});
    auto added = m_deps->catalog->addStock(product->id, lines, actor(ctx));
    if (!added)
        return replyKey(ctx, key("owner.error"), {{key("message"), added.error().message}});
    ctx.outcome.products.insert(product->id);
    const int dupes = int(added->duplicatesInInput.size() + added->duplicatesExisting.size());
    const int rejected = int(added->rejected.size());
    const QString skipped = dupes + rejected == 0
                                ? QString()
                                : t(key("owner.addstok.skipped"), {{key("dupes"), dupes}, {key("rejected"), rejected}});
    auto after = m_deps->catalog->byCode(code);
    const qint64 stock = after && after->has_value() ? (*after)->stockAvailable : -1;
    replyKey(ctx, key("owner.addstok.ok"),
             {{key("added"), added->added}, {key("code"), code}, {key("stock"), stock}, {key("skipped"), skipped}});
}

void Bot::delstok(Ctx &ctx)
{
    const auto product = ownerProduct(ctx, QStringLiteral("delstok KODE"));
    if (!product)
        return;
    const QString &code = product->code;
    auto count = m_deps->catalog->voidUnsold(product->id, actor(ctx));
    if (!count)
        return replyKey(ctx, key("owner.error"), {{key("message"), count.error().message}});
    ctx.outcome.products.insert(product->id);
    replyKey(ctx, key("owner.delstok.ok"), {{key("count"), count.value()}, {key("code"), code}});
}

void Bot::changeSaldo(Ctx &ctx, bool add)
{
    const QStringList f = fields(ctx.cmd.args, QLatin1Char(','));
    if (f.size() != 2)
        return ownerUsage(ctx, add ? QStringLiteral("addsaldo 62NOMOR,NOMINAL (contoh: addsaldo 6281234567890,50000)")
                                   : QStringLiteral("minsaldo 62NOMOR,NOMINAL (contoh: minsaldo 6281234567890,50000)"));
    const QString phone = common::normalizePhone(f.at(0));
    if (phone.isEmpty())
        return replyKey(ctx, key("owner.bad_number"), {{key("value"), f.at(0).left(30)}});
    const auto amount = positiveAmount(f.at(1));
    if (!amount)
        return replyKey(ctx, key("owner.bad_amount"), {{key("value"), f.at(1).left(30)}});

    // Topping up someone who has not written yet is normal (they paid the owner directly).
    auto customer = add ? m_deps->customers->ensure(QStringLiteral("phone"), phone, phone, {})
                        : [&]() -> common::Result<domain::Customer> {
        auto found = m_deps->customers->byPhone(phone);
        if (!found)
            return found.error();
        if (!found->has_value())
            return common::makeError(QStringLiteral("customer.not_found"), phone);
        return **found;
    }();
    if (!customer) {
        if (customer.error().code == QLatin1String("customer.not_found"))
            return replyKey(ctx, key("owner.customer_not_found"), {{key("phone"), phone}});
        return systemError(ctx, customer.error());
    }
    const common::Rupiah delta = add ? *amount : -*amount;
    auto entry = m_deps->customers->postLedger(customer->id, delta,
                                               add ? domain::LedgerKind::Topup : domain::LedgerKind::Adjustment,
                                               actor(ctx), {},
                                               add ? QStringLiteral("addsaldo") : QStringLiteral("minsaldo"));
    if (!entry) {
        if (entry.error().code == QLatin1String("ledger.insufficient"))
            return replyKey(ctx, key("owner.minsaldo.insufficient"),
                            {{key("phone"), phone},
                             {key("saldo"), formatRupiah(customer->saldo)},
                             {key("amount"), formatRupiah(*amount)}});
        return replyKey(ctx, key("owner.error"), {{key("message"), entry.error().message}});
    }
    ctx.outcome.customers.insert(customer->id);
    replyKey(ctx, key(add ? "owner.addsaldo.ok" : "owner.minsaldo.ok"),
             {{key("phone"), phone},
              {key("amount"), formatRupiah(*amount)},
              {key("saldo"), formatRupiah(entry->balanceAfter)}});
}

void Bot::ubahrole(Ctx &ctx)
{
    const QStringList f = fields(ctx.cmd.args, QLatin1Char(','));
    if (f.size() != 2)
        return ownerUsage(ctx, QStringLiteral("ubahrole 62NOMOR,bronze|silver|gold"));
    const QString phone = common::normalizePhone(f.at(0));
    if (phone.isEmpty())
        return replyKey(ctx, key("owner.bad_number"), {{key("value"), f.at(0).left(30)}});
    const auto tier = domain::parseTier(f.at(1));
    if (!tier)
        return replyKey(ctx, key("owner.bad_tier"), {{key("value"), f.at(1).left(30)}});
    auto found = m_deps->customers->byPhone(phone);
    if (!found)
        return systemError(ctx, found.error());
    if (!found->has_value())
        return replyKey(ctx, key("owner.customer_not_found"), {{key("phone"), phone}});
    auto updated = m_deps->customers->setTier((*found)->id, *tier, actor(ctx));
    if (!updated)
        return replyKey(ctx, key("owner.error"), {{key("message"), updated.error().message}});
    ctx.outcome.customers.insert(updated->id);
    ctx.outcome.customerRecords.insert(updated->id);
    replyKey(ctx, key("owner.ubahrole.ok"), {{key("phone"), phone}, {key("tier"), domain::tierName(*tier)}});
}

void Bot::refund(Ctx &ctx)
{
    if (ctx.cmd.argv.isEmpty())
        return ownerUsage(ctx,
                          QStringLiteral("refund REF [alasan] (contoh: refund KD261121ABCDEF akun tidak bisa login)"));
    const QString ref = ctx.cmd.argv.first().toUpper().left(40);
    QString reason = ctx.cmd.args.mid(ctx.cmd.args.indexOf(ctx.cmd.argv.first()) + ctx.cmd.argv.first().size());
    reason = reason.trimmed().left(store::OrderService::kMaxReasonLength);
    if (reason.isEmpty())
        reason = QStringLiteral("refund (WhatsApp)");
    // The items stay sold: the customer has seen them. Staff can return items from the window.
    auto refunded = store::OrderService(m_deps->db).refund({ref, reason, false, actor(ctx)});
    if (!refunded) {
        const QString &code = refunded.error().code;
        if (code == QLatin1String("order.not_found"))
            return replyKey(ctx, key("owner.refund.not_found"), {{key("ref"), ref}});
        if (code == QLatin1String("order.already_refunded"))
            return replyKey(ctx, key("owner.refund.already"), {{key("ref"), ref}});
        if (code == QLatin1String("order.not_refundable")) {
            const auto status = domain::parseOrderStatus(refunded.error().details.value(key("status")).toString());
            return replyKey(ctx, key("owner.refund.not_refundable"),
                            {{key("ref"), ref}, {key("status"), status ? statusText(*status) : QString()}});
        }
        if (code.startsWith(QLatin1String("store.")))
            return systemError(ctx, refunded.error());
        return replyKey(ctx, key("owner.error"), {{key("message"), refunded.error().message}});
    }
    const domain::Order &order = refunded->order;
    ctx.outcome.orders.append({order.id, order.ref});
    ctx.outcome.customers.insert(order.customerId);
    if (refunded->itemsReturned > 0)
        ctx.outcome.products.insert(order.productId);
    replyKey(ctx, key("owner.refund.ok"),
             {{key("ref"), order.ref},
              {key("amount"), formatRupiah(refunded->credited)},
              {key("phone"), order.customerPhone.isEmpty() ? order.customerName : order.customerPhone},
              {key("saldo"), formatRupiah(refunded->saldoAfter)}});
}

} // namespace kedai::bot
