#include "gui/dialogs/stockpastedialog.h"

#include "domain/stockline.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"

#include "ui_stockpastedialog.h"

#include <QBrush>
#include <QColor>
#include <QPushButton>

namespace kedai::gui {

QList<StockPasteDialog::PreviewLine> StockPasteDialog::classify(const QString &text, const QSet<QString> &existing)
{
    QList<PreviewLine> out;
    QSet<QString> seen;
    for (const QString &line : domain::StockLine::splitPasted(text)) {
        LineState state = LineState::New;
        if (line.toUtf8().size() > domain::StockLine::kMaxLength)
            state = LineState::TooLong;
        else if (existing.contains(line))
            state = LineState::InStock;
        else if (seen.contains(line))
            state = LineState::DuplicateInText;
        seen.insert(line);
        out.append({line, state});
    }
    return out;
}

StockPasteDialog::StockPasteDialog(engine::Engine *engine, const domain::Product &product, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::StockPasteDialog>()), m_engine(engine), m_product(product)
{
    ui->setupUi(this);
    setWindowTitle(tr("Paste stock: %1 (%2)").arg(product.name, product.code));
    ui->resultLabel->hide();
    ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Save items"));
    connect(ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &StockPasteDialog::save);

    // Re-classifying on every keystroke of a large paste would make typing sluggish.
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kReloadDelayMs);
    connect(&m_previewTimer, &QTimer::timeout, this, &StockPasteDialog::updatePreview);
    connect(ui->stockText, &QPlainTextEdit::textChanged, &m_previewTimer, qOverload<>(&QTimer::start));

    updatePreview();
    loadExisting();
}

StockPasteDialog::~StockPasteDialog() = default;

void StockPasteDialog::loadExisting()
{
    onReady(m_engine->existingStock(m_product.id), this, [this](common::Result<QStringList> result) {
        if (!result) {
            ui->resultLabel->setText(tr("Could not read the current stock: %1").arg(result.error().message));
            ui->resultLabel->show();
            return;
        }
        m_existing = QSet<QString>(result.value().cbegin(), result.value().cend());
        m_existingLoaded = true;
        updatePreview();
    });
}

void StockPasteDialog::updatePreview()
{
    const QList<PreviewLine> lines = classify(ui->stockText->toPlainText(), m_existing);
    int counts[4] = {0, 0, 0, 0};
    ui->stockPreview->clear();
    for (const PreviewLine &pl : lines) {
        ++counts[int(pl.state)];
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
    m_newLines = counts[int(LineState::New)];
    QString summary = tr("%1 new, %2 duplicated in the text, %3 already in stock, %4 too long.")
                          .arg(counts[int(LineState::New)])
                          .arg(counts[int(LineState::DuplicateInText)])
                          .arg(counts[int(LineState::InStock)])
                          .arg(counts[int(LineState::TooLong)]);
    if (!m_existingLoaded)
        summary += QLatin1Char(' ') + tr("Checking the current stock…");
    ui->summaryLabel->setText(summary);
    updateSaveButton();
}

void StockPasteDialog::updateSaveButton()
{
    ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(m_existingLoaded && !m_saving && m_newLines > 0);
}

void StockPasteDialog::save()
{
    m_previewTimer.stop();
    updatePreview();
    if (!m_existingLoaded || m_saving || m_newLines == 0)
        return;
    m_saving = true;
    updateSaveButton();
    const QStringList lines = domain::StockLine::splitPasted(ui->stockText->toPlainText());
    onReady(
        m_engine->addStock(m_product.id, lines, desktopActor()), this,
        [this](common::Result<store::AddStockResult> result) {
            m_saving = false;
            if (!result) {
                ui->resultLabel->setText(tr("Nothing was saved: %1").arg(result.error().message));
                ui->resultLabel->show();
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
            ui->resultLabel->setText(summary);
            ui->resultLabel->show();
            Q_EMIT stockAdded(summary);
            // Ready for the next batch: what was just saved now counts as in stock.
            m_existingLoaded = false;
            ui->stockText->clear();
            loadExisting();
        });
}

} // namespace kedai::gui
