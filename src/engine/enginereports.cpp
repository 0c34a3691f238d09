// Reports of the desktop app (issue 6): the Engine's part.

#include "engine/engine.h"
#include "engine/engineprivate.h"
#include "store/reportrepository.h"

#include <QtConcurrent>

namespace kedai::engine {

QFuture<common::Result<store::DashboardStats>> Engine::dashboard(const QDate &today)
{
    return QtConcurrent::run(&d->pool, [db = d->db, today] { return store::ReportRepository(db).dashboard(today); });
}

} // namespace kedai::engine
