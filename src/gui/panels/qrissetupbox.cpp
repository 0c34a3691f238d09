#include "gui/panels/qrissetupbox.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/constants.h"
#include "gui/labels.h"
#include "gui/panels/qrissettingsform.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace kedai::gui {

QrisSetupBox::QrisSetupBox(engine::Engine *engine, QWidget *parent)
    : QGroupBox(tr("QRIS set-up"), parent)
    , m_engine(engine)
    , m_statusLabel(new QLabel(this))
    , m_staticEdit(new QLineEdit(this))
    , m_useButton(new QPushButton(tr("&Use this QRIS"), this))
    , m_offButton(new QPushButton(tr("Tur&n QRIS off…"), this))
    , m_keyStatusLabel(new QLabel(this))
    , m_keyEdit(new QLineEdit(this))
    , m_keyButton(new QPushButton(tr("Set &key"), this))
    , m_forwarderBox(new QWidget(this))
    , m_urlField(new QLineEdit(m_forwarderBox))
    , m_keyField(new QLineEdit(m_forwarderBox))
    , m_errorLabel(new QLabel(this))
    , m_settings(new QrisSettingsForm(engine, this))
{
    m_statusLabel->setObjectName(QStringLiteral("qrisStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::RichText);
    m_staticEdit->setObjectName(QStringLiteral("qrisStaticEdit"));
    m_staticEdit->setPlaceholderText(tr("Paste the text of the shop's static QRIS (starts with 000201)"));
    m_staticEdit->setClearButtonEnabled(true);
    m_useButton->setObjectName(QStringLiteral("qrisStaticButton"));
    m_offButton->setObjectName(QStringLiteral("qrisOffButton"));
    m_keyStatusLabel->setObjectName(QStringLiteral("listenerKeyStatusLabel"));
    m_keyEdit->setObjectName(QStringLiteral("listenerKeyEdit"));
    m_keyEdit->setPlaceholderText(tr("leave empty to generate a random key"));
    m_keyButton->setObjectName(QStringLiteral("listenerKeyButton"));
    m_errorLabel->setObjectName(QStringLiteral("qrisSetupErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // What the owner types into the forwarder app on the phone; shown once after a new key.
    m_forwarderBox->setObjectName(QStringLiteral("forwarderBox"));
    m_urlField->setObjectName(QStringLiteral("forwarderUrlField"));
    m_urlField->setReadOnly(true);
    m_keyField->setObjectName(QStringLiteral("forwarderKeyField"));
    m_keyField->setReadOnly(true);
    auto *hideButton = new QPushButton(tr("Hi&de"), m_forwarderBox);
    hideButton->setObjectName(QStringLiteral("forwarderHideButton"));
    auto *forwarder = new QGridLayout(m_forwarderBox);
    forwarder->setContentsMargins(0, 0, 0, 0);
    auto *note = new QLabel(tr("Enter these in the notification forwarder app on the shop's phone. "
                               "The key is shown only now."),
                            m_forwarderBox);
    note->setWordWrap(true);
    forwarder->addWidget(note, 0, 0, 1, 3);
    forwarder->addWidget(new QLabel(tr("URL (POST):"), m_forwarderBox), 1, 0);
    forwarder->addWidget(m_urlField, 1, 1);
    forwarder->addWidget(new QLabel(tr("Header %1:").arg(apiKeyHeader()), m_forwarderBox), 2, 0);
    forwarder->addWidget(m_keyField, 2, 1);
    forwarder->addWidget(hideButton, 2, 2);
    m_forwarderBox->hide();

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_statusLabel, 0, 0, 1, 4);
    auto *staticLabel = new QLabel(tr("S&tatic QRIS:"), this);
    staticLabel->setBuddy(m_staticEdit);
    grid->addWidget(staticLabel, 1, 0);
    grid->addWidget(m_staticEdit, 1, 1);
    grid->addWidget(m_useButton, 1, 2);
    grid->addWidget(m_offButton, 1, 3);
    auto *keyLabel = new QLabel(tr("&Listener key:"), this);
    keyLabel->setBuddy(m_keyEdit);
    grid->addWidget(keyLabel, 2, 0);
    grid->addWidget(m_keyEdit, 2, 1);
    grid->addWidget(m_keyButton, 2, 2);
    grid->addWidget(m_keyStatusLabel, 2, 3);
    grid->addWidget(m_errorLabel, 3, 0, 1, 4);
    grid->addWidget(m_forwarderBox, 4, 0, 1, 4);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    grid->addWidget(line, 5, 0, 1, 4);
    grid->addWidget(m_settings, 6, 0, 1, 4);
    grid->setColumnStretch(1, 1);

    connect(m_useButton, &QPushButton::clicked, this, &QrisSetupBox::useStatic);
    connect(m_staticEdit, &QLineEdit::returnPressed, this, &QrisSetupBox::useStatic);
    connect(m_staticEdit, &QLineEdit::textChanged, this, [this] { setBusy(m_busy); });
    connect(m_offButton, &QPushButton::clicked, this, &QrisSetupBox::askTurnOff);
    connect(m_keyButton, &QPushButton::clicked, this, &QrisSetupBox::setKey);
    connect(m_keyEdit, &QLineEdit::returnPressed, this, &QrisSetupBox::setKey);
    connect(hideButton, &QPushButton::clicked, this, &QrisSetupBox::hideKey);
    connect(m_settings, &QrisSettingsForm::statusMessage, this, &QrisSetupBox::statusMessage);
    // Changes made outside this box (another window, a script on the engine) show at once.
    connect(m_engine, &engine::Engine::qrisSetupChanged, this, &QrisSetupBox::refreshStatus);
    showError({});
    setBusy(false);
    refreshStatus();
}

QrisSetupBox::~QrisSetupBox() = default;

QString QrisSetupBox::endpointUrl() const
{
    return m_engine->httpUrl() + QStringLiteral("/webhook/payment-notification");
}

void QrisSetupBox::refreshStatus()
{
    const QJsonObject status = m_engine->qrisStatus();
    const bool configured = status.value(QStringLiteral("configured")).toBool();
    const bool valid = status.value(QStringLiteral("valid")).toBool();
    const QString error = status.value(QStringLiteral("error")).toString();
    QString text;
    QString color;
    if (configured && valid) {
        const QString merchant = status.value(QStringLiteral("merchant")).toString().toHtmlEscaped();
        const QString city = status.value(QStringLiteral("city")).toString().toHtmlEscaped();
        const int minutes = status.value(QStringLiteral("expiry_min")).toInt();
        text = tr("QRIS is on: <b>%1</b>, %2.").arg(merchant, city);
        if (minutes > 0)
            text += QLatin1Char(' ') + tr("Customers have %n minute(s) to pay.", nullptr, minutes);
        color = QStringLiteral("#1e8449");
    } else if (configured) {
        text = tr("QRIS is off: the configured QRIS text was refused. %1").arg(error.toHtmlEscaped());
        color = QStringLiteral("#c0392b");
    } else {
        text = tr("QRIS is off. Paste the shop's static QRIS text below to sell with QRIS.");
        if (!error.isEmpty())
            text += QStringLiteral(" (%1)").arg(error.toHtmlEscaped());
    }
    m_statusLabel->setText(text);
    m_statusLabel->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
    m_offButton->setVisible(configured);
    const bool keySet = status.value(QStringLiteral("listener_key_set")).toBool();
    m_keyStatusLabel->setText(keySet ? tr("A key is set.") : tr("No key yet: the phone cannot report payments."));
    m_keyButton->setText(keySet ? tr("Change &key") : tr("Set &key"));
}

void QrisSetupBox::useStatic()
{
    const QString qris = m_staticEdit->text().trimmed();
    if (m_busy || qris.isEmpty())
        return;
    applyStatic(qris);
}

void QrisSetupBox::askTurnOff()
{
    if (m_busy)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Turn QRIS off"),
                                tr("Turn QRIS off? Customers can no longer pay with QRIS until a static QRIS "
                                   "text is set again."),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("qrisOffConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int answer) {
        if (answer == QMessageBox::Yes)
            applyStatic({});
    });
    box->open();
}

void QrisSetupBox::applyStatic(const QString &qris)
{
    setBusy(true);
    showError({});
    const QString actor = m_actor;
    onReady(m_engine->setQrisStatic(qris, actor), this, [this, off = qris.isEmpty()](common::Result<void> r) {
        setBusy(false);
        refreshStatus();
        if (!r) {
            // Refused: the text stays in the field so the owner can see what was pasted.
            showError(tr("The QRIS text was not used: %1").arg(Labels::error(r.error())));
            return;
        }
        m_staticEdit->clear();
        Q_EMIT statusMessage(off ? tr("QRIS is off.") : tr("The shop's QRIS is set."));
    });
}

void QrisSetupBox::setKey()
{
    if (m_busy)
        return;
    setBusy(true);
    showError({});
    const QString actor = m_actor;
    onReady(m_engine->setQrisListenerKey(m_keyEdit->text().trimmed(), actor), this, [this](common::Result<QString> r) {
        setBusy(false);
        refreshStatus();
        if (!r) {
            showError(tr("The listener key was not changed: %1").arg(Labels::error(r.error())));
            return;
        }
        m_keyEdit->clear();
        m_urlField->setText(endpointUrl());
        m_keyField->setText(r.value());
        m_forwarderBox->show();
        Q_EMIT statusMessage(tr("The listener key is set. Enter it in the phone's forwarder app."));
    });
}

void QrisSetupBox::hideKey()
{
    m_keyField->clear();
    m_urlField->clear();
    m_forwarderBox->hide();
}

void QrisSetupBox::setBusy(bool busy)
{
    m_busy = busy;
    m_useButton->setEnabled(!busy && !m_staticEdit->text().trimmed().isEmpty());
    m_offButton->setEnabled(!busy);
    m_keyButton->setEnabled(!busy);
}

void QrisSetupBox::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void QrisSetupBox::setActor(const QString &actor)
{
    m_actor = actor;
    m_settings->setActor(actor);
}

} // namespace kedai::gui
