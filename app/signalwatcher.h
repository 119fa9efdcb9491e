// SPDX-License-Identifier: AGPL-3.0-or-later
// Turns SIGINT/SIGTERM into a clean application quit (self-pipe; no work in the signal handler).
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Blockhaus::App {

class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Blockhaus::App
