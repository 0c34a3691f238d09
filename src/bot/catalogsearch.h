#pragma once

#include "domain/product.h"

#include <QList>
#include <QString>

#include <optional>

namespace kedai::bot {

/// Fuzzy product search over the (small) catalog: exact code, code prefix, words of the name
/// or category, then typos (edit distance) on codes and name words.
class CatalogSearch
{
public:
    /// Best matches first; empty when nothing is close.
    static QList<domain::Product> search(const QList<domain::Product> &products, const QString &term, int limit = 10);
    /// The closest product code to a mistyped one (for "did you mean").
    static std::optional<domain::Product> suggest(const QList<domain::Product> &products, const QString &code);
    static int editDistance(const QString &a, const QString &b);
};

} // namespace kedai::bot
