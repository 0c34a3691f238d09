#pragma once

#include <QString>
#include <QStringList>

namespace kedai::engine {

/// One reply of the bot as the Settings panel's template editor shows it.
struct ReplyTemplate
{
    QString key;              ///< e.g. "menu", "buy.sold_out"
    QString defaultText;      ///< from resources/templates/<language>.json
    QString ownText;          ///< the shop's override; empty: the default is used
    QStringList placeholders; ///< the {names} the reply must keep, and may only use
};

} // namespace kedai::engine
