#include "gui/dialogs/mergecustomersdialog.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"
#include "gui/reloadscheduler.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString customerTitle(const domain::Customer &c)
{
    QString title = c.name.isEmpty() ? c.phone : c.name;
    if (!c.name.isEmpty() && !c.phone.isEmpty())
        title += QStringLiteral(" (") + c.phone + QLatin1Char(')');
    return title.isEmpty() ? QStringLiteral("#") + QString::number(c.id) : title;
}

} // namespace

MergeCustomersDialog::MergeCustomersDialog(engine::Engine *engine, const domain::Customer &customer,
                                           const QString &actor, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_customer(customer)
    , m_actor(actor)
    , m_reload(new ReloadScheduler([this] { loadCandidates(); }, this))
{
    setWindowTitle(tr("Merge customers"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Merge two customers who are the same person (another number, or another chat app). "
                                "The chats, orders, QRIS payments and saldo of the customer merged away move to the "
                                "customer who stays."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("mergeSearch"));
    m_search->setPlaceholderText(tr("Search the other customer by name or number…"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_candidates = new QListWidget(this);
    m_candidates->setObjectName(QStringLiteral("mergeCandidates"));
    m_candidates->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_candidates, 1);

    m_keepThis = new QRadioButton(tr("Keep %1, merge the other one into it").arg(customerTitle(customer)), this);
    m_keepThis->setObjectName(QStringLiteral("keepThisButton"));
    m_keepThis->setChecked(true);
    m_keepOther = new QRadioButton(tr("Keep the other one, merge %1 into it").arg(customerTitle(customer)), this);
    m_keepOther->setObjectName(QStringLiteral("keepOtherButton"));
    layout->addWidget(m_keepThis);
    layout->addWidget(m_keepOther);

    auto *details = new QGroupBox(tr("What happens"), this);
    auto *form = new QFormLayout(details);
    m_fromLabel = new QLabel(details);
    m_fromLabel->setObjectName(QStringLiteral("mergeFromLabel"));
    m_fromLabel->setWordWrap(true);
    m_intoLabel = new QLabel(details);
    m_intoLabel->setObjectName(QStringLiteral("mergeIntoLabel"));
    m_intoLabel->setWordWrap(true);
    m_summary = new QLabel(details);
    m_summary->setObjectName(QStringLiteral("mergeSummaryLabel"));
    m_summary->setWordWrap(true);
    form->addRow(tr("Merged away:"), m_fromLabel);
    form->addRow(tr("Stays:"), m_intoLabel);
    form->addRow(tr("Afterwards:"), m_summary);
    layout->addWidget(details);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("mergeErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);
    m_confirm = new QCheckBox(tr("They are the same person. Merging cannot be undone."), this);
    m_confirm->setObjectName(QStringLiteral("mergeConfirm"));
    layout->addWidget(m_confirm);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_mergeButton = buttons->addButton(tr("&Merge"), QDialogButtonBox::AcceptRole);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &MergeCustomersDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_search, &QLineEdit::textChanged, m_reload, &ReloadScheduler::schedule);
    connect(m_candidates, &QListWidget::itemSelectionChanged, this, [this] {
        if (const auto c = other(); c && !m_identities.contains(c->id))
            loadIdentities(c->id);
        updateState();
    });
    connect(m_keepThis, &QRadioButton::toggled, this, &MergeCustomersDialog::updateState);
    connect(m_confirm, &QCheckBox::toggled, this, &MergeCustomersDialog::updateState);

    resize(560, 600);
    loadIdentities(m_customer.id);
    // The list the dialog was opened from may be a moment old: the saldo shown must be today's.
    onReady(m_engine->customers(m_customer.phone.isEmpty() ? m_customer.name : m_customer.phone), this,
            [this](common::Result<QList<domain::Customer>> result) {
                if (!result) {
                    m_selfLoaded = true;
                    return;
                }
                for (const domain::Customer &c : std::as_const(result.value())) {
                    if (c.id == m_customer.id)
                        m_customer = c;
                }
                m_selfLoaded = true;
                updateState();
            });
    m_reload->reloadNow();
    updateState();
}

MergeCustomersDialog::~MergeCustomersDialog() = default;

void MergeCustomersDialog::loadCandidates()
{
    onReady(m_engine->customers(m_search->text().trimmed()), this,
            [this](common::Result<QList<domain::Customer>> result) {
                m_reload->finished();
                m_loaded = true;
                if (!result) {
                    m_errorLabel->setText(tr("Could not load the customers: %1").arg(Labels::error(result.error())));
                    m_errorLabel->show();
                    return;
                }
                const auto keep = other();
                m_candidateRows.clear();
                m_candidates->clear();
                for (const domain::Customer &c : std::as_const(result.value())) {
                    if (c.id == m_customer.id)
                        continue;
                    m_candidateRows << c;
                    auto *item = new QListWidgetItem(
                        tr("%1 — saldo %2").arg(customerTitle(c), common::formatRupiah(c.saldo)), m_candidates);
                    item->setData(kIdRole, c.id);
                }
                if (keep)
                    selectCandidate(keep->id);
                updateState();
            });
}

void MergeCustomersDialog::loadIdentities(qint64 customerId)
{
    onReady(m_engine->customerIdentities(customerId), this,
            [this, customerId](common::Result<QList<QPair<QString, QString>>> result) {
                QStringList ids;
                if (result) {
                    for (const auto &[channel, externalId] : std::as_const(result.value()))
                        ids << channel + QStringLiteral(": ") + externalId;
                } else {
                    ids << tr("(could not load: %1)").arg(Labels::error(result.error()));
                }
                m_identities.insert(customerId, ids);
                updateState();
            });
}

bool MergeCustomersDialog::selectCandidate(qint64 customerId)
{
    for (int i = 0; i < m_candidates->count(); ++i) {
        if (m_candidates->item(i)->data(kIdRole).toLongLong() == customerId) {
            m_candidates->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

bool MergeCustomersDialog::detailsLoaded() const
{
    const auto c = other();
    return c && m_selfLoaded && m_identities.contains(c->id) && m_identities.contains(m_customer.id);
}

std::optional<domain::Customer> MergeCustomersDialog::other() const
{
    const auto items = m_candidates->selectedItems();
    if (items.isEmpty())
        return std::nullopt;
    const qint64 id = items.first()->data(kIdRole).toLongLong();
    for (const domain::Customer &c : m_candidateRows) {
        if (c.id == id)
            return c;
    }
    return std::nullopt;
}

QString MergeCustomersDialog::describe(const domain::Customer &c) const
{
    const QStringList ids = m_identities.value(c.id);
    return tr("%1, saldo %2, chats: %3")
        .arg(customerTitle(c), common::formatRupiah(c.saldo),
             m_identities.contains(c.id) ? (ids.isEmpty() ? tr("none") : ids.join(QStringLiteral(", ")))
                                         : tr("loading…"));
}

void MergeCustomersDialog::updateState()
{
    const auto c = other();
    if (!c) {
        m_fromLabel->setText(tr("Choose the other customer above."));
        m_intoLabel->clear();
        m_summary->clear();
    } else {
        const bool keepThis = m_keepThis->isChecked();
        const domain::Customer &from = keepThis ? *c : m_customer;
        const domain::Customer &into = keepThis ? m_customer : *c;
        m_fromLabel->setText(describe(from));
        m_intoLabel->setText(describe(into));
        m_summary->setText(
            tr("%1 with saldo %2 and %n chat(s); %3 disappears from the lists.", nullptr,
               int(m_identities.value(from.id).size() + m_identities.value(into.id).size()))
                .arg(customerTitle(into), common::formatRupiah(from.saldo + into.saldo), customerTitle(from)));
    }
    m_mergeButton->setEnabled(c.has_value() && m_confirm->isChecked() && !m_merging);
}

void MergeCustomersDialog::accept()
{
    const auto c = other();
    if (!c || !m_confirm->isChecked() || m_merging)
        return;
    const bool keepThis = m_keepThis->isChecked();
    const qint64 fromId = keepThis ? c->id : m_customer.id;
    const qint64 intoId = keepThis ? m_customer.id : c->id;
    m_merging = true;
    updateState();
    onReady(m_engine->mergeCustomers(fromId, intoId, m_actor), this,
            [this](common::Result<store::CustomerMergeResult> result) {
                m_merging = false;
                if (!result) {
                    QString text = Labels::error(result.error());
                    if (result.error().code == QLatin1String("customer.merge_pending_qris"))
                        text = tr("Both customers have a QRIS payment waiting. Wait until one of them is paid, "
                                  "expires or is cancelled, then merge.");
                    else if (result.error().code == QLatin1String("customer.merged"))
                        text = tr("One of them was merged already. Reload the customers and try again.");
                    m_errorLabel->setText(text);
                    m_errorLabel->show();
                    updateState();
                    return;
                }
                Q_EMIT merged(result.value());
                QDialog::accept();
            });
}

} // namespace kedai::gui
