#include "gui/panels/connectiontestrow.h"

#include "gui/async.h"
#include "gui/labels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace kedai::gui {

ConnectionTestRow::ConnectionTestRow(Starter starter, QWidget *parent)
    : QWidget(parent)
    , m_starter(std::move(starter))
    , m_button(new QPushButton(tr("Test connection"), this))
    , m_busyBar(new QProgressBar(this))
    , m_result(new QLabel(this))
{
    m_button->setObjectName(QStringLiteral("testButton"));
    m_busyBar->setObjectName(QStringLiteral("testBusy"));
    m_busyBar->setRange(0, 0); // indeterminate: "working"
    m_busyBar->setMaximumWidth(80);
    m_busyBar->setTextVisible(false);
    m_busyBar->hide();
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_result, 1);
    connect(m_button, &QPushButton::clicked, this, &ConnectionTestRow::start);
}

void ConnectionTestRow::start()
{
    if (m_busy)
        return;
    m_busy = true;
    m_button->setEnabled(false);
    m_busyBar->show();
    m_result->setStyleSheet({});
    m_result->setText(tr("Testing…"));
    onReady(m_starter(), this, [this](common::Result<QString> r) {
        m_busy = false;
        m_button->setEnabled(true);
        m_busyBar->hide();
        if (r) {
            m_result->setStyleSheet(QStringLiteral("color: #2e7d32;"));
            m_result->setText(tr("Connected: %1").arg(r.value()));
        } else {
            m_result->setStyleSheet(QStringLiteral("color: #c62828;"));
            m_result->setText(tr("Failed: %1").arg(Labels::error(r.error())));
        }
        Q_EMIT finished(bool(r));
    });
}

} // namespace kedai::gui
