#include "gui/dialogs/stockpastedialog.h"

#include "domain/stockline.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"

#include "ui_stockpastedialog.h"

#include <QBrush>
#include <QColor>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace kedai::gui {

namespace {

/// The column chooser reads only the start of a file on the GUI thread.
constexpr qint64 kFirstRecordBytes = 64 * 1024;
constexpr int kMaxImportBytes = 64 * 1024 * 1024;

QString withoutBom(const QByteArray &data)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    return text;
}

QChar csvDelimiter(const QString &text)
{
    const QString first = text.left(text.indexOf(QLatin1Char('\n')));
    QChar best = QLatin1Char(',');
    qsizetype bestCount = 0;
    for (const QChar c : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t')}) {
        const qsizetype n = first.count(c);
        if (n > bestCount) {
            best = c;
            bestCount = n;
        }
    }
    return best;
}

/// RFC 4180-ish: "quoted" fields may hold the delimiter, line breaks and "" for a quote.
QList<QStringList> csvRecords(const QString &text, qsizetype maxRecords = -1)
{
    const QChar delimiter = csvDelimiter(text);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"') && field.trimmed().isEmpty()) {
            field.clear();
            quoted = true;
        } else if (c == delimiter) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            record << field;
            field.clear();
            records << record;
            record.clear();
            if (maxRecords > 0 && records.size() >= maxRecords)
                return records;
        } else if (c != QLatin1Char('\r')) {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record << field;
        records << record;
    }
    return records;
}

} // namespace

QList<StockPasteDialog::PreviewLine> StockPasteDialog::classifyLines(const QStringList &lines,
                                                                     const QSet<QString> &inStock, QSet<QString> &seen)
{
    QList<PreviewLine> out;
    out.reserve(lines.size());
    for (const QString &line : lines) {
        LineState state = LineState::New;
        if (line.toUtf8().size() > domain::StockLine::kMaxLength)
            state = LineState::TooLong;
        else if (inStock.contains(line))
            state = LineState::InStock;
        else if (seen.contains(line))
            state = LineState::DuplicateInText;
        seen.insert(line);
        out.append({line, state});
    }
    return out;
}

QList<StockPasteDialog::PreviewLine> StockPasteDialog::classify(const QString &text, const QSet<QString> &existing)
{
    QSet<QString> seen;
    return classifyLines(domain::StockLine::splitPasted(text), existing, seen);
}

QStringList StockPasteDialog::importedLines(const QByteArray &data, bool csv, int column)
{
    const QString text = withoutBom(data);
    if (!csv)
        return domain::StockLine::splitPasted(text);
    QStringList out;
    for (const QStringList &record : csvRecords(text)) {
        if (column < 0 || column >= record.size())
            continue;
        const QString line = record.at(column).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            out << line;
    }
    return out;
}

QStringList StockPasteDialog::csvFirstRecord(const QByteArray &data)
{
    const QList<QStringList> records = csvRecords(withoutBom(data), 1);
    return records.isEmpty() ? QStringList() : records.first();
}

StockPasteDialog::StockPasteDialog(engine::Engine *engine, const domain::Product &product, const QString &actor,
                                   QWidget *parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::StockPasteDialog>())
    , m_engine(engine)
    , m_product(product)
    , m_actor(actor)
{
    ui->setupUi(this);
    setWindowTitle(tr("Add stock: %1 (%2)").arg(product.name, product.code));
    ui->resultLabel->hide();
    ui->progressBar->hide();
    ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Save items"));
    auto *importButton = ui->buttonBox->addButton(tr("&Import file…"), QDialogButtonBox::ActionRole);
    importButton->setObjectName(QStringLiteral("importButton"));
    connect(importButton, &QPushButton::clicked, this, &StockPasteDialog::chooseFile);
    connect(ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &StockPasteDialog::save);

    // Re-classifying on every keystroke of a large paste would make typing sluggish.
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kReloadDelayMs);
    connect(&m_previewTimer, &QTimer::timeout, this, &StockPasteDialog::previewText);
    connect(ui->stockText, &QPlainTextEdit::textChanged, this, [this] {
        m_importedFrom.clear(); // typing or pasting replaces an imported file
        m_previewTimer.start();
    });
    startPreview({});
}

StockPasteDialog::~StockPasteDialog() = default;

void StockPasteDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import stock items"), {},
                                                      tr("Stock files (*.txt *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    int column = 0;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        QFile file(path);
        const QStringList first = file.open(QIODevice::ReadOnly) ? csvFirstRecord(file.read(kFirstRecordBytes))
                                                                 : QStringList();
        if (first.size() > 1) {
            QStringList choices;
            for (qsizetype i = 0; i < first.size(); ++i)
                choices << tr("Column %1 (first row: %2)").arg(i + 1).arg(first.at(i).trimmed().left(24));
            bool ok = false;
            const QString choice = QInputDialog::getItem(this, tr("Import stock items"),
                                                         tr("Which column holds the items?"), choices, 0, false, &ok);
            if (!ok)
                return;
            column = int(choices.indexOf(choice));
        }
    }
    importFile(path, column);
}

void StockPasteDialog::importFile(const QString &path, int column)
{
    const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    ++m_generation;
    m_readingFile = true;
    m_previewTimer.stop();
    ui->resultLabel->hide();
    ui->progressBar->setRange(0, 0);
    ui->progressBar->setFormat(tr("Reading the file…"));
    ui->progressBar->show();
    updateSaveButton();
    auto read = QtConcurrent::run([path, csv, column]() -> common::Result<QStringList> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return common::makeError(QStringLiteral("import.unreadable"), file.errorString());
        if (file.size() > kMaxImportBytes)
            return common::makeError(QStringLiteral("import.too_large"), QString::number(file.size()));
        return importedLines(file.readAll(), csv, column);
    });
    onReady(read, this, [this, path, generation = m_generation](common::Result<QStringList> lines) {
        if (generation != m_generation)
            return;
        m_readingFile = false;
        if (!lines) {
            ui->progressBar->hide();
            showResult(lines.error().code == QLatin1String("import.too_large")
                           ? tr("The file is too large to import (at most 64 MB).")
                           : tr("Could not read %1: %2").arg(QFileInfo(path).fileName(), lines.error().message));
            updateSaveButton();
            return;
        }
        {
            const QSignalBlocker blocker(ui->stockText); // the text box does not hold the file
            ui->stockText->clear();
        }
        m_importedFrom = QFileInfo(path).fileName();
        startPreview(std::move(lines).value());
    });
}

void StockPasteDialog::previewText()
{
    if (m_importedFrom.isEmpty())
        startPreview(domain::StockLine::splitPasted(ui->stockText->toPlainText()));
}

void StockPasteDialog::startPreview(QStringList lines)
{
    ++m_generation;
    m_lines = std::move(lines);
    m_next = 0;
    m_seen.clear();
    m_counts.fill(0);
    ui->stockPreview->clear();
    m_classifying = true;
    ui->stockText->setPlaceholderText(
        m_importedFrom.isEmpty()
            ? tr("Paste the items here")
            : tr("%n item(s) from %1 are in the preview. Type or paste here to use this text instead.", nullptr,
                 int(m_lines.size()))
                  .arg(m_importedFrom));
    if (m_lines.size() > kChunkSize) {
        ui->progressBar->setRange(0, int(m_lines.size()));
        ui->progressBar->setValue(0);
        ui->progressBar->setFormat(tr("Checking %v of %m lines…"));
        ui->progressBar->show();
    } else {
        ui->progressBar->hide();
    }
    updateSaveButton();
    nextChunk();
}

void StockPasteDialog::nextChunk()
{
    if (m_next >= m_lines.size()) {
        m_classifying = false;
        ui->progressBar->hide();
        updateSummary();
        Q_EMIT previewReady();
        return;
    }
    const QStringList chunk = m_lines.mid(m_next, kChunkSize);
    onReady(m_engine->stockLinesInStock(m_product.id, chunk), this,
            [this, chunk, generation = m_generation](common::Result<QSet<QString>> inStock) {
                if (generation != m_generation)
                    return;
                if (!inStock) {
                    m_classifying = false;
                    ui->progressBar->hide();
                    showResult(tr("Could not check the current stock: %1").arg(inStock.error().message));
                    updateSaveButton();
                    return;
                }
                showChunk(classifyLines(chunk, inStock.value(), m_seen));
                m_next += chunk.size();
                ui->progressBar->setValue(int(m_next));
                nextChunk();
            });
}

void StockPasteDialog::showChunk(const QList<PreviewLine> &lines)
{
    ui->stockPreview->setUpdatesEnabled(false);
    for (const PreviewLine &pl : lines) {
        ++m_counts[std::size_t(pl.state)];
        QString text = pl.line;
        QColor color;
        switch (pl.state) {
        case LineState::New: color = QColor(0x1e, 0x84, 0x49); break;
        case LineState::DuplicateInText:
            text = tr("%1  [duplicate in the pasted text]").arg(pl.line);
            color = QColor(0xb9, 0x77, 0x0e);
            break;
        case LineState::InStock:
            text = tr("%1  [already in stock]").arg(pl.line);
            color = QColor(0xc0, 0x39, 0x2b);
            break;
        case LineState::TooLong:
            text = tr("%1  [too long]").arg(pl.line.left(40));
            color = QColor(0xc0, 0x39, 0x2b);
            break;
        }
        auto *item = new QListWidgetItem(text, ui->stockPreview);
        item->setForeground(color);
        item->setData(kStateRole, int(pl.state));
    }
    ui->stockPreview->setUpdatesEnabled(true);
    updateSummary();
}

void StockPasteDialog::updateSummary()
{
    QString summary = tr("%1 new, %2 duplicated in the text, %3 already in stock, %4 too long.")
                          .arg(m_counts[std::size_t(LineState::New)])
                          .arg(m_counts[std::size_t(LineState::DuplicateInText)])
                          .arg(m_counts[std::size_t(LineState::InStock)])
                          .arg(m_counts[std::size_t(LineState::TooLong)]);
    if (m_classifying)
        summary += QLatin1Char(' ') + tr("Checking the current stock…");
    ui->summaryLabel->setText(summary);
    updateSaveButton();
}

void StockPasteDialog::updateSaveButton()
{
    ui->buttonBox->button(QDialogButtonBox::Save)
        ->setEnabled(existingLoaded() && !m_saving && m_counts[std::size_t(LineState::New)] > 0);
}

void StockPasteDialog::showResult(const QString &text)
{
    ui->resultLabel->setText(text);
    ui->resultLabel->show();
}

void StockPasteDialog::save()
{
    if (m_previewTimer.isActive()) { // text typed a moment ago: preview it first
        m_previewTimer.stop();
        previewText();
        return;
    }
    if (!existingLoaded() || m_saving || m_counts[std::size_t(LineState::New)] == 0)
        return;
    m_saving = true;
    updateSaveButton();
    ui->progressBar->setRange(0, 0);
    ui->progressBar->setFormat(tr("Saving…"));
    ui->progressBar->show();
    onReady(
        m_engine->addStock(m_product.id, m_lines, m_actor), this, [this](common::Result<store::AddStockResult> result) {
            m_saving = false;
            ui->progressBar->hide();
            if (!result) {
                showResult(result.error().code == QLatin1String("auth.forbidden")
                               ? tr("Nothing was saved: your account may not add stock.")
                               : tr("Nothing was saved: %1").arg(result.error().message));
                updateSaveButton();
                return;
            }
            const store::AddStockResult &r = result.value();
            const qsizetype skipped = r.duplicatesInInput.size() + r.duplicatesExisting.size() + r.rejected.size();
            const QString summary =
                tr("%1: added %2 item(s), skipped %3 (%4 duplicated in the text, %5 already in stock, %6 rejected).")
                    .arg(m_product.code)
                    .arg(r.added)
                    .arg(skipped)
                    .arg(r.duplicatesInInput.size())
                    .arg(r.duplicatesExisting.size())
                    .arg(r.rejected.size());
            showResult(summary);
            Q_EMIT stockAdded(summary);
            // Ready for the next batch: what was just saved now counts as in stock.
            m_importedFrom.clear();
            {
                const QSignalBlocker blocker(ui->stockText);
                ui->stockText->clear();
            }
            startPreview({});
        });
}

} // namespace kedai::gui
