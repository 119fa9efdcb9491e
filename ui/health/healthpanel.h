// SPDX-License-Identifier: AGPL-3.0-or-later
// HealthPanel: the "Health" tab. Connection pool, requests, disk and uptime as numbers, and a
// small live chart (Qt Charts) of busy and waiting database connections over the last minutes.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QWidget>

#include "server/live/livetypes.h"

class QGridLayout;
class QLabel;

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
