#include "payments/dynamicqris.h"

#include "payments/emv.h"

namespace kedai::payments {

using common::makeError;
using common::Result;

namespace {

const QLatin1String kStaticInitiation("010211");
const QLatin1String kDynamicInitiation("010212");
const QLatin1String kCountryId("5802ID");

/// Character offset of top-level `tag` in the payload it was parsed from, or -1.
qsizetype fieldOffset(const EmvPayload &payload, QStringView tag)
{
    qsizetype pos = 0;
    for (const EmvField &f : payload.fields) {
        if (f.tag == tag)
            return pos;
        pos += 4 + f.value.size();
    }
    return -1;
}

common::Error prefixed(const common::Error &error)
{
    common::Error e = error;
    e.message = QStringLiteral("The static QRIS is not valid: ") + error.message;
    return e;
}

Result<void> checkStatic(const QString &text, const EmvPayload &payload)
{
    if (payload.isDynamic()) {
        return makeError(QStringLiteral("qris.already_dynamic"),
                         QStringLiteral("The QRIS is already dynamic (tag 01 = \"12\", a one-time code): convert "
                                        "the shop's static QRIS (tag 01 = \"11\") instead"));
    }
    const std::optional<QString> initiation = payload.value(u"01");
    if (!initiation) {
        return makeError(QStringLiteral("qris.missing_tag"),
                         QStringLiteral("The static QRIS has no tag 01 (point of initiation); expected \"010211\""));
    }
    if (*initiation != QLatin1String("11")) {
        return makeError(QStringLiteral("qris.not_static"),
                         QStringLiteral("The QRIS point of initiation (tag 01) is \"%1\"; a static code has \"11\"")
                             .arg(*initiation));
    }
    if (payload.value(u"54")) {
        return makeError(
            QStringLiteral("qris.has_amount"),
            QStringLiteral("The static QRIS already carries an amount (tag 54 = \"%1\")").arg(*payload.value(u"54")));
    }
    const QString country = payload.value(u"58").value_or(QString());
    if (country != QLatin1String("ID")) {
        return makeError(
            QStringLiteral("qris.not_id"),
            QStringLiteral("The QRIS country code (tag 58) is \"%1\"; QRIS needs \"5802ID\"").arg(country));
    }
    // The conversion works on text, so the markers must occur exactly where their tags are.
    if (text.count(kStaticInitiation) != 1 || text.indexOf(kStaticInitiation) != fieldOffset(payload, u"01")) {
        return makeError(QStringLiteral("qris.ambiguous"),
                         QStringLiteral("The static QRIS contains \"010211\" inside other data as well; the text "
                                        "conversion would change that data"));
    }
    if (text.indexOf(kCountryId) != fieldOffset(payload, u"58")) {
        return makeError(QStringLiteral("qris.ambiguous"),
                         QStringLiteral("The static QRIS contains \"5802ID\" inside other data before tag 58; the "
                                        "amount would be inserted in the wrong place"));
    }
    return {};
}

/// The converted code must parse, be dynamic, carry `amount`, and keep every other field.
Result<void> checkConverted(const EmvPayload &source, const QString &converted, const QString &amount)
{
    auto parsed = parseEmv(converted);
    QString problem;
    if (!parsed) {
        problem = parsed.error().message;
    } else if (!parsed->isDynamic()) {
        problem = QStringLiteral("tag 01 is not \"12\"");
    } else if (parsed->amountText() != amount) {
        problem = QStringLiteral("tag 54 is \"%1\", expected \"%2\"")
                      .arg(parsed->amountText().value_or(QString()), amount);
    } else {
        for (const EmvField &f : source.fields) {
            if (f.tag == QLatin1String("01") || f.tag == QLatin1String("63"))
                continue;
            if (parsed->value(f.tag) != f.value) {
                problem = QStringLiteral("tag %1 changed").arg(f.tag);
                break;
            }
        }
        if (problem.isEmpty() && parsed->fields.size() != source.fields.size() + 1)
            problem = QStringLiteral("unexpected fields were added");
    }
    if (problem.isEmpty())
        return {};
    return makeError(QStringLiteral("qris.conversion_failed"),
                     QStringLiteral("Converting the static QRIS produced an invalid code: ") + problem);
}

} // namespace

Result<QString> makeDynamicQris(const QString &staticQris, common::Rupiah amount)
{
    auto parsed = parseEmv(staticQris);
    if (!parsed)
        return prefixed(parsed.error());
    if (amount < 1 || amount > kMaxQrisAmount) {
        return makeError(QStringLiteral("qris.amount_out_of_range"),
                         QStringLiteral("The QRIS amount must be between Rp 1 and %1, got %2")
                             .arg(common::formatRupiah(kMaxQrisAmount), common::formatRupiah(amount)),
                         {{QStringLiteral("amount"), amount}});
    }
    if (auto ok = checkStatic(staticQris, *parsed); !ok)
        return ok.error();

    const QString amountText = QString::number(amount);
    const QString amountField = QStringLiteral("54%1").arg(amountText.size(), 2, 10, QLatin1Char('0')) + amountText;
    QString converted = staticQris.left(staticQris.size() - 4);
    converted.replace(fieldOffset(*parsed, u"01"), kDynamicInitiation.size(), kDynamicInitiation);
    converted.insert(converted.indexOf(kCountryId), amountField);
    converted += crc16CcittFalse(converted.toLatin1());

    if (auto ok = checkConverted(*parsed, converted, amountText); !ok)
        return ok.error();
    return converted;
}

} // namespace kedai::payments
