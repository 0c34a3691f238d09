#pragma once

#include "common/result.h"
#include "domain/order.h"
#include "store/orderrepository.h"

#include <QIODevice>
#include <QString>

#include <functional>

namespace kedai::store {

/// Orders as CSV for spreadsheets: UTF-8 (with a byte-order mark, which Excel needs to read
/// UTF-8), a header line, RFC 4180 (comma, CRLF, fields with a comma, quote or line break in
/// double quotes, quotes doubled), amounts as plain integers of rupiah, times as local ISO
/// "yyyy-MM-dd HH:mm:ss". Never the delivered items. Text that a spreadsheet would run as a
/// formula (starting with = + - @, tab or carriage return) gets a leading ' (OWASP's advice).
class OrderCsv
{
public:
    /// One text field, guarded and quoted as needed.
    static QString field(const QString &text);
    /// The header line, with CRLF.
    static QString header();
    /// One order's line, with CRLF.
    static QString line(const domain::Order &order);

    /// Called after every page with the rows written so far; returning false stops the export
    /// (export.cancelled).
    using Progress = std::function<bool(qint64 written)>;

    /// Writes every order matching `filter` (its paging fields are ignored), newest first, page
    /// by page (keyset paging, `pageSize` rows per query). Returns the number of rows.
    /// Errors: export.write_failed, export.cancelled, the repository's errors.
    static common::Result<qint64> write(OrderRepository &orders, OrderFilter filter, QIODevice &out,
                                        const Progress &progress = {}, int pageSize = 1000);
};

} // namespace kedai::store
