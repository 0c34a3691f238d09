#pragma once

#include <QString>

namespace kedai::bench {

struct NotificationBenchOptions
{
    QString backend;           ///< "SQLite" or "PostgreSQL", for the figures
    QString databaseUrl;       ///< sqlite:///... or postgresql://...?schema=... (a fresh database)
    QString redisUrl;          ///< kedaid's REDIS_URL (empty: in-process)
    QString staticQris;        ///< QRIS_STATIC of kedaid
    QString kedaid;            ///< the kedaid executable
    QString workDir;           ///< kedaid's data dir goes here
    int pending = 10'000;      ///< QRIS orders waiting when matching starts (at most 19 000)
    int notifications = 5'000; ///< how many of them are paid (the rest stay waiting)
    int seedThreads = 2;
    int directThreads = 8; ///< threads calling QrisService::recordNotification
    int httpClients = 8;   ///< concurrent clients of the listener endpoint
    int batch = 50;        ///< notifications per request in the batched run
};

/// Notifications matched per second with `pending` QRIS orders waiting (one item each of 500
/// in stock per product; `notifications` of them get paid, so at least pending - notifications
/// wait throughout): through QrisService::recordNotification on 1 and N threads, then through
/// POST /webhook/payment-notification of a kedaid on the same database (one notification per
/// request, and arrays), beside the same endpoint refusing a wrong key (the HTTP floor). Every
/// notification must pay its own order exactly once and a re-sent one be recognised as a
/// repeat; the database is checked at the end (paid and delivered once, item sold, one delivery
/// message, no ledger rows, the rest still waiting with their items reserved). Prints the
/// figures and KEDAI_QRIS_* lines; returns false when a check failed.
bool runNotificationBench(const NotificationBenchOptions &options);

} // namespace kedai::bench
