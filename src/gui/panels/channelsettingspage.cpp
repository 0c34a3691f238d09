#include "gui/panels/channelsettingspage.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/panels/connectiontestrow.h"
#include "gui/panels/qrissetupbox.h"
#include "gui/panels/settingserrors.h"
#include "gui/session.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace kedai::gui {

QLineEdit *ChannelSettingsPage::addField(const QString &name, const QString &value, bool secret)
{
    auto *edit = new QLineEdit(value, this);
    edit->setObjectName(name);
    if (secret)
        edit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_fields.insert(name, edit);
    return edit;
}

ChannelSettingsPage::ChannelSettingsPage(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_saveButton(new QPushButton(tr("Save"), this))
    , m_message(new QLabel(this))
{
    const auto &c = engine->config();
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);

    auto *cloud = new QGroupBox(tr("WhatsApp Cloud API"), content);
    auto *cloudForm = new QFormLayout(cloud);
    cloudForm->addRow(tr("Phone number id:"), addField(QStringLiteral("WA_PHONE_NUMBER_ID"), c.waPhoneNumberId, false));
    cloudForm->addRow(tr("Access token:"), addField(QStringLiteral("WA_ACCESS_TOKEN"), c.waAccessToken, true));
    cloudForm->addRow(tr("App secret:"), addField(QStringLiteral("WA_APP_SECRET"), c.waAppSecret, true));
    cloudForm->addRow(tr("Verify token:"), addField(QStringLiteral("WA_VERIFY_TOKEN"), c.waVerifyToken, true));
    cloudForm->addRow(tr("API address:"), addField(QStringLiteral("WA_API_BASE_URL"), c.waApiBaseUrl, false));
    m_cloudTest = new ConnectionTestRow(
        [this] {
            return m_engine->testCloudApi(m_fields.value(QStringLiteral("WA_API_BASE_URL"))->text(),
                                          m_fields.value(QStringLiteral("WA_PHONE_NUMBER_ID"))->text(),
                                          m_fields.value(QStringLiteral("WA_ACCESS_TOKEN"))->text());
        },
        cloud);
    m_cloudTest->setObjectName(QStringLiteral("cloudTest"));
    cloudForm->addRow(QString(), m_cloudTest);
    layout->addWidget(cloud);

    auto *waha = new QGroupBox(tr("WAHA gateway"), content);
    auto *wahaForm = new QFormLayout(waha);
    wahaForm->addRow(tr("Address:"), addField(QStringLiteral("WAHA_URL"), c.wahaUrl, false));
    wahaForm->addRow(tr("API key:"), addField(QStringLiteral("WAHA_API_KEY"), c.wahaApiKey, true));
    wahaForm->addRow(tr("Session:"), addField(QStringLiteral("WAHA_SESSION"), c.wahaSession, false));
    wahaForm->addRow(tr("Webhook HMAC key:"), addField(QStringLiteral("WAHA_HMAC_KEY"), c.wahaHmacKey, true));
    m_wahaTest = new ConnectionTestRow(
        [this] {
            return m_engine->testWaha(m_fields.value(QStringLiteral("WAHA_URL"))->text(),
                                      m_fields.value(QStringLiteral("WAHA_API_KEY"))->text(),
                                      m_fields.value(QStringLiteral("WAHA_SESSION"))->text());
        },
        waha);
    m_wahaTest->setObjectName(QStringLiteral("wahaTest"));
    wahaForm->addRow(QString(), m_wahaTest);
    layout->addWidget(waha);

    m_saveButton->setObjectName(QStringLiteral("saveChannelsButton"));
    m_message->setObjectName(QStringLiteral("channelsMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_saveButton, 0, Qt::AlignLeft);
    layout->addWidget(m_message);

    m_qris = new QrisSetupBox(engine, content);
    m_qris->setActor(session->actor());
    connect(session, &Session::changed, m_qris, [qris = m_qris, session] { qris->setActor(session->actor()); });
    connect(m_qris, &QrisSetupBox::statusMessage, this, &ChannelSettingsPage::statusMessage);
    layout->addWidget(m_qris);

    auto *later = new QGroupBox(tr("Not available yet"), content);
    auto *laterLayout = new QVBoxLayout(later);
    auto *laterText = new QLabel(tr("Midtrans payments, Atlantic PPOB and the Gemini assistant are not built into "
                                    "this version of Kedai yet. Their settings will appear here when they are."),
                                 later);
    laterText->setObjectName(QStringLiteral("notAvailableLabel"));
    laterText->setWordWrap(true);
    laterLayout->addWidget(laterText);
    layout->addWidget(later);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    connect(m_saveButton, &QPushButton::clicked, this, &ChannelSettingsPage::save);
}

void ChannelSettingsPage::save()
{
    QHash<QString, QString> values;
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it)
        values.insert(it.key(), it.value()->text().trimmed());
    m_saveButton->setEnabled(false);
    onReady(m_engine->saveConfigValues(values, m_session->actor()), this, [this](common::Result<void> r) {
        m_saveButton->setEnabled(true);
        showSettingsResult(m_message, r, tr("Saved (tokens and keys encrypted). Restart Kedai to use them."));
        if (r)
            Q_EMIT statusMessage(m_message->text());
    });
}

} // namespace kedai::gui
