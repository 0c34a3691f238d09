#include "gui/panels/settingspanel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/panels/channelsettingspage.h"
#include "gui/panels/connectionsettingspage.h"
#include "gui/panels/settingserrors.h"
#include "gui/panels/templateeditor.h"
#include "gui/session.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <memory>

namespace kedai::gui {

namespace {

struct SendingSetting
{
    const char *key;
    const char *fallback;
};

/// The shop settings of "Sending and bot", with the engine's defaults.
constexpr SendingSetting kSending[] = {
    {"send_rate_per_sec", "0"},
    {"send_recipient_gap_ms", "0"},
    {"bot_pause_min", "30"},
    {"idle_lock_min", "10"},
};

QLabel *errorLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->hide();
    return label;
}

} // namespace

SettingsPanel::SettingsPanel(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_session(session), m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("settingsPanel"));
    m_connections = new ConnectionSettingsPage(engine, session, m_tabs);
    m_channels = new ChannelSettingsPage(engine, session, m_tabs);
    m_templates = new TemplateEditor(engine, session, m_tabs);
    m_tabs->addTab(buildShopPage(), tr("Shop"));
    m_tabs->addTab(m_connections, tr("Database and Redis"));
    m_tabs->addTab(m_channels, tr("Channels and payments"));
    m_tabs->addTab(m_templates, tr("Reply templates"));
    m_tabs->addTab(buildSendingPage(), tr("Sending and bot"));
    m_tabs->addTab(buildBackupPage(), tr("Backup"));
    auto *layout = new QVBoxLayout(this);
    if (!session->can(domain::Permission::EditSettings)) {
        auto *note = new QLabel(tr("Only the shop owner can change settings."), this);
        note->setObjectName(QStringLiteral("forbiddenLabel"));
        layout->addWidget(note);
        m_tabs->setEnabled(false);
    }
    layout->addWidget(m_tabs);
    connect(m_connections, &ConnectionSettingsPage::statusMessage, this, &SettingsPanel::statusMessage);
    connect(m_channels, &ChannelSettingsPage::statusMessage, this, &SettingsPanel::statusMessage);
    connect(m_templates, &TemplateEditor::statusMessage, this, &SettingsPanel::statusMessage);
    loadSending();
}

QWidget *SettingsPanel::buildShopPage()
{
    const auto &c = m_engine->config();
    auto *page = new QWidget(m_tabs);
    auto *profile = new QGroupBox(tr("Shop profile"), page);
    auto *form = new QFormLayout(profile);
    m_shopName = new QLineEdit(c.shopName, profile);
    m_shopName->setObjectName(QStringLiteral("shopNameEdit"));
    m_shopName->setMaxLength(80);
    m_shopName->setToolTip(tr("Shown by the bot in its greeting and catalog ({shop} in the reply templates)."));
    form->addRow(tr("Shop name:"), m_shopName);
    m_ownerNumbers = new QLineEdit(c.ownerNumbers.join(QStringLiteral(", ")), profile);
    m_ownerNumbers->setObjectName(QStringLiteral("ownerNumbersEdit"));
    m_ownerNumbers->setPlaceholderText(QStringLiteral("628111000000, 628222000000"));
    m_ownerNumbers->setToolTip(tr("WhatsApp numbers that may use the owner commands."));
    form->addRow(tr("Owner WhatsApp numbers:"), m_ownerNumbers);

    auto *languageBox = new QGroupBox(tr("Language"), page);
    auto *languageForm = new QFormLayout(languageBox);
    m_language = new QComboBox(languageBox);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(QStringLiteral("Bahasa Indonesia"), QStringLiteral("id"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(c.language == QLatin1String("en") ? 1 : 0);
    languageForm->addRow(tr("Window and bot replies:"), m_language);

    auto *save = new QPushButton(tr("Save"), page);
    save->setObjectName(QStringLiteral("saveShopButton"));
    m_shopMessage = errorLabel(page, QStringLiteral("shopMessage"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(profile);
    layout->addWidget(languageBox);
    layout->addWidget(save, 0, Qt::AlignLeft);
    layout->addWidget(m_shopMessage);
    layout->addStretch(1);
    connect(save, &QPushButton::clicked, this, &SettingsPanel::saveShop);
    return page;
}

void SettingsPanel::saveShop()
{
    const QString language = m_language->currentData().toString();
    const bool languageChangedNow = language != m_engine->config().language;
    const QHash<QString, QString> values{{QStringLiteral("KEDAI_SHOP_NAME"), m_shopName->text().trimmed()},
                                         {QStringLiteral("OWNER_NUMBERS"), m_ownerNumbers->text().trimmed()},
                                         {QStringLiteral("KEDAI_LANGUAGE"), language}};
    onReady(m_engine->saveConfigValues(values, m_session->actor()), this,
            [this, language, languageChangedNow](common::Result<void> r) {
                showSettingsResult(m_shopMessage, r,
                                   tr("Saved. The bot uses the new shop name and numbers after a restart."));
                if (r && languageChangedNow)
                    Q_EMIT languageChanged(language);
            });
}

QWidget *SettingsPanel::buildSendingPage()
{
    auto *page = new QWidget(m_tabs);
    auto *form = new QFormLayout;
    const QHash<QString, QString> labels{
        {QStringLiteral("send_rate_per_sec"), tr("Messages per second (0 = no cap):")},
        {QStringLiteral("send_recipient_gap_ms"), tr("Gap between messages to one customer (ms):")},
        {QStringLiteral("bot_pause_min"), tr("Bot pause after a staff reply (minutes, 0 = never):")},
        {QStringLiteral("idle_lock_min"), tr("Lock the window after idle minutes (0 = never):")},
    };
    for (const auto &s : kSending) {
        const QString key = QString::fromLatin1(s.key);
        auto *edit = new QLineEdit(page);
        edit->setObjectName(key);
        edit->setEnabled(false); // until the saved value has arrived
        auto *error = errorLabel(page, key + QStringLiteral("_error"));
        auto *cell = new QWidget(page);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->addWidget(edit);
        cellLayout->addWidget(error);
        form->addRow(labels.value(key), cell);
        m_sendingFields.insert(key, edit);
        m_sendingErrors.insert(key, error);
    }
    auto *save = new QPushButton(tr("Save"), page);
    save->setObjectName(QStringLiteral("saveSendingButton"));
    m_sendingMessage = errorLabel(page, QStringLiteral("sendingMessage"));
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(save, 0, Qt::AlignLeft);
    layout->addWidget(m_sendingMessage);
    layout->addStretch(1);
    connect(save, &QPushButton::clicked, this, &SettingsPanel::saveSending);
    return page;
}

void SettingsPanel::loadSending()
{
    for (const auto &s : kSending) {
        const QString key = QString::fromLatin1(s.key);
        ++m_pendingLoads;
        onReady(m_engine->setting(key, QString::fromLatin1(s.fallback)), this, [this, key](common::Result<QString> r) {
            --m_pendingLoads;
            auto *edit = m_sendingFields.value(key);
            edit->setEnabled(true);
            if (!r) {
                showSettingsError(m_sendingErrors.value(key), settingsErrorText(r.error()));
                return;
            }
            m_sendingSaved.insert(key, r.value());
            edit->setText(r.value());
        });
    }
}

void SettingsPanel::saveSending()
{
    m_sendingMessage->hide();
    auto remaining = std::make_shared<int>(0);
    auto refused = std::make_shared<bool>(false);
    for (auto it = m_sendingFields.begin(); it != m_sendingFields.end(); ++it) {
        const QString key = it.key();
        const QString value = it.value()->text().trimmed();
        m_sendingErrors.value(key)->hide();
        if (m_sendingSaved.value(key) == value)
            continue;
        ++*remaining;
        // Each field on its own: a refused value changes nothing and is explained next to it.
        onReady(m_engine->setSetting(key, value, m_session->actor()), this,
                [this, key, value, remaining, refused](common::Result<void> r) {
                    if (r)
                        m_sendingSaved.insert(key, value);
                    else {
                        *refused = true;
                        showSettingsError(m_sendingErrors.value(key), settingsErrorText(r.error()));
                    }
                    if (--*remaining == 0)
                        showSettingsResult(m_sendingMessage, {},
                                           *refused ? QString() : tr("Saved: Kedai uses the new values now."));
                });
    }
    if (*remaining == 0)
        showSettingsResult(m_sendingMessage, {}, tr("Nothing changed."));
}

QWidget *SettingsPanel::buildBackupPage()
{
    auto *page = new QWidget(m_tabs);
    m_backupFolder = new QLineEdit(QDir(m_engine->config().dataDir).filePath(QStringLiteral("backups")), page);
    m_backupFolder->setObjectName(QStringLiteral("backupFolderEdit"));
    auto *browse = new QPushButton(tr("Choose…"), page);
    m_backupButton = new QPushButton(tr("Back up now"), page);
    m_backupButton->setObjectName(QStringLiteral("backupButton"));
    m_backupBusy = new QProgressBar(page);
    m_backupBusy->setRange(0, 0);
    m_backupBusy->setMaximumWidth(120);
    m_backupBusy->hide();
    m_backupMessage = errorLabel(page, QStringLiteral("backupMessage"));
    m_backupMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_backupFolder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Backup folder:"), folderRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_backupButton);
    buttons->addWidget(m_backupBusy);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("SQLite: a consistent copy of the database file while the shop keeps running. "
                                    "PostgreSQL: pg_dump (install postgresql-client)."),
                                 page));
    layout->addLayout(buttons);
    layout->addWidget(m_backupMessage);
    layout->addStretch(1);
    if (!m_session->can(domain::Permission::Backups))
        page->setEnabled(false);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Backup folder"), m_backupFolder->text());
        if (!dir.isEmpty())
            m_backupFolder->setText(dir);
    });
    connect(m_backupButton, &QPushButton::clicked, this, &SettingsPanel::backUpNow);
    ++m_pendingLoads;
    onReady(m_engine->setting(QStringLiteral("backup_dir")), this, [this](common::Result<QString> r) {
        --m_pendingLoads;
        if (r && !r->isEmpty())
            m_backupFolder->setText(r.value());
    });
    return page;
}

void SettingsPanel::backUpNow()
{
    const QString folder = m_backupFolder->text().trimmed();
    m_backupButton->setEnabled(false);
    m_backupBusy->show();
    m_backupMessage->hide();
    // The folder is remembered for the next time (and the owner's WhatsApp "backup").
    (void)m_engine->setSetting(QStringLiteral("backup_dir"), folder, m_session->actor());
    onReady(m_engine->backupNow(folder, m_session->actor()), this, [this](common::Result<QString> r) {
        m_backupButton->setEnabled(true);
        m_backupBusy->hide();
        if (!r) {
            showSettingsError(m_backupMessage, tr("The backup failed: %1").arg(settingsErrorText(r.error())));
            return;
        }
        showSettingsResult(m_backupMessage, {}, tr("Backup written: %1").arg(r.value()));
        Q_EMIT statusMessage(m_backupMessage->text());
    });
}

} // namespace kedai::gui
