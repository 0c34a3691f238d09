#include "gui/dialogs/productdialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"

#include "ui_productdialog.h"

#include <QPushButton>

namespace kedai::gui {

namespace {

std::optional<common::Rupiah> positivePrice(const QString &text)
{
    const auto value = common::parseRupiah(text);
    if (!value || *value <= 0)
        return std::nullopt;
    return value;
}

} // namespace

ProductDialog::ProductDialog(engine::Engine *engine, const std::optional<domain::Product> &product,
                             const QString &actor, const QList<domain::Product> &catalog, QWidget *parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::ProductDialog>())
    , m_engine(engine)
    , m_original(product.value_or(domain::Product{}))
    , m_actor(actor)
    , m_isNew(!product.has_value())
{
    ui->setupUi(this);
    for (auto kind : {domain::ProductKind::Digital, domain::ProductKind::Counted, domain::ProductKind::Ppob})
        ui->kindCombo->addItem(Labels::productKind(kind), int(kind));
    QStringList categories;
    for (const domain::Product &p : catalog) {
        m_takenCodes << p.code;
        if (!p.category.isEmpty() && !categories.contains(p.category, Qt::CaseInsensitive))
            categories << p.category;
    }
    categories.sort(Qt::CaseInsensitive);
    ui->categoryCombo->addItems(categories);
    ui->categoryCombo->setCurrentIndex(-1);
    ui->categoryCombo->lineEdit()->setPlaceholderText(tr("Pick one or type a new category"));

    if (m_isNew) {
        setWindowTitle(tr("Add product"));
    } else {
        setWindowTitle(tr("Edit product %1").arg(m_original.code));
        ui->codeEdit->setText(m_original.code);
        ui->codeEdit->setReadOnly(true);
        ui->nameEdit->setText(m_original.name);
        ui->categoryCombo->setEditText(m_original.category);
        ui->kindCombo->setCurrentIndex(ui->kindCombo->findData(int(m_original.kind)));
        ui->bronzeEdit->setText(QString::number(m_original.priceBronze));
        ui->silverEdit->setText(QString::number(m_original.priceSilver));
        ui->goldEdit->setText(QString::number(m_original.priceGold));
        ui->lowStockSpin->setValue(m_original.lowStockThreshold);
        ui->descriptionEdit->setPlainText(m_original.description);
        ui->termsEdit->setPlainText(m_original.terms);
        ui->activeCheck->setChecked(m_original.active);
    }

    for (QLineEdit *edit : {ui->codeEdit, ui->nameEdit, ui->bronzeEdit, ui->silverEdit, ui->goldEdit})
        connect(edit, &QLineEdit::textChanged, this, &ProductDialog::updateState);
    updateState();
}

ProductDialog::~ProductDialog() = default;

QString ProductDialog::validationError() const
{
    const QString code = domain::normalizeProductCode(ui->codeEdit->text());
    if (!domain::isValidProductCode(code))
        return tr("The code must be 1 to 20 characters: letters A-Z, digits, \"-\" or \"_\".");
    if (m_isNew && m_takenCodes.contains(code))
        return tr("The code %1 is already used by another product. Choose another code.").arg(code);
    if (ui->nameEdit->text().trimmed().isEmpty())
        return tr("The name is required.");
    if (!positivePrice(ui->bronzeEdit->text()))
        return tr("The bronze price must be a whole number of rupiah above 0.");
    if (!positivePrice(ui->silverEdit->text()))
        return tr("The silver price must be a whole number of rupiah above 0.");
    if (!positivePrice(ui->goldEdit->text()))
        return tr("The gold price must be a whole number of rupiah above 0.");
    return {};
}

domain::Product ProductDialog::enteredProduct() const
{
    domain::Product p = m_original;
    p.code = domain::normalizeProductCode(ui->codeEdit->text());
    p.name = ui->nameEdit->text().trimmed();
    p.category = ui->categoryCombo->currentText().trimmed();
    p.kind = domain::ProductKind(ui->kindCombo->currentData().toInt());
    p.priceBronze = positivePrice(ui->bronzeEdit->text()).value_or(0);
    p.priceSilver = positivePrice(ui->silverEdit->text()).value_or(0);
    p.priceGold = positivePrice(ui->goldEdit->text()).value_or(0);
    p.lowStockThreshold = ui->lowStockSpin->value();
    p.description = ui->descriptionEdit->toPlainText().trimmed();
    p.terms = ui->termsEdit->toPlainText().trimmed();
    p.active = ui->activeCheck->isChecked();
    return p;
}

void ProductDialog::accept()
{
    if (m_saving || !validationError().isEmpty())
        return;
    m_saving = true;
    updateState();
    onReady(m_engine->saveProduct(enteredProduct(), m_isNew, m_actor), this,
            [this](common::Result<domain::Product> result) {
                m_saving = false;
                if (!result) {
                    const common::Error &e = result.error();
                    if (e.code == QLatin1String("catalog.duplicate_code"))
                        m_takenCodes << domain::normalizeProductCode(ui->codeEdit->text());
                    updateState();
                    if (e.code == QLatin1String("catalog.duplicate_code"))
                        return; // updateState() shows the translated message
                    showError(e.code == QLatin1String("auth.forbidden")
                                  ? tr("Your account may not edit products. Ask a manager or the shop owner.")
                                  : e.message);
                    return;
                }
                Q_EMIT saved(result.value());
                QDialog::accept();
            });
}

QString ProductDialog::priceWarning() const
{
    const auto bronze = positivePrice(ui->bronzeEdit->text());
    const auto silver = positivePrice(ui->silverEdit->text());
    const auto gold = positivePrice(ui->goldEdit->text());
    // Better tiers normally pay less: bronze >= silver >= gold. Allowed, but probably a typo.
    if (bronze && silver && gold && (*silver > *bronze || *gold > *silver))
        return tr("Unusual prices: silver customers usually pay at most the bronze price and gold customers at "
                  "most the silver price. Check the prices; you can still save them.");
    return {};
}

void ProductDialog::updateState()
{
    const QString error = validationError();
    showError(error);
    const QString warning = error.isEmpty() ? priceWarning() : QString();
    ui->warningLabel->setText(warning);
    ui->warningLabel->setVisible(!warning.isEmpty());
    ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty() && !m_saving);
}

void ProductDialog::showError(const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(!message.isEmpty());
}

} // namespace kedai::gui
