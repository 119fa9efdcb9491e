// SPDX-License-Identifier: AGPL-3.0-or-later
// HealthPanel: the "Health" tab. Connection pool, requests, disk and uptime as numbers, and a
// small live chart (Qt Charts) of busy and waiting database connections over the last minutes,
// and "Check this computer…": the capacity check run in the background against the running
// server, with its answer in words (issue #13).
#pragma once

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include "server/live/livetypes.h"
#include "ui/maintenanceservice.h"

class QGridLayout;
class QLabel;
class QPushButton;
class QSpinBox;

QT_BEGIN_NAMESPACE
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace Blockhaus::Ui {

class HealthPanel : public QWidget
{
    Q_OBJECT

public:
    // One point per second, five minutes: enough to see the start of a lesson.
    static constexpr int historySeconds = 300;

    explicit HealthPanel(QWidget *parent = nullptr);

    void showSnapshot(const Live::LiveSnapshot &snapshot);
    // Where "Check this computer…" runs; without one the button stays disabled. Not owned.
    void setMaintenanceService(MaintenanceService *service);
    // Starts the capacity check (the button does the same); false when one is running or there
    // is no service.
    bool startCapacityCheck();
    bool isCheckingCapacity() const;
    // The shown result of the last check, for tests and screen readers.
    QString capacityText() const;
    // The shown text of a figure (for tests and screen readers), by its key, e.g. "inUse".
    QString figure(const QString &key) const;
    int chartPointCount() const;

protected:
    // A dark system theme gets the dark chart theme; the series keep their own pens.
    void changeEvent(QEvent *event) override;

private:
    void followPalette();
    QLabel *addFigure(QGridLayout *grid, int row, int column, const QString &key,
                      const QString &label);
    void appendToChart(const Live::LiveSnapshot &snapshot);
    void showCapacityCheck();

    MaintenanceService *m_service = nullptr;
    QPushButton *m_checkButton = nullptr;
    QSpinBox *m_checkStudents = nullptr;
    QLabel *m_checkResult = nullptr;
    QFutureWatcher<Outcome<CapacityCheck>> m_checkWatcher;

    QHash<QString, QLabel *> m_figures;
    QChartView *m_chartView = nullptr;
    QLineSeries *m_inUse = nullptr;
    QLineSeries *m_waiting = nullptr;
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    struct Sample
    {
        QDateTime at;
        int inUse = 0;
        int waiting = 0;
    };
    QList<Sample> m_samples; // oldest first, at most historySeconds
};

} // namespace Blockhaus::Ui
