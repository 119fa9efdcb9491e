// SPDX-License-Identifier: AGPL-3.0-or-later
// ClassEvents: what the live classroom controls (#16) tell the pages of a class — pencils down
// or continue, a project sent to a student. Thread-safe: service operations publish from pool
// workers after their commit; the event streams (http/eventstreams) receive by queued signal in
// the server thread.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace Blockhaus::Live {

struct ClassEvent
{
    enum class Kind {
        PencilsDown, // to every member of classId: down or continue
        ProjectSent, // to userId: a teacher sent them a project
    };
    Kind kind = Kind::PencilsDown;
    qint64 classId = 0;
    qint64 userId = 0; // ProjectSent: the one student it is for
    bool down = false;
    qint64 projectId = 0;
    QString projectTitle;
    QString from; // the teacher's display name
};

class ClassEvents : public QObject
{
    Q_OBJECT

public:
    explicit ClassEvents(QObject *parent = nullptr);
    // Thread-safe: emits published(), which receivers connect to with a queued connection.
    void publish(const ClassEvent &event);

signals:
    void published(const Blockhaus::Live::ClassEvent &event);
};

} // namespace Blockhaus::Live

Q_DECLARE_METATYPE(Blockhaus::Live::ClassEvent)
