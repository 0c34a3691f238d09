#include "gui/panels/logspanel.h"

#include "common/log.h"
#include "gui/models/logmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace kedai::gui {

namespace {
constexpr int kPollMs = 250;
}

LogsPanel::LogsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new LogModel(this))
    , m_view(new QTableView(this))
    , m_level(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_pause(new QCheckBox(tr("Pause"), this))
    , m_follow(new QCheckBox(tr("Follow"), this))
    , m_count(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("logsPanel"));
    m_level->setObjectName(QStringLiteral("levelFilter"));
    m_level->addItem(tr("Debug and above"), int(spdlog::level::debug));
    m_level->addItem(tr("Info and above"), int(spdlog::level::info));
    m_level->addItem(tr("Warnings and errors"), int(spdlog::level::warn));
    m_level->addItem(tr("Errors only"), int(spdlog::level::err));
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search the log…"));
    m_search->setClearButtonEnabled(true);
    m_pause->setObjectName(QStringLiteral("pauseCheck"));
    m_pause->setToolTip(tr("Stop the view from moving; new lines are shown when you continue."));
    m_follow->setObjectName(QStringLiteral("followCheck"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest line in view."));
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setToolTip(tr("Copy the selected lines, or every shown line when none is selected."));
    m_count->setObjectName(QStringLiteral("countLabel"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Level:"), this));
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_pause);
    bar->addWidget(m_follow);
    bar->addWidget(copy);
    bar->addWidget(m_count);

    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(LogModel::TimeColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(LogModel::LevelColumn, QHeaderView::ResizeToContents);
    m_view->setColumnWidth(LogModel::SourceColumn, 90);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setMinimumLevel(spdlog::level::level_enum(m_level->currentData().toInt()));
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setSearchText(text);
        updateCount();
    });
    connect(m_pause, &QCheckBox::toggled, this, &LogsPanel::setPaused);
    connect(copy, &QPushButton::clicked, this, &LogsPanel::copyLines);
    connect(m_timer, &QTimer::timeout, this, &LogsPanel::poll);
    m_timer->start(kPollMs);
    poll();
}

void LogsPanel::poll()
{
    if (m_pause->isChecked())
        return;
    const QList<log::LogLine> lines = log::linesAfter(m_model->lastSequence());
    if (lines.isEmpty())
        return;
    m_model->append(lines);
    updateCount();
    if (m_follow->isChecked())
        m_view->scrollToBottom();
}

void LogsPanel::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    if (!paused)
        poll();
}

void LogsPanel::copyLines()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    if (rows.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows << row;
    }
    QApplication::clipboard()->setText(m_model->text(rows));
}

void LogsPanel::updateCount()
{
    m_count->setText(tr("%n line(s)", nullptr, m_model->rowCount()));
}

} // namespace kedai::gui
