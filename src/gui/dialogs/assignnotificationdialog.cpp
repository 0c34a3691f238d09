#include "gui/dialogs/assignnotificationdialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"
#include "gui/models/qrispaymenttablemodel.h"
#include "gui/reloadscheduler.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace kedai::gui {

namespace {

/// Customers are searched after this pause in typing.
constexpr int kSearchDelayMs = 250;

QString customerLine(const domain::Customer &c)
{
    const QString who = c.name.isEmpty() ? c.phone : QStringLiteral("%1 (%2)").arg(c.name, c.phone);
    return QStringLiteral("%1 — %2").arg(who, common::formatRupiah(c.saldo));
}

} // namespace

AssignNotificationDialog::AssignNotificationDialog(engine::Engine *engine,
                                                   const domain::PaymentNotificationRecord &notification, Target target,
                                                   const QString &actor, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_actor(actor)
    , m_notification(notification)
    , m_target(target)
    , m_searchEdit(new QLineEdit(this))
    , m_candidates(new QListWidget(this))
    , m_chosenLabel(new QLabel(this))
    , m_noteEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_reload(new ReloadScheduler([this] { m_target == Target::Payment ? loadPayments() : loadCustomers(); }, this,
                                   kSearchDelayMs))
{
    const bool toPayment = target == Target::Payment;
    setWindowTitle(toPayment ? tr("Assign to an order or deposit") : tr("Credit to a customer's saldo"));
    resize(560, 460);
    auto *layout = new QVBoxLayout(this);
    const QString amount = notification.amount ? common::formatRupiah(*notification.amount) : tr("no amount");
    const QString app = notification.appName.isEmpty() ? notification.packageName : notification.appName;
    auto *intro = new QLabel(
        tr("%1 received through %2 at %3.").arg(amount, app, Labels::dateTime(notification.receivedAt))
            + QLatin1Char('\n') + notification.text,
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setClearButtonEnabled(true);
    if (toPayment) {
        m_searchEdit->setPlaceholderText(tr("e.g. KD2411210001, or pick one below"));
        form->addRow(tr("&Ref:"), m_searchEdit);
    } else {
        m_searchEdit->setPlaceholderText(tr("phone number or name"));
        form->addRow(tr("&Search:"), m_searchEdit);
    }
    layout->addLayout(form);
    m_candidates->setObjectName(QStringLiteral("candidatesList"));
    layout->addWidget(m_candidates, 1);
    auto *form2 = new QFormLayout;
    m_chosenLabel->setObjectName(QStringLiteral("chosenLabel"));
    if (!toPayment)
        form2->addRow(tr("Customer:"), m_chosenLabel);
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("e.g. customer sent the receipt on WhatsApp"));
    form2->addRow(tr("&Note:"), m_noteEdit);
    layout->addLayout(form2);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    layout->addWidget(m_errorLabel);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(toPayment ? tr("Assign") : tr("Credit"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AssignNotificationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AssignNotificationDialog::reject);
    connect(m_noteEdit, &QLineEdit::textChanged, this, &AssignNotificationDialog::updateState);
    connect(m_candidates, &QListWidget::itemClicked, this, &AssignNotificationDialog::onCandidateClicked);
    connect(m_candidates, &QListWidget::currentItemChanged, this, &AssignNotificationDialog::onCandidateClicked);
    if (toPayment) {
        connect(m_searchEdit, &QLineEdit::textChanged, this, [this] {
            showPayments();
            updateState();
        });
    } else {
        connect(m_searchEdit, &QLineEdit::textChanged, m_reload, &ReloadScheduler::schedule);
    }
    updateState();
    m_reload->reloadNow();
}

AssignNotificationDialog::~AssignNotificationDialog() = default;

void AssignNotificationDialog::loadPayments()
{
    // Pending ones are paid; expired or cancelled ones (the customer paid too late) are credited.
    store::PaymentFilter filter;
    filter.statuses = {domain::QrisStatus::Pending, domain::QrisStatus::Expired, domain::QrisStatus::Cancelled};
    filter.limit = 100;
    onReady(m_engine->qrisPayments(filter), this, [this](common::Result<QList<domain::QrisPayment>> result) {
        m_reload->finished();
        m_loaded = true;
        if (!result) {
            m_loadError = tr("Could not load the QRIS payments: %1").arg(Labels::error(result.error()));
            updateState();
            return;
        }
        m_loadError.clear();
        m_payments = std::move(result).value();
        // The likeliest first: the payable closest to the money received.
        if (m_notification.amount) {
            const common::Rupiah amount = *m_notification.amount;
            std::stable_sort(m_payments.begin(), m_payments.end(), [amount](const auto &a, const auto &b) {
                return qAbs(a.payable - amount) < qAbs(b.payable - amount);
            });
        }
        showPayments();
        updateState();
    });
}

void AssignNotificationDialog::showPayments()
{
    const QString term = m_searchEdit->text().trimmed();
    const QSignalBlocker blocker(m_candidates);
    m_candidates->clear();
    for (const domain::QrisPayment &p : std::as_const(m_payments)) {
        if (!term.isEmpty() && !p.ref.contains(term, Qt::CaseInsensitive))
            continue;
        auto *item = new QListWidgetItem(QStringLiteral("%1 — %2 — %3 — %4 — %5")
                                             .arg(p.ref, common::formatRupiah(p.payable),
                                                  QrisPaymentTableModel::customerText(p),
                                                  QrisPaymentTableModel::whatText(p), Labels::qrisStatus(p.status)),
                                         m_candidates);
        item->setData(kCandidateRole, p.ref);
    }
}

void AssignNotificationDialog::loadCustomers()
{
    const QString term = m_searchEdit->text().trimmed();
    onReady(m_engine->customers(term), this, [this, term](common::Result<QList<domain::Customer>> result) {
        m_reload->finished();
        if (term != m_searchEdit->text().trimmed())
            return; // typed on meanwhile: that search is queued
        m_loaded = true;
        if (!result) {
            m_loadError = tr("Could not search the customers: %1").arg(Labels::error(result.error()));
            updateState();
            return;
        }
        m_loadError.clear();
        m_customers = std::move(result).value();
        const QSignalBlocker blocker(m_candidates);
        m_candidates->clear();
        for (const domain::Customer &c : std::as_const(m_customers)) {
            auto *item = new QListWidgetItem(customerLine(c), m_candidates);
            item->setData(kCandidateRole, c.id);
            if (m_customer && m_customer->id == c.id)
                m_candidates->setCurrentItem(item);
        }
        updateState();
    });
}

void AssignNotificationDialog::onCandidateClicked()
{
    const QListWidgetItem *item = m_candidates->currentItem();
    if (!item)
        return;
    if (m_target == Target::Payment) {
        const QString ref = item->data(kCandidateRole).toString();
        if (m_searchEdit->text().trimmed() != ref)
            m_searchEdit->setText(ref);
    } else {
        const qint64 id = item->data(kCandidateRole).toLongLong();
        for (const domain::Customer &c : std::as_const(m_customers)) {
            if (c.id == id)
                m_customer = c;
        }
    }
    updateState();
}

QString AssignNotificationDialog::validationError() const
{
    if (!m_notification.amount)
        return tr("This notification has no amount: it cannot be assigned.");
    if (m_target == Target::Payment && m_searchEdit->text().trimmed().isEmpty())
        return tr("Enter the ref of the order or deposit, or pick one from the list.");
    if (m_target == Target::Customer && !m_customer)
        return tr("Search for the customer and pick them from the list.");
    if (m_noteEdit->text().trimmed().isEmpty())
        return tr("A note is required: say why this money belongs there.");
    return {};
}

void AssignNotificationDialog::accept()
{
    if (m_saving || !validationError().isEmpty())
        return;
    m_saving = true;
    updateState();
    const bool toPayment = m_target == Target::Payment;
    const QString ref = toPayment ? m_searchEdit->text().trimmed().toUpper() : QString();
    const qint64 customerId = toPayment ? 0 : m_customer->id;
    const QString amount = common::formatRupiah(m_notification.amount.value_or(0));
    const QString summary = toPayment
                                ? tr("%1 assigned to %2.").arg(amount, ref)
                                : tr("%1 credited to the saldo of %2.")
                                      .arg(amount, m_customer->name.isEmpty() ? m_customer->phone : m_customer->name);
    onReady(m_engine->assignNotification(m_notification.id, ref, customerId, m_noteEdit->text().trimmed(), m_actor),
            this, [this, summary](common::Result<domain::QrisPayment> result) {
                m_saving = false;
                if (!result) {
                    updateState();
                    showError(Labels::error(result.error()));
                    return;
                }
                Q_EMIT assigned(summary);
                QDialog::accept();
            });
}

void AssignNotificationDialog::updateState()
{
    if (m_target == Target::Customer)
        m_chosenLabel->setText(m_customer ? customerLine(*m_customer) : tr("none chosen yet"));
    const QString error = validationError();
    QStringList lines;
    for (const QString &line : {m_loadError, error}) {
        if (!line.isEmpty())
            lines << line;
    }
    showError(lines.join(QLatin1Char('\n')));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty() && !m_saving);
}

void AssignNotificationDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

} // namespace kedai::gui
