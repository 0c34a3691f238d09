#pragma once

#include <QString>
#include <QStringList>

namespace kedai::bot {

/// A message split into a command word and its arguments.
/// "  .BUY nf1 2 " -> {verb "buy", args "nf1 2", argv {"nf1","2"}, body ""}.
/// "addstok NF1\na|b\nc|d" -> {verb "addstok", args "NF1", body "a|b\nc|d"}.
struct ParsedCommand
{
    QString verb;      ///< lower case, prefix (. ! / #) removed; empty for an empty message
    QString args;      ///< the rest of the first line, trimmed, original case
    QStringList argv;  ///< args split on whitespace
    QString body;      ///< the lines after the first (for addstok)
    QString firstLine; ///< the first line, trimmed, original case (bare keyword search)
};

class CommandParser
{
public:
    static ParsedCommand parse(const QString &text);
    /// Longest text the bot reads; the rest is ignored (the HTTP layer already caps bodies).
    static constexpr int kMaxTextLength = 64 * 1024;
};

} // namespace kedai::bot
