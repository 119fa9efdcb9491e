// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/live/classevents.h"

namespace Blockhaus::Live {

ClassEvents::ClassEvents(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ClassEvent>();
}

void ClassEvents::publish(const ClassEvent &event)
{
    emit published(event);
}

} // namespace Blockhaus::Live
