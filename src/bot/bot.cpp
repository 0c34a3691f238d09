#include "bot/bot.h"

#include "common/ids.h"
#include "common/log.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace kedai::bot {

QString Bot::formatWhen(const QDateTime &utc)
{
    static const QTimeZone jakarta = [] {
        QTimeZone tz(QByteArrayLiteral("Asia/Jakarta"));
        return tz.isValid() ? tz : QTimeZone(7 * 3600);
    }();
    return utc.toTimeZone(jakarta).toString(QStringLiteral("dd/MM/yyyy HH:mm")) + QStringLiteral(" WIB");
}

QString Bot::t(const QString &key, const QVariantMap &values) const
{
    QVariantMap v = values;
    if (!v.contains(QStringLiteral("shop")))
        v.insert(QStringLiteral("shop"), m_deps->config.shopName);
    // The shop's own wording (Settings, Reply templates) wins; it reaches every instance through
    // the settings cache.
    if (const QString own = templateOverride(key); !own.isEmpty())
        return Templates::renderText(own, v);
    return m_deps->templates.render(key, v);
}

QString Bot::templateOverride(const QString &key) const
{
    if (!m_deps->settings)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_overridesMutex);
        const auto it = m_overrides.constFind(key);
        if (it != m_overrides.constEnd() && it->second > now)
            return it->first;
    }
    const auto own = m_deps->settings->value(Templates::overrideKey(m_deps->templates.language(), key));
    if (!own)
        return {}; // the store failed: the default wording, and ask again next time
    QMutexLocker lock(&m_overridesMutex);
    m_overrides.insert(key, {*own, now + kOverrideMemoMs});
    return *own;
}

void Bot::forgetTemplateOverrides()
{
    QMutexLocker lock(&m_overridesMutex);
    m_overrides.clear();
}

void Bot::queue(Ctx &ctx, domain::OutboundMessage out)
{
    out.channel = ctx.msg.channel;
    out.to = ctx.msg.from;
    out.inboxId = ctx.msg.id;
    if (auto r = m_deps->messages->enqueue(out); !r) {
        // Nothing more can be done for this message here: the inbox row stays unprocessed-failed
        // and the engine reports the error; the customer's data was not changed by a reply.
        log::get("bot")->error("cannot queue a reply for inbox {}: {}", ctx.msg.id, r.error().message);
        ctx.outcome.systemError = true;
        return;
    }
    ++ctx.outcome.replies;
}

void Bot::reply(Ctx &ctx, const QString &text)
{
    domain::OutboundMessage out;
    out.type = domain::MessageType::Text;
    out.text = text;
    queue(ctx, std::move(out));
}

void Bot::replyKey(Ctx &ctx, const QString &key, const QVariantMap &values)
{
    reply(ctx, t(key, values));
}

void Bot::replyInteractive(Ctx &ctx, const QString &text, const domain::Interactive &interactive)
{
    domain::OutboundMessage out;
    out.type = domain::MessageType::Interactive;
    out.text = text;
    out.payload = interactive.toJson();
    queue(ctx, std::move(out));
}

QString Bot::numberedChoice(const Ctx &ctx) const
{
    static const QRegularExpression number(QStringLiteral("^\\s*(\\d{1,2})\\s*\\.?\\s*$"));
    const auto match = number.match(ctx.msg.text);
    if (!match.hasMatch())
        return {};
    // Only an answer to a recent question: an old list may no longer say what it said.
    auto payload = m_deps->messages->lastInteractive(ctx.msg.channel, ctx.msg.from,
                                                     m_deps->clock->now().addSecs(-30 * 60));
    if (!payload || payload->isEmpty())
        return {};
    const auto interactive = domain::Interactive::fromJson(*payload);
    if (!interactive || !interactive->numbered)
        return {};
    const auto choices = interactive->choices();
    const int n = match.captured(1).toInt();
    if (n < 1 || n > choices.size())
        return {};
    return domain::commandOfChoice(choices.at(n - 1).id);
}

void Bot::systemError(Ctx &ctx, const common::Error &error)
{
    log::get("bot")->error("store error while handling inbox {}: {} ({})", ctx.msg.id, error.message, error.code);
    ctx.outcome.systemError = true;
    replyKey(ctx, QStringLiteral("error.system"));
}

QString Bot::actor(const Ctx &ctx) const
{
    return (ctx.owner ? QStringLiteral("owner:") : QStringLiteral("customer:")) + ctx.customer.phone;
}

HandleOutcome Bot::handle(const domain::InboundMessage &message)
{
    Ctx ctx{message, {}, CommandParser::parse(message.text), false, {}};
    const QString phone = common::normalizePhone(message.from);
    bool wrote = false;
    auto customer = m_deps->customerCache->ensure(message.channel, message.from, phone.isEmpty() ? message.from : phone,
                                                  message.name, &wrote);
    if (!customer) {
        systemError(ctx, customer.error());
        return ctx.outcome;
    }
    if (wrote)
        ctx.outcome.customerRecords.insert(customer->id);
    ctx.customer = customer.value();
    ctx.owner = !phone.isEmpty() && m_deps->config.ownerNumbers.contains(phone);

    if (ctx.customer.blocked && !ctx.owner) {
        // One polite reply per block, then silence (the message stays in the inbox for staff).
        // The conditional UPDATE picks one winner among messages handled at the same time.
        auto first = m_deps->customers->claimBlockedNotice(ctx.customer.id);
        if (first && *first)
            replyKey(ctx, QStringLiteral("blocked"));
        return ctx.outcome;
    }
    // Human takeover: staff answered this customer in the Conversations panel, so the bot stays
    // quiet (the message is kept and shown there) until the pause ends.
    if (ctx.customer.botPausedAt(m_deps->clock->now()) && !ctx.owner)
        return ctx.outcome;
    // A picked list row or button arrives as the command it stands for (see domain::Interactive).
    if (message.type != domain::MessageType::Text && message.type != domain::MessageType::Interactive) {
        replyKey(ctx, QStringLiteral("media.unsupported"));
        return ctx.outcome;
    }
    if (const QString command = numberedChoice(ctx); !command.isEmpty())
        ctx.cmd = CommandParser::parse(command);
    if (ctx.cmd.verb.isEmpty()) {
        menu(ctx);
        return ctx.outcome;
    }
    if (dispatchCustomer(ctx) || dispatchOwner(ctx))
        return ctx.outcome;

    // Not a command: a bare product keyword ("netflix") searches; anything else points to menu.
    search(ctx, ctx.cmd.firstLine, true);
    if (ctx.outcome.replies == 0 && !ctx.outcome.systemError)
        replyKey(ctx, QStringLiteral("unknown"), {{QStringLiteral("command"), ctx.cmd.firstLine.left(40)}});
    return ctx.outcome;
}

bool Bot::dispatchCustomer(Ctx &ctx)
{
    const QString &v = ctx.cmd.verb;
    if (v == QLatin1String("menu") || v == QLatin1String("help") || v == QLatin1String("start"))
        menu(ctx);
    else if (v == QLatin1String("produk") || v == QLatin1String("stok") || v == QLatin1String("stock")
             || v == QLatin1String("list") || v == QLatin1String("katalog"))
        catalog(ctx);
    else if (v == QLatin1String("cari") || v == QLatin1String("search")) {
        if (ctx.cmd.args.isEmpty())
            replyKey(ctx, QStringLiteral("search.usage"));
        else
            search(ctx, ctx.cmd.args, false);
    } else if (v == QLatin1String("buy") || v == QLatin1String("beli"))
        buy(ctx);
    else if (v == QLatin1String("saldo") || v == QLatin1String("balance"))
        saldo(ctx);
    else if (v == QLatin1String("riwayat") || v == QLatin1String("history"))
        riwayat(ctx);
    else if (v == QLatin1String("cek") || v == QLatin1String("status"))
        cek(ctx);
    else if (v == QLatin1String("kirimulang") || v == QLatin1String("resend"))
        kirimulang(ctx);
    else if (v == QLatin1String("buynow") || v == QLatin1String("belinow") || v == QLatin1String("beliqris"))
        buynow(ctx);
    else if (v == QLatin1String("deposit") || v == QLatin1String("topup") || v == QLatin1String("isisaldo"))
        deposit(ctx);
    else if (v == QLatin1String("batal") || v == QLatin1String("cancel"))
        batal(ctx);
    else
        return false;
    return true;
}

bool Bot::dispatchOwner(Ctx &ctx)
{
    using Handler = void (Bot::*)(Ctx &);
    static const QHash<QString, Handler> handlers{
        {QStringLiteral("addproduk"), &Bot::addproduk}, {QStringLiteral("setharga"), &Bot::setharga},
        {QStringLiteral("setdesk"), &Bot::setdesk},     {QStringLiteral("delproduk"), &Bot::delproduk},
        {QStringLiteral("addstok"), &Bot::addstok},     {QStringLiteral("delstok"), &Bot::delstok},
        {QStringLiteral("ubahrole"), &Bot::ubahrole},   {QStringLiteral("konfirmasi"), &Bot::konfirmasi},
        {QStringLiteral("refund"), &Bot::refund},
    };
    const QString &v = ctx.cmd.verb;
    const bool saldoCommand = v == QLatin1String("addsaldo") || v == QLatin1String("minsaldo");
    const auto it = handlers.constFind(v);
    if (it == handlers.constEnd() && !saldoCommand)
        return false;
    if (!ctx.owner) {
        replyKey(ctx, QStringLiteral("owner.only"), {{QStringLiteral("command"), v}});
        return true;
    }
    if (saldoCommand)
        changeSaldo(ctx, v == QLatin1String("addsaldo"));
    else
        (this->*(*it))(ctx);
    return true;
}

} // namespace kedai::bot
