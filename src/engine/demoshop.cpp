#include "engine/demoshop.h"

#include "common/log.h"

namespace kedai::engine {

namespace {
struct DemoProduct
{
    const char *code;
    const char *name;
    const char *category;
    const char *description;
    const char *terms;
    qint64 bronze, silver, gold;
    int stock;
    bool account; ///< account lines (email|password|profil|pin) or voucher codes
};

const DemoProduct kProducts[] = {
    {"NF1", "Netflix Premium 1 Bulan", "Streaming", "1 profil pribadi, kualitas UHD.",
     "Jangan ubah email/password. Garansi 30 hari. 1 profil untuk 1 perangkat.", 35000, 33000, 30000, 12, true},
    {"NF3", "Netflix Premium 3 Bulan", "Streaming", "1 profil pribadi selama 3 bulan.",
     "Jangan ubah email/password. Garansi 90 hari.", 95000, 90000, 85000, 6, true},
    {"VIU1", "Viu Premium 1 Bulan", "Streaming", "Akun Viu Premium tanpa iklan.", "Garansi 30 hari.", 15000, 14000,
     12000, 10, true},
    {"SPO1", "Spotify Premium 1 Bulan", "Streaming", "Akun individual.", "Jangan ubah password. Garansi 30 hari.",
     25000, 23000, 20000, 10, true},
    {"YT1", "YouTube Premium 1 Bulan", "Streaming", "Undangan family, tanpa iklan.", "Garansi 30 hari.", 20000, 18000,
     16000, 8, true},
    {"ML86", "Mobile Legends 86 Diamond", "Game", "Kode voucher 86 diamond.",
     "Kode sekali pakai. Tukar di situs resmi.", 22000, 21000, 20000, 15, false},
    {"FF100", "Free Fire 100 Diamond", "Game", "Kode voucher 100 diamond.", "Kode sekali pakai.", 15000, 14500, 14000,
     15, false},
    {"GP50", "Google Play Rp50.000", "Voucher", "Kode hadiah Google Play Indonesia.",
     "Hanya untuk akun Google Indonesia. Kode sekali pakai.", 52000, 51500, 51000, 10, false},
};
} // namespace

common::Result<bool> DemoShop::seedIfEmpty(store::CatalogRepository &catalog, store::CustomerRepository &customers)
{
    auto existing = catalog.list(true);
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return false;

    const QString actor = QStringLiteral("system:demo");
    for (const auto &d : kProducts) {
        domain::Product p;
        p.code = QString::fromLatin1(d.code);
        p.name = QString::fromUtf8(d.name);
        p.category = QString::fromUtf8(d.category);
        p.description = QString::fromUtf8(d.description);
        p.terms = QString::fromUtf8(d.terms);
        p.kind = domain::ProductKind::Digital;
        p.priceBronze = d.bronze;
        p.priceSilver = d.silver;
        p.priceGold = d.gold;
        auto created = catalog.create(p, actor);
        if (!created)
            return created.error();
        QStringList lines;
        for (int i = 1; i <= d.stock; ++i) {
            const QString n = QStringLiteral("%1").arg(i, 2, 10, QLatin1Char('0'));
            const QString code = p.code;
            if (d.account)
                lines << QLatin1String("demo.") + code.toLower() + QLatin1Char('.') + n
                             + QLatin1String("@kedai.test|Demo-") + QString::number(4821 + i * 37)
                             + QLatin1String("|Profil ") + QString::number((i - 1) % 5 + 1) + QLatin1Char('|')
                             + QString::number(1000 + i * 37);
            else
                lines << QLatin1String("DEMO-") + code + QLatin1Char('-') + n + QLatin1Char('-')
                             + QString::number(4096 + i * 7919, 16).toUpper();
        }
        if (auto added = catalog.addStock(created->id, lines, actor); !added)
            return added.error();
    }

    struct DemoCustomer
    {
        const char *phone, *name;
        domain::Tier tier;
        qint64 saldo;
    };
    const DemoCustomer kCustomers[] = {{"628111000001", "Pelanggan Demo", domain::Tier::Bronze, 500000},
                                       {"628111000002", "Reseller Demo", domain::Tier::Gold, 1000000}};
    for (const auto &c : kCustomers) {
        const QString phone = QString::fromLatin1(c.phone);
        auto customer = customers.ensure(QStringLiteral("simulator"), phone, phone, QString::fromUtf8(c.name));
        if (!customer)
            return customer.error();
        if (c.tier != domain::Tier::Bronze) {
            if (auto r = customers.setTier(customer->id, c.tier, actor); !r)
                return r.error();
        }
        if (auto r = customers.postLedger(customer->id, c.saldo, domain::LedgerKind::Topup, actor, {},
                                          QStringLiteral("saldo demo"));
            !r)
            return r.error();
    }
    log::get("engine")->info("demo shop created: {} products, {} customers", std::size(kProducts),
                             std::size(kCustomers));
    return true;
}

} // namespace kedai::engine
