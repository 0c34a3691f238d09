#include "bot/commandparser.h"

#include <QRegularExpression>

namespace kedai::bot {

ParsedCommand CommandParser::parse(const QString &input)
{
    ParsedCommand cmd;
    QString text = input.left(kMaxTextLength);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text = text.trimmed();
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    cmd.firstLine = (newline < 0 ? text : text.left(newline)).trimmed();
    cmd.body = newline < 0 ? QString() : text.mid(newline + 1);

    QString line = cmd.firstLine;
    while (!line.isEmpty()
           && (line.front() == QLatin1Char('.') || line.front() == QLatin1Char('!') || line.front() == QLatin1Char('/')
               || line.front() == QLatin1Char('#')))
        line.remove(0, 1);
    line = line.trimmed();

    static const QRegularExpression ws(QStringLiteral("\\s+"));
    const qsizetype space = line.indexOf(ws);
    cmd.verb = (space < 0 ? line : line.left(space)).toLower();
    cmd.args = space < 0 ? QString() : line.mid(space).trimmed();
    cmd.argv = cmd.args.split(ws, Qt::SkipEmptyParts);
    return cmd;
}

} // namespace kedai::bot
