#pragma once

#include "store/settingsrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace kedai::engine {
class Engine;
}

namespace kedai::gui {

class ReloadScheduler;
class Session;

/// The audit trail, newest first, loaded page by page as the view scrolls (keyset paging on
/// the id: canFetchMore/fetchMore). refresh() puts rows written since the first page was read
/// at the top without moving what is below. Read-only: the audit log is append-only.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, EntityColumn, ChangeColumn, ColumnCount };

    AuditTableModel(engine::Engine *engine, Session *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Replaces the filter and loads its first page (limit and beforeId are the model's own).
    void setFilter(const store::AuditFilter &filter);
    const store::AuditFilter &filter() const { return m_filter; }
    /// Loads the first page again, dropping what was loaded.
    void reload();
    /// Empties the list and drops the answers still on their way (the user may not see it).
    void clear();
    /// Adds the rows written since (coalesced: call it on every engine signal).
    void refresh();
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }

    const store::AuditEntry &entry(int row) const { return m_entries.at(row); }
    /// True once the first page has answered (with rows or an error).
    bool hasLoaded() const { return m_loaded; }
    bool isFetching() const { return m_fetching; }
    QString loadError() const { return m_error; }

    /// "price: 10000 → 12000, name: A → B": what changed between the two JSON objects.
    static QString changeSummary(const QString &beforeJson, const QString &afterJson);

Q_SIGNALS:
    /// A load finished: `error` is empty when it worked.
    void loadFinished(const QString &error);

private:
    void loadTop();
    void fetchNextPage();
    store::AuditFilter pageFilter(qint64 beforeId) const;
    void finish(const QString &error);

    engine::Engine *m_engine;
    Session *m_session;
    ReloadScheduler *m_refresh;
    store::AuditFilter m_filter;
    QList<store::AuditEntry> m_entries;
    int m_pageSize = 100;
    quint64 m_generation = 0; ///< answers of an older filter are dropped
    quint64 m_fetchRequest = 0;
    bool m_loaded = false;
    bool m_hasMore = false;
    bool m_fetching = false;
    bool m_fullReload = true;
    QString m_error;
};

} // namespace kedai::gui
