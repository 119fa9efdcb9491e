// SPDX-License-Identifier: AGPL-3.0-or-later
// Memory bounds for the throttles' tables, which are keyed by what clients send (usernames,
// addresses) and so could otherwise grow without limit under a flood of made-up keys.
#pragma once

#include <algorithm>
#include <vector>

#include <QHash>
#include <QString>

namespace Blockhaus::Auth {

// Makes room for one more key in a table holding at most `cap` entries. First drops every entry
// `isStale` says no longer decides anything; when that frees too little, drops the tenth of the
// table with the lowest `keepScore` (the entries that matter least, e.g. the longest idle).
// Evicting a tenth at a time keeps the cost amortised O(1) per insert; the caller holds the
// table's lock.
template<typename Value, typename IsStale, typename KeepScore>
void makeRoom(QHash<QString, Value> &table, qsizetype cap, IsStale isStale, KeepScore keepScore)
{
    if (table.size() < cap)
        return;
    using Iterator = typename QHash<QString, Value>::iterator;
    table.removeIf([&](Iterator it) { return isStale(it.value()); });
    if (table.size() < cap)
        return;
    std::vector<qint64> scores;
    scores.reserve(static_cast<size_t>(table.size()));
    for (auto it = table.cbegin(); it != table.cend(); ++it)
        scores.push_back(keepScore(it.value()));
    const size_t cut = std::max<size_t>(1, scores.size() / 10);
    std::nth_element(scores.begin(), scores.begin() + static_cast<qsizetype>(cut - 1),
                     scores.end());
    const qint64 threshold = scores[cut - 1];
    // Ties at the threshold may take a few more than a tenth; never fewer than one.
    table.removeIf([&](Iterator it) { return keepScore(it.value()) <= threshold; });
}

} // namespace Blockhaus::Auth
