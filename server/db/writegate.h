// SPDX-License-Identifier: AGPL-3.0-or-later
// Serialises this process's write transactions on SQLite (one writer at a time anyway).
#pragma once

#include <QMutex>

namespace Blockhaus::Db {

class WriteGate
{
public:
    explicit WriteGate(bool enabled) : m_enabled(enabled) { }

    class Locker
    {
    public:
        explicit Locker(WriteGate *gate) : m_gate(gate && gate->m_enabled ? gate : nullptr)
        {
            if (m_gate)
                m_gate->m_mutex.lock();
        }
        ~Locker()
        {
            if (m_gate)
                m_gate->m_mutex.unlock();
        }
        Locker(const Locker &) = delete;
        Locker &operator=(const Locker &) = delete;

    private:
        WriteGate *m_gate;
    };

private:
    bool m_enabled;
    QMutex m_mutex;
};

} // namespace Blockhaus::Db
