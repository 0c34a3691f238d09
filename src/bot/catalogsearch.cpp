#include "bot/catalogsearch.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace kedai::bot {

int CatalogSearch::editDistance(const QString &a, const QString &b)
{
    std::vector<int> prev(size_t(b.size()) + 1), cur(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

static int score(const domain::Product &p, const QString &term)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    const QString code = p.code.toLower();
    const QString name = p.name.toLower();
    const QString category = p.shownCategory().toLower();
    if (code == term)
        return 100;
    if (code.startsWith(term))
        return 80;
    if (name.startsWith(term))
        return 70;
    const QString haystack = name + QLatin1Char(' ') + category;
    const QStringList words = haystack.split(nonWord, Qt::SkipEmptyParts);
    for (const QString &w : words) {
        if (w.startsWith(term))
            return 60;
    }
    if (name.contains(term) || category.contains(term))
        return 50;
    if (term.size() >= 4) {
        const int allowed = term.size() >= 7 ? 2 : 1;
        for (const QString &w : words) {
            if (CatalogSearch::editDistance(w, term) <= allowed)
                return 30;
        }
    }
    return 0;
}

QList<domain::Product> CatalogSearch::search(const QList<domain::Product> &products, const QString &rawTerm, int limit)
{
    const QString term = rawTerm.trimmed().toLower();
    if (term.isEmpty())
        return {};
    QList<QPair<int, domain::Product>> scored;
    for (const auto &p : products) {
        if (!p.active)
            continue;
        if (const int s = score(p, term); s > 0)
            scored.append({s, p});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<domain::Product> out;
    for (const auto &s : scored) {
        if (out.size() >= limit)
            break;
        out.append(s.second);
    }
    return out;
}

std::optional<domain::Product> CatalogSearch::suggest(const QList<domain::Product> &products, const QString &code)
{
    const QString wanted = code.trimmed().toUpper();
    std::optional<domain::Product> best;
    int bestDistance = 3;
    for (const auto &p : products) {
        if (!p.active)
            continue;
        const int d = editDistance(p.code, wanted);
        if (d < bestDistance) {
            bestDistance = d;
            best = p;
        }
    }
    if (!best) {
        const auto found = search(products, code, 1);
        if (!found.isEmpty())
            best = found.first();
    }
    return best;
}

} // namespace kedai::bot
