#include "gui/panels/templateeditor.h"

#include "bot/templates.h"
#include "engine/engine.h"
#include "gui/async.h"
#include "gui/panels/settingserrors.h"
#include "gui/session.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace kedai::gui {

TemplateEditor::TemplateEditor(engine::Engine *engine, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_session(session)
    , m_language(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_editor(new QPlainTextEdit(this))
    , m_preview(new QPlainTextEdit(this))
    , m_placeholders(new QLabel(this))
    , m_message(new QLabel(this))
    , m_saveButton(new QPushButton(tr("Save"), this))
    , m_resetButton(new QPushButton(tr("Reset to default"), this))
{
    m_language->setObjectName(QStringLiteral("templateLanguage"));
    m_language->addItem(tr("Indonesian"), QStringLiteral("id"));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(engine->config().language == QLatin1String("en") ? 1 : 0);
    m_list->setObjectName(QStringLiteral("templateList"));
    m_editor->setObjectName(QStringLiteral("templateEdit"));
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setReadOnly(true);
    m_placeholders->setObjectName(QStringLiteral("templatePlaceholders"));
    m_placeholders->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("templateMessage"));
    m_message->setWordWrap(true);
    m_saveButton->setObjectName(QStringLiteral("saveTemplateButton"));
    m_resetButton->setObjectName(QStringLiteral("resetTemplateButton"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("Reply text (*bold*, _italic_ as in WhatsApp):"), right));
    rightLayout->addWidget(m_editor, 2);
    rightLayout->addWidget(m_placeholders);
    rightLayout->addWidget(new QLabel(tr("Preview with example values:"), right));
    rightLayout->addWidget(m_preview, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_resetButton);
    buttons->addStretch(1);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_message);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_language);
    leftLayout->addWidget(m_list, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_language, &QComboBox::currentIndexChanged, this, &TemplateEditor::load);
    connect(m_list, &QListWidget::currentRowChanged, this, &TemplateEditor::showCurrent);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &TemplateEditor::updatePreview);
    connect(m_saveButton, &QPushButton::clicked, this, &TemplateEditor::save);
    connect(m_resetButton, &QPushButton::clicked, this, &TemplateEditor::resetToDefault);
    load();
}

void TemplateEditor::load()
{
    m_busy = true;
    const QString selected = currentIndex() >= 0 ? m_templates.at(currentIndex()).key : QString();
    onReady(m_engine->replyTemplates(m_language->currentData().toString()), this,
            [this, selected](common::Result<QList<engine::ReplyTemplate>> r) {
                m_busy = false;
                if (!r) {
                    showSettingsError(m_message, settingsErrorText(r.error()));
                    return;
                }
                m_templates = r.value();
                const QSignalBlocker block(m_list);
                m_list->clear();
                for (const auto &t : std::as_const(m_templates)) {
                    auto *item = new QListWidgetItem(t.ownText.isEmpty() ? t.key : t.key + tr(" (changed)"), m_list);
                    item->setData(Qt::UserRole, t.key);
                }
                if (!select(selected) && !m_templates.isEmpty())
                    m_list->setCurrentRow(0);
                showCurrent();
                if (!m_notice.isEmpty())
                    showSettingsResult(m_message, {}, std::exchange(m_notice, QString()));
            });
}

bool TemplateEditor::select(const QString &key)
{
    for (int i = 0; i < m_templates.size(); ++i) {
        if (m_templates.at(i).key == key) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

int TemplateEditor::currentIndex() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_templates.size() ? row : -1;
}

void TemplateEditor::showCurrent()
{
    const int i = currentIndex();
    m_message->clear();
    if (i < 0) {
        m_editor->clear();
        return;
    }
    const auto &t = m_templates.at(i);
    m_editor->setPlainText(t.ownText.isEmpty() ? t.defaultText : t.ownText);
    m_resetButton->setEnabled(!t.ownText.isEmpty());
    const QString kept = t.placeholders.isEmpty()
                             ? tr("This reply has no placeholders.")
                             : tr("Placeholders (keep each one): %1")
                                   .arg(QLatin1Char('{') + t.placeholders.join(QStringLiteral("}, {"))
                                        + QLatin1Char('}'));
    m_placeholders->setText(kept + QLatin1Char(' ') + tr("{shop} (the shop's name) may be used in any reply."));
}

void TemplateEditor::updatePreview()
{
    const int i = currentIndex();
    if (i < 0) {
        m_preview->clear();
        return;
    }
    const auto &t = m_templates.at(i);
    const QString text = m_editor->toPlainText();
    m_preview->setPlainText(
        bot::Templates::renderText(text, bot::Templates::sampleValues(t.placeholders, m_engine->config().shopName)));
    // Told while typing, refused again by the engine on Save.
    if (auto ok = bot::Templates::checkOverride(t.defaultText, text); !ok)
        showSettingsError(m_message, settingsErrorText(ok.error()));
    else
        m_message->clear();
}

void TemplateEditor::save()
{
    const int i = currentIndex();
    if (i < 0)
        return;
    const QString text = m_editor->toPlainText();
    if (auto ok = bot::Templates::checkOverride(m_templates.at(i).defaultText, text); !ok) {
        showSettingsError(m_message, settingsErrorText(ok.error()));
        return;
    }
    store(text);
}

void TemplateEditor::resetToDefault()
{
    if (currentIndex() >= 0)
        store(QString());
}

void TemplateEditor::store(const QString &text)
{
    const auto &t = m_templates.at(currentIndex());
    m_busy = true;
    m_saveButton->setEnabled(false);
    m_resetButton->setEnabled(false);
    onReady(m_engine->setReplyTemplate(m_language->currentData().toString(), t.key, text, m_session->actor()), this,
            [this, key = t.key, reset = text.isEmpty()](common::Result<void> r) {
                m_busy = false;
                m_saveButton->setEnabled(true);
                if (!r) {
                    m_resetButton->setEnabled(true);
                    showSettingsError(m_message, settingsErrorText(r.error()));
                    return;
                }
                const QString done = reset ? tr("\"%1\" is back to the default text.").arg(key)
                                           : tr("\"%1\" saved: the bot uses it from its next reply.").arg(key);
                Q_EMIT statusMessage(done);
                m_notice = done;
                load();
            });
}

} // namespace kedai::gui
