#pragma once

// HTTP load for the WhatsApp bench: closed-loop clients (each sends its next request when the
// previous answer arrived) and an open-loop sender (requests go out on a fixed schedule, never
// waiting for answers).

#include "benchutil.h"

#include <QByteArray>

#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace kedai::bench {

/// Starts request `index` on `nam` (a GET or a POST) and returns its reply.
using IssueRequest = std::function<QNetworkReply *(QNetworkAccessManager &nam, int index)>;
/// What is checked in one answer: the index of the request, its HTTP status and body.
using AnswerCheck = std::function<bool(int index, int status, const QByteArray &body)>;

/// `total` requests from `clients` closed-loop clients (one manager each, keep-alive).
/// Latency is per request; a request whose check fails counts as failed.
Measured closedLoop(int total, int clients, const IssueRequest &issue, const AnswerCheck &check);

/// What an open-loop run did.
struct Paced
{
    Measured answers;               ///< per-request answer times; seconds = until the last answer
    std::vector<qint64> postedAtMs; ///< wall clock (ms since epoch) at which request i went out
    double sendSeconds = 0;         ///< from the first request to the last one going out
    double maxLagMs = 0;            ///< worst delay of a request behind its schedule (client side)
};

/// `total` requests at `perSecond`, request i due at i / perSecond s after the start, whatever
/// the answers do (spread over `managers` managers so queued connections never hold one back).
Paced openLoop(int total, double perSecond, int managers, const IssueRequest &issue, const AnswerCheck &check);

} // namespace kedai::bench
