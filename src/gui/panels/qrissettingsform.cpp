#include "gui/panels/qrissettingsform.h"

#include "common/money.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"
#include "payments/paymentapps.h"
#include "store/qrisservice.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include <utility>

namespace kedai::gui {

namespace {

QString codeMaxKey()
{
    return QStringLiteral("qris_code_max");
}

QString bonusKey()
{
    return QStringLiteral("deposit_bonus");
}

QString appsKey()
{
    return QStringLiteral("qris_apps");
}

const char *const kAppIdProperty = "appId";
constexpr int kAppColumns = 4;
const int kDefaultCodeMax = store::QrisOptions().codeMax;

/// What the engine uses for a setting that was never saved.
QString defaultValue(const QString &key)
{
    return key == codeMaxKey() ? QString::number(kDefaultCodeMax) : QString();
}

} // namespace

QrisSettingsForm::QrisSettingsForm(engine::Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_codeMaxSpin(new QSpinBox(this))
    , m_bonusEdit(new QLineEdit(this))
    , m_bonusExample(new QLabel(this))
    , m_saveButton(new QPushButton(tr("&Save settings"), this))
    , m_messageLabel(new QLabel(this))
{
    m_codeMaxSpin->setObjectName(QStringLiteral("qrisCodeMaxSpin"));
    m_codeMaxSpin->setRange(1, store::QrisOptions::kMaxCodeMax);
    m_codeMaxSpin->setValue(kDefaultCodeMax);
    m_codeMaxSpin->setToolTip(tr("The customer pays the total plus a unique code from 1 to this number, so every "
                                 "waiting payment has its own amount and Kedai can tell who paid. More codes let "
                                 "more customers wait to pay at the same time; fewer keep the extra rupiah small."));
    m_bonusEdit->setObjectName(QStringLiteral("depositBonusEdit"));
    m_bonusEdit->setPlaceholderText(tr("e.g. 2000/50000; empty: no bonus"));
    m_bonusEdit->setToolTip(tr("Saldo bonus on deposits paid with QRIS: 2000/50000 gives Rp 2.000 for every full "
                               "Rp 50.000 deposited."));
    m_bonusExample->setObjectName(QStringLiteral("depositBonusExample"));
    m_saveButton->setObjectName(QStringLiteral("qrisSettingsSaveButton"));
    m_messageLabel->setObjectName(QStringLiteral("qrisSettingsMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *apps = new QWidget(this);
    auto *appsGrid = new QGridLayout(apps);
    appsGrid->setContentsMargins(0, 0, 0, 0);
    for (const payments::KnownApp &app : payments::knownPaymentApps()) {
        const bool generic = app.id == payments::kGenericQrisAppId;
        auto *box = new QCheckBox(generic ? tr("Other apps that mention QRIS") : app.label, apps);
        box->setObjectName(QStringLiteral("qrisApp_") + app.id);
        box->setProperty(kAppIdProperty, app.id);
        box->setChecked(true);
        box->setToolTip(generic ? tr("Any other app whose notification says that a QRIS payment was received")
                                : tr("Android app %1").arg(app.packageName));
        const auto index = static_cast<int>(m_appBoxes.size());
        appsGrid->addWidget(box, index / kAppColumns, index % kAppColumns);
        m_appBoxes << box;
        connect(box, &QCheckBox::toggled, this, [this] { showMessage({}, false); });
    }

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *codeLabel = new QLabel(tr("Highest unique &code:"), this);
    codeLabel->setBuddy(m_codeMaxSpin);
    codeLabel->setToolTip(m_codeMaxSpin->toolTip());
    grid->addWidget(codeLabel, 0, 0);
    grid->addWidget(m_codeMaxSpin, 0, 1);
    auto *bonusLabel = new QLabel(tr("Deposit &bonus:"), this);
    bonusLabel->setBuddy(m_bonusEdit);
    bonusLabel->setToolTip(m_bonusEdit->toolTip());
    grid->addWidget(bonusLabel, 0, 2);
    grid->addWidget(m_bonusEdit, 0, 3);
    grid->addWidget(m_bonusExample, 1, 3);
    auto *appsLabel = new QLabel(tr("Payment apps:"), this);
    appsLabel->setToolTip(tr("Only notifications from the ticked apps count as money received."));
    grid->addWidget(appsLabel, 2, 0, Qt::AlignTop);
    grid->addWidget(apps, 2, 1, 1, 3);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_messageLabel, 1);
    bar->addWidget(m_saveButton);
    grid->addLayout(bar, 3, 0, 1, 4);
    grid->setColumnStretch(3, 1);

    connect(m_codeMaxSpin, &QSpinBox::valueChanged, this, [this] { showMessage({}, false); });
    connect(m_bonusEdit, &QLineEdit::textChanged, this, [this] {
        showMessage({}, false);
        updateBonusExample();
    });
    connect(m_bonusEdit, &QLineEdit::returnPressed, this, &QrisSettingsForm::save);
    connect(m_saveButton, &QPushButton::clicked, this, &QrisSettingsForm::save);
    showMessage({}, false);
    updateBonusExample();
    load();
}

QrisSettingsForm::~QrisSettingsForm() = default;

QString QrisSettingsForm::bonusExample(const QString &rule)
{
    const auto parsed = store::BonusRule::parse(rule);
    if (!parsed)
        return tr("Write it as bonus/step, e.g. 2000/50000.");
    if (parsed->isNone())
        return tr("No bonus on deposits.");
    const common::Rupiah deposit = 2 * parsed->per;
    return tr("Deposit %1 → bonus %2")
        .arg(common::formatRupiah(deposit), common::formatRupiah(parsed->bonusFor(deposit)));
}

void QrisSettingsForm::load()
{
    for (const QString &key : {codeMaxKey(), bonusKey(), appsKey()}) {
        ++m_pendingLoads;
        onReady(m_engine->setting(key, defaultValue(key)), this, [this, key](common::Result<QString> value) {
            --m_pendingLoads;
            if (value) {
                m_saved.insert(key, value.value());
                showValue(key, value.value());
            } else {
                m_saved.remove(key);
                showMessage(tr("Could not load the QRIS settings: %1").arg(Labels::error(value.error())), true);
            }
            setBusy(m_busy);
        });
    }
    setBusy(m_busy);
}

void QrisSettingsForm::showValue(const QString &key, const QString &value)
{
    // Blocked: showing a saved value is no edit, so it must not clear the message.
    if (key == codeMaxKey()) {
        bool ok = false;
        const int max = value.trimmed().toInt(&ok);
        const QSignalBlocker blocker(m_codeMaxSpin);
        m_codeMaxSpin->setValue(ok && max >= 1 ? qMin(max, store::QrisOptions::kMaxCodeMax) : kDefaultCodeMax);
    } else if (key == bonusKey()) {
        const QSignalBlocker blocker(m_bonusEdit);
        m_bonusEdit->setText(value);
        updateBonusExample();
    } else if (key == appsKey()) {
        QStringList ids = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString &id : ids)
            id = id.trimmed();
        for (QCheckBox *box : std::as_const(m_appBoxes)) {
            const QSignalBlocker blocker(box);
            box->setChecked(ids.isEmpty() || ids.contains(box->property(kAppIdProperty).toString()));
        }
    }
}

void QrisSettingsForm::updateBonusExample()
{
    const bool valid = store::BonusRule::parse(m_bonusEdit->text()).has_value();
    m_bonusExample->setText(bonusExample(m_bonusEdit->text()));
    m_bonusExample->setStyleSheet(valid ? QString() : QStringLiteral("color: #c0392b;"));
}

QStringList QrisSettingsForm::checkedApps() const
{
    QStringList ids;
    for (const QCheckBox *box : m_appBoxes) {
        if (box->isChecked())
            ids << box->property(kAppIdProperty).toString();
    }
    return ids;
}

void QrisSettingsForm::save()
{
    if (m_busy || !hasLoaded())
        return;
    const QStringList apps = checkedApps();
    if (apps.isEmpty()) {
        showMessage(tr("Tick at least one payment app: only notifications from the ticked apps count as payments."),
                    true);
        return;
    }
    // The typed bonus first: it is the value the engine may refuse, and then nothing is saved.
    const QList<Change> wanted = {
        {bonusKey(), m_bonusEdit->text().trimmed()},
        {codeMaxKey(), QString::number(m_codeMaxSpin->value())},
        {appsKey(), apps.size() == m_appBoxes.size() ? QString() : apps.join(QLatin1Char(','))},
    };
    QList<Change> changes;
    for (const Change &change : wanted) {
        if (!m_saved.contains(change.key) || m_saved.value(change.key) != change.value)
            changes << change;
    }
    if (changes.isEmpty()) {
        showMessage(tr("Nothing to save: the settings have not changed."), false);
        return;
    }
    setBusy(true);
    showMessage({}, false);
    saveNext(std::move(changes), false);
}

void QrisSettingsForm::saveNext(QList<Change> changes, bool anySaved)
{
    if (changes.isEmpty()) {
        setBusy(false);
        const QString done = tr("QRIS settings saved.");
        showMessage(done, false);
        Q_EMIT statusMessage(done);
        load(); // shows the values as the engine keeps them ("2.000/50.000" becomes 2000/50000)
        return;
    }
    const Change next = changes.takeFirst();
    onReady(m_engine->setSetting(next.key, next.value, m_actor), this,
            [this, next, rest = std::move(changes), anySaved](common::Result<void> saved) {
                if (!saved) {
                    setBusy(false);
                    const QString why = Labels::error(saved.error());
                    showMessage(anySaved ? tr("Only some settings were saved: %1").arg(why)
                                         : tr("The settings were not saved: %1").arg(why),
                                true);
                    return;
                }
                m_saved.insert(next.key, next.value);
                saveNext(rest, true);
            });
}

void QrisSettingsForm::setBusy(bool busy)
{
    m_busy = busy;
    m_saveButton->setEnabled(!busy && hasLoaded());
}

void QrisSettingsForm::showMessage(const QString &text, bool error)
{
    m_messageLabel->setText(text);
    m_messageLabel->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QStringLiteral("color: #1e8449;"));
    m_messageLabel->setVisible(!text.isEmpty());
}

} // namespace kedai::gui
