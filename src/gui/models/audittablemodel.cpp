#include "gui/models/audittablemodel.h"

#include "engine/engine.h"
#include "gui/async.h"
#include "gui/labels.h"
#include "gui/reloadscheduler.h"
#include "gui/session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kedai::gui {

namespace {

constexpr int kSummaryLength = 160;

QJsonObject parseObject(const QString &json)
{
    return json.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(json.toUtf8()).object();
}

QString shortValue(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QStringLiteral("–");
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', value.toDouble() == qint64(value.toDouble()) ? 0 : 2);
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

} // namespace

AuditTableModel::AuditTableModel(engine::Engine *engine, Session *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
    , m_session(session)
    , m_refresh(new ReloadScheduler([this] { loadTop(); }, this))
{
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::AuditEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return Labels::dateTime(e.at);
        case ActorColumn: return Labels::auditActor(e.actor);
        case ActionColumn: return Labels::auditAction(e.action);
        case EntityColumn: return e.entity;
        case ChangeColumn: {
            const QString summary = changeSummary(e.before, e.after);
            return summary.size() > kSummaryLength ? summary.left(kSummaryLength - 1) + QChar(0x2026) : summary;
        }
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ActorColumn: return e.actor;
        case ActionColumn: return e.action;
        case ChangeColumn: return changeSummary(e.before, e.after);
        default: return {};
        }
    case Qt::UserRole: return e.id;
    default: return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActorColumn: return tr("Who");
    case ActionColumn: return tr("What");
    case EntityColumn: return tr("On");
    case ChangeColumn: return tr("Before → after");
    default: return {};
    }
}

bool AuditTableModel::canFetchMore(const QModelIndex &parent) const
{
    // Not while a first page is on its way: the next page must follow the rows it replaces.
    return !parent.isValid() && m_loaded && m_hasMore && !m_fetching && !m_fullReload && !m_entries.isEmpty();
}

void AuditTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    // Started from the event loop: views call fetchMore while they handle rowsInserted, and an
    // answer that is ready at once would otherwise insert rows inside that insertion.
    const quint64 request = ++m_fetchRequest;
    QMetaObject::invokeMethod(
        this,
        [this, request] {
            // A reload in between has dropped this request (and maybe started another).
            if (request == m_fetchRequest && m_fetching)
                fetchNextPage();
        },
        Qt::QueuedConnection);
}

void AuditTableModel::fetchNextPage()
{
    const quint64 generation = m_generation;
    onReady(m_engine->auditLog(pageFilter(m_entries.constLast().id), m_session->actor()), this,
            [this, generation](common::Result<QList<store::AuditEntry>> result) {
                if (generation != m_generation)
                    return;
                m_fetching = false;
                if (!result) {
                    m_hasMore = false;
                    finish(Labels::error(result.error()));
                    return;
                }
                const QList<store::AuditEntry> rows = std::move(result).value();
                m_hasMore = rows.size() >= m_pageSize;
                if (!rows.isEmpty()) {
                    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + rows.size()) - 1);
                    m_entries += rows;
                    endInsertRows();
                }
                finish({});
            });
}

void AuditTableModel::setFilter(const store::AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

void AuditTableModel::reload()
{
    // Answers of the previous filter (pages and refreshes) are dropped from here on.
    ++m_generation;
    m_fetching = false;
    m_fullReload = true;
    m_refresh->reloadNow();
}

void AuditTableModel::clear()
{
    ++m_generation;
    m_fetching = false;
    m_fullReload = true;
    beginResetModel();
    m_entries.clear();
    m_hasMore = false;
    m_loaded = false;
    endResetModel();
}

void AuditTableModel::refresh()
{
    m_refresh->schedule();
}

store::AuditFilter AuditTableModel::pageFilter(qint64 beforeId) const
{
    store::AuditFilter f = m_filter;
    f.beforeId = beforeId;
    f.limit = m_pageSize;
    return f;
}

void AuditTableModel::loadTop()
{
    const quint64 generation = m_generation;
    onReady(m_engine->auditLog(pageFilter(0), m_session->actor()), this,
            [this, generation](common::Result<QList<store::AuditEntry>> result) {
                m_refresh->finished();
                if (generation != m_generation)
                    return;
                if (!result) {
                    if (m_fullReload) {
                        beginResetModel();
                        m_entries.clear();
                        endResetModel();
                        m_hasMore = false;
                    }
                    m_loaded = true;
                    finish(Labels::error(result.error()));
                    return;
                }
                QList<store::AuditEntry> rows = std::move(result).value();
                const qint64 top = m_entries.isEmpty() ? 0 : m_entries.constFirst().id;
                qsizetype newer = 0;
                while (newer < rows.size() && rows.at(newer).id > top)
                    ++newer;
                // A full page of new rows may leave a gap below it: start over from the newest.
                if (m_fullReload || m_entries.isEmpty() || newer >= m_pageSize) {
                    // A page still on its way continues the old rows, not these.
                    ++m_generation;
                    m_fetching = false;
                    beginResetModel();
                    m_entries = std::move(rows);
                    m_hasMore = m_entries.size() >= m_pageSize;
                    endResetModel();
                } else if (newer > 0) {
                    beginInsertRows({}, 0, int(newer) - 1);
                    m_entries = rows.mid(0, newer) + m_entries;
                    endInsertRows();
                }
                m_fullReload = false;
                m_loaded = true;
                finish({});
            });
}

void AuditTableModel::finish(const QString &error)
{
    m_error = error;
    Q_EMIT loadFinished(error);
}

QString AuditTableModel::changeSummary(const QString &beforeJson, const QString &afterJson)
{
    const QJsonObject before = parseObject(beforeJson);
    const QJsonObject after = parseObject(afterJson);
    QStringList keys = before.keys();
    for (const QString &key : after.keys()) {
        if (!before.contains(key))
            keys << key;
    }
    QStringList parts;
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue b = before.value(key);
        const QJsonValue a = after.value(key);
        if (before.isEmpty())
            parts << key + QStringLiteral(": ") + shortValue(a);
        else if (after.isEmpty())
            parts << key + QStringLiteral(": ") + shortValue(b) + QStringLiteral(" → –");
        else if (a != b)
            parts << key + QStringLiteral(": ") + shortValue(b) + QStringLiteral(" → ") + shortValue(a);
    }
    if (parts.isEmpty() && before.isEmpty() && after.isEmpty()) {
        // Not JSON (older rows): show the text as it is.
        if (!beforeJson.isEmpty() || !afterJson.isEmpty())
            return beforeJson.isEmpty() ? afterJson : beforeJson + QStringLiteral(" → ") + afterJson;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace kedai::gui
