#include "gui/panels/auditpanel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"
#include "gui/models/audittablemodel.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"
#include "gui/tableview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {

/// Changes that emit no engine signal (sign-ins, settings, accounts) show up within this time.
constexpr int kPollMs = 30'000;
constexpr int kSearchDelayMs = 300;

/// The kinds of action the filter offers before the single actions (a prefix of the action).
QList<QPair<QString, QString>> actionGroups()
{
    return {{AuditPanel::tr("Orders"), QStringLiteral("order.")},
            {AuditPanel::tr("Saldo"), QStringLiteral("ledger.")},
            {AuditPanel::tr("Stock"), QStringLiteral("stock.")},
            {AuditPanel::tr("Products"), QStringLiteral("product.")},
            {AuditPanel::tr("Customers"), QStringLiteral("customer.")},
            {AuditPanel::tr("QRIS"), QStringLiteral("qris.")},
            {AuditPanel::tr("Chats"), QStringLiteral("conversation.")},
            {AuditPanel::tr("Settings"), QStringLiteral("setting.")},
            {AuditPanel::tr("Accounts and sign-ins"), QStringLiteral("staff.")}};
}

QString prettyJson(const QString &json)
{
    if (json.isEmpty())
        return QStringLiteral("–");
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    return doc.isNull() ? json : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

AuditPanel::AuditPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_model(new AuditTableModel(engine, session, this))
    , m_filterDelay(new ReloadScheduler(
          [this] {
              applyFilter();
              m_filterDelay->finished();
          },
          this, kSearchDelayMs))
    , m_poll(new QTimer(this))
{
    setObjectName(QStringLiteral("auditPanel"));
    buildLayout();

    connect(m_actorCombo, &QComboBox::currentIndexChanged, this, &AuditPanel::applyFilter);
    connect(m_actionCombo, &QComboBox::currentIndexChanged, this, &AuditPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_filterDelay, &ReloadScheduler::schedule);
    connect(m_fromCheck, &QCheckBox::toggled, this, &AuditPanel::applyFilter);
    connect(m_toCheck, &QCheckBox::toggled, this, &AuditPanel::applyFilter);
    connect(m_fromCheck, &QCheckBox::toggled, m_fromEdit, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_toEdit, &QWidget::setEnabled);
    connect(m_fromEdit, &QDateEdit::dateChanged, this, &AuditPanel::applyFilter);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &AuditPanel::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPanel::showDetail);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditPanel::showDetail);
    connect(m_model, &AuditTableModel::loadFinished, this, [this](const QString &error) {
        m_message->setVisible(!error.isEmpty());
        m_message->setText(tr("Could not load the audit log: %1").arg(error));
    });

    connect(m_engine, &engine::Engine::catalogChanged, m_model, &AuditTableModel::refresh);
    connect(m_engine, &engine::Engine::orderChanged, m_model, &AuditTableModel::refresh);
    connect(m_engine, &engine::Engine::customerChanged, m_model, &AuditTableModel::refresh);
    connect(m_engine, &engine::Engine::stockChanged, m_model, &AuditTableModel::refresh);
    connect(m_engine, &engine::Engine::qrisPaymentChanged, m_model, &AuditTableModel::refresh);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, m_model, &AuditTableModel::refresh);
    connect(m_session, &Session::changed, this, &AuditPanel::applyPermission);

    applyPermission();
}

AuditPanel::~AuditPanel() = default;

void AuditPanel::buildLayout()
{
    auto *outer = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("auditMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_message->hide();
    outer->addWidget(m_message);

    m_content = new QWidget(this);
    outer->addWidget(m_content, 1);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *bar = new QHBoxLayout;
    m_actorCombo = new QComboBox(m_content);
    m_actorCombo->setObjectName(QStringLiteral("auditActorCombo"));
    m_actorCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_actionCombo = new QComboBox(m_content);
    m_actionCombo->setObjectName(QStringLiteral("auditActionCombo"));
    m_actionCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search = new QLineEdit(m_content);
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setPlaceholderText(tr("Search order, product, customer, value…"));
    m_search->setClearButtonEnabled(true);
    m_fromCheck = new QCheckBox(tr("&From"), m_content);
    m_fromCheck->setObjectName(QStringLiteral("auditFromCheck"));
    m_fromEdit = new QDateEdit(QDate::currentDate().addDays(-7), m_content);
    m_fromEdit->setObjectName(QStringLiteral("auditFromEdit"));
    m_fromEdit->setCalendarPopup(true);
    m_fromEdit->setEnabled(false);
    m_toCheck = new QCheckBox(tr("&To"), m_content);
    m_toCheck->setObjectName(QStringLiteral("auditToCheck"));
    m_toEdit = new QDateEdit(QDate::currentDate(), m_content);
    m_toEdit->setObjectName(QStringLiteral("auditToEdit"));
    m_toEdit->setCalendarPopup(true);
    m_toEdit->setEnabled(false);
    bar->addWidget(new QLabel(tr("Who:"), m_content));
    bar->addWidget(m_actorCombo);
    bar->addWidget(new QLabel(tr("What:"), m_content));
    bar->addWidget(m_actionCombo);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_fromCheck);
    bar->addWidget(m_fromEdit);
    bar->addWidget(m_toCheck);
    bar->addWidget(m_toEdit);
    layout->addLayout(bar);

    auto *splitter = new QSplitter(Qt::Vertical, m_content);
    m_view = new QTableView(splitter);
    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setModel(m_model);
    setUpTableView(m_view, AuditTableModel::ChangeColumn);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_detail = new QPlainTextEdit(splitter);
    m_detail->setObjectName(QStringLiteral("auditDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Choose a row to see everything that was recorded."));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    m_filling = true;
    m_actorCombo->addItem(tr("Everyone"), QString());
    m_actionCombo->addItem(tr("All actions"), QString());
    for (const auto &[label, prefix] : actionGroups())
        m_actionCombo->addItem(label, prefix);
    m_filling = false;
}

void AuditPanel::applyPermission()
{
    const bool allowed = m_session->can(domain::Permission::ViewAudit);
    m_content->setVisible(allowed);
    if (!allowed) {
        m_poll->stop();
        m_model->clear();
        m_detail->clear();
        m_message->setText(tr("The audit log is for managers and the shop owner. Sign in with such an account "
                              "to see it."));
        m_message->show();
        return;
    }
    m_message->hide();
    if (isVisible())
        m_poll->start();
    reload();
}

void AuditPanel::reload()
{
    if (!m_session->can(domain::Permission::ViewAudit))
        return;
    loadFacets();
    applyFilter();
}

void AuditPanel::applyFilter()
{
    if (m_filling || !m_session->can(domain::Permission::ViewAudit))
        return;
    store::AuditFilter filter;
    filter.actor = m_actorCombo->currentData().toString();
    filter.action = m_actionCombo->currentData().toString();
    filter.text = m_search->text().trimmed();
    if (m_fromCheck->isChecked())
        filter.from = m_fromEdit->date().startOfDay().toUTC();
    if (m_toCheck->isChecked())
        filter.to = m_toEdit->date().addDays(1).startOfDay().toUTC(); // the whole "to" day
    m_model->setFilter(filter);
}

bool AuditPanel::selectData(QComboBox *combo, const QString &value)
{
    const int index = combo->findData(value);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

void AuditPanel::loadFacets()
{
    onReady(m_engine->auditFacets(m_session->actor()), this,
            [this](common::Result<QPair<QStringList, QStringList>> result) {
                m_facetsLoaded = true;
                if (!result)
                    return; // the list's own load shows the error
                const QString actor = m_actorCombo->currentData().toString();
                const QString action = m_actionCombo->currentData().toString();
                m_filling = true;
                while (m_actorCombo->count() > 1)
                    m_actorCombo->removeItem(1);
                for (const QString &a : std::as_const(result->first))
                    m_actorCombo->addItem(Labels::auditActor(a), a);
                const int groups = 1 + int(actionGroups().size());
                while (m_actionCombo->count() > groups)
                    m_actionCombo->removeItem(groups);
                m_actionCombo->insertSeparator(groups);
                for (const QString &a : std::as_const(result->second))
                    m_actionCombo->addItem(Labels::auditAction(a), a);
                const bool same = (actor.isEmpty() || selectData(m_actorCombo, actor))
                                  && (action.isEmpty() || selectData(m_actionCombo, action));
                if (actor.isEmpty())
                    m_actorCombo->setCurrentIndex(0);
                if (action.isEmpty())
                    m_actionCombo->setCurrentIndex(0);
                m_filling = false;
                if (!same) // the chosen entry is gone (cannot happen in an append-only log, but be safe)
                    applyFilter();
            });
}

void AuditPanel::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const store::AuditEntry &e = m_model->entry(current.row());
    m_detail->setPlainText(tr("%1 — %2 (%3)\nWho: %4\nOn: %5\n\nBefore:\n%6\n\nAfter:\n%7")
                               .arg(Labels::dateTime(e.at), Labels::auditAction(e.action), e.action, e.actor, e.entity,
                                    prettyJson(e.before), prettyJson(e.after)));
}

void AuditPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_session->can(domain::Permission::ViewAudit))
        return;
    m_poll->start();
    m_model->refresh();
    loadFacets();
}

void AuditPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poll->stop();
}

} // namespace kedai::gui
