// SPDX-License-Identifier: AGPL-3.0-or-later
// LiveControls: the live classroom controls of issue #16 for both doors (HTTP and dashboard) —
// pencils down and continue, send my project to everyone, collect everyone's work and export a
// collection — with their rules decided here, once, and the pages told through the live hub.
#pragma once

#include <memory>

#include <QList>
#include <QString>

#include "server/core/filebody.h"
#include "server/core/livecontrol.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Live {
class LiveHub;
}

namespace Blockhaus::Service {

// One collection as a zip of .sb3 files, in a temporary file removed with its last holder.
struct CollectionArchive
{
    QString fileName; // e.g. "5b collected 2026-12-07 10-15.zip"
    std::shared_ptr<const Core::FileBody> file;
};

class LiveControls
{
public:
    // live: where events go after a commit; null publishes nothing (tests, tools).
    explicit LiveControls(Live::LiveHub *live);

    static constexpr int maxPressIdLength = 64;

    // What a page's event stream starts with: the caller's classes and their state.
    Result<QList<Core::LiveMembership>> streamState(Work &work, const Core::Caller &caller) const;
    Result<Core::ClassLiveState> state(Work &work, const Core::Caller &caller,
                                       qint64 classId) const;
    // Every class's pencils-down state, for the event streams of a process that shares its
    // database with others (they compare it with what they last told their pages).
    Result<QList<Core::ClassLiveState>> allStates(Work &work) const;
    // Pencils down (down = true) or continue, for a class the caller teaches.
    Result<Core::ClassLiveState> setPencilsDown(Work &work, const Core::Caller &caller,
                                                qint64 classId, bool down) const;
    // The caller's project (one they may read) copied to every student of the class, exactly
    // once per pressId (1–64 printable characters, chosen by the page per press).
    Result<Core::SendResult> sendToEveryone(Work &work, const Core::Caller &caller, qint64 classId,
                                            qint64 projectId, const QString &pressId) const;
    Result<Core::Collection> collect(Work &work, const Core::Caller &caller, qint64 classId) const;
    Result<Core::Collection> collection(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<QList<Core::Collection>> collections(Work &work, const Core::Caller &caller,
                                                qint64 classId) const;
    // The collection's copies as one zip of .sb3 files (projectarchive.* for each), written to a
    // temporary file with one project in memory at a time.
    Result<CollectionArchive> exportCollection(Work &work, const Core::Caller &caller,
                                               qint64 id) const;

private:
    Live::LiveHub *m_live;
};

} // namespace Blockhaus::Service
