#include "gui/panels/connectionsettingspage.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/panels/connectiontestrow.h"
#include "gui/panels/settingserrors.h"
#include "gui/session.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace kedai::gui {

QString ConnectionSettingsPage::composeUrl(const QString &url, const QString &password)
{
    const QString u = url.trimmed();
    if (password.isEmpty() || u.isEmpty())
        return u;
    QUrl parsed(u);
    parsed.setPassword(password, QUrl::DecodedMode);
    return parsed.toString(QUrl::FullyEncoded);
}

QPair<QString, QString> ConnectionSettingsPage::splitUrl(const QString &url)
{
    QUrl parsed(url);
    const QString password = parsed.password(QUrl::FullyDecoded);
    if (password.isEmpty())
        return {url, {}};
    parsed.setPassword({});
    // "redis://:pw@host" keeps its empty user as "redis://host"; composeUrl() puts the ':' back.
    return {parsed.toString(QUrl::FullyEncoded), password};
}

ConnectionSettingsPage::ConnectionSettingsPage(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_dbUrl(new QLineEdit(this))
    , m_dbPassword(new QLineEdit(this))
    , m_redisUrl(new QLineEdit(this))
    , m_redisPassword(new QLineEdit(this))
    , m_dbTest(new ConnectionTestRow([this] { return m_engine->testDatabase(databaseUrl()); }, this))
    , m_redisTest(new ConnectionTestRow([this] { return m_engine->testRedis(redisUrl()); }, this))
    , m_saveButton(new QPushButton(tr("Save"), this))
    , m_message(new QLabel(this))
{
    const auto &config = engine->config();
    const auto db = splitUrl(config.databaseUrl);
    m_dbUrl->setObjectName(QStringLiteral("databaseUrlEdit"));
    m_dbUrl->setText(db.first);
    m_dbUrl->setPlaceholderText(QStringLiteral("postgresql://kedai@localhost:5432/kedai"));
    m_dbPassword->setObjectName(QStringLiteral("databasePasswordEdit"));
    m_dbPassword->setEchoMode(QLineEdit::Password);
    m_dbPassword->setText(db.second);
    m_dbTest->setObjectName(QStringLiteral("databaseTest"));
    const auto redis = splitUrl(config.redisUrl);
    m_redisUrl->setObjectName(QStringLiteral("redisUrlEdit"));
    m_redisUrl->setText(redis.first);
    m_redisUrl->setPlaceholderText(tr("empty: no Redis (one Kedai on this PC)"));
    m_redisPassword->setObjectName(QStringLiteral("redisPasswordEdit"));
    m_redisPassword->setEchoMode(QLineEdit::Password);
    m_redisPassword->setText(redis.second);
    m_redisTest->setObjectName(QStringLiteral("redisTest"));
    m_saveButton->setObjectName(QStringLiteral("saveConnectionsButton"));
    m_message->setObjectName(QStringLiteral("connectionsMessage"));
    m_message->setWordWrap(true);

    auto *dbBox = new QGroupBox(tr("Database"), this);
    auto *dbForm = new QFormLayout(dbBox);
    dbForm->addRow(tr("Address (DATABASE_URL):"), m_dbUrl);
    dbForm->addRow(tr("Password:"), m_dbPassword);
    dbForm->addRow(QString(), m_dbTest);
    dbForm->addRow(QString(),
                   new QLabel(tr("sqlite:///path/kedai.db (one PC) or postgresql://user@host:5432/database."), dbBox));
    auto *redisBox = new QGroupBox(tr("Redis"), this);
    auto *redisForm = new QFormLayout(redisBox);
    redisForm->addRow(tr("Address (REDIS_URL):"), m_redisUrl);
    redisForm->addRow(tr("Password:"), m_redisPassword);
    redisForm->addRow(QString(), m_redisTest);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(dbBox);
    layout->addWidget(redisBox);
    layout->addWidget(m_saveButton, 0, Qt::AlignLeft);
    layout->addWidget(m_message);
    layout->addStretch(1);
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionSettingsPage::save);
}

QString ConnectionSettingsPage::databaseUrl() const
{
    return composeUrl(m_dbUrl->text(), m_dbPassword->text());
}

QString ConnectionSettingsPage::redisUrl() const
{
    QString url = composeUrl(m_redisUrl->text(), m_redisPassword->text());
    return url;
}

void ConnectionSettingsPage::save()
{
    m_saveButton->setEnabled(false);
    const QHash<QString, QString> values{{QStringLiteral("DATABASE_URL"), databaseUrl()},
                                         {QStringLiteral("REDIS_URL"), redisUrl()}};
    onReady(m_engine->saveConfigValues(values, m_session->actor()), this, [this](common::Result<void> r) {
        m_saveButton->setEnabled(true);
        showSettingsResult(m_message, r, tr("Saved (passwords encrypted). Restart Kedai to use the new connection."));
        if (r)
            Q_EMIT statusMessage(m_message->text());
    });
}

} // namespace kedai::gui
