// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/health/healthpanel.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

QString megabytes(qint64 bytes)
{
    return bytes < 0 ? QObject::tr("unknown") : QLocale().formattedDataSize(bytes);
}

QString duration(qint64 seconds)
{
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    return hours > 0 ? HealthPanel::tr("%1 h %2 min").arg(hours).arg(minutes)
                     : HealthPanel::tr("%1 min").arg(minutes);
}

} // namespace

HealthPanel::HealthPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);

    auto *poolBox = new QGroupBox(tr("Database connections"));
    auto *poolGrid = new QGridLayout(poolBox);
    addFigure(poolGrid, 0, 0, u"size"_s, tr("Pool size"));
    addFigure(poolGrid, 0, 1, u"inUse"_s, tr("In use"));
    addFigure(poolGrid, 0, 2, u"idle"_s, tr("Idle"));
    addFigure(poolGrid, 0, 3, u"waiting"_s, tr("Waiting"));
    addFigure(poolGrid, 2, 0, u"p50"_s, tr("Wait for a connection (median)"));
    addFigure(poolGrid, 2, 1, u"p99"_s, tr("Wait (slowest 1 %)"));
    addFigure(poolGrid, 2, 2, u"timeouts"_s, tr("Turned away (timeouts)"));
    addFigure(poolGrid, 2, 3, u"busyRetries"_s, tr("Busy retries"));
    layout->addWidget(poolBox);

    auto *serverBox = new QGroupBox(tr("Server"));
    auto *serverGrid = new QGridLayout(serverBox);
    addFigure(serverGrid, 0, 0, u"rate"_s, tr("Requests per second"));
    // 4xx included: refused logins and save conflicts are normal, so the word is "refused".
    addFigure(serverGrid, 0, 1, u"errors"_s, tr("Refused or failed requests per second"));
    addFigure(serverGrid, 0, 2, u"online"_s, tr("Students online"));
    addFigure(serverGrid, 2, 0, u"database"_s, tr("Database size"));
    addFigure(serverGrid, 2, 1, u"disk"_s, tr("Free disk space"));
    addFigure(serverGrid, 2, 2, u"uptime"_s, tr("Running for"));
    layout->addWidget(serverBox);

    auto *chart = new QChart;
    chart->setTitle(tr("Database connections, last 5 minutes"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_inUse = new QLineSeries(chart);
    m_inUse->setName(tr("in use"));
    m_waiting = new QLineSeries(chart);
    m_waiting->setName(tr("waiting"));
    // Two lines told apart by dash pattern as well as colour.
    QPen waitingPen(QColor(0xb3, 0x5c, 0x00));
    waitingPen.setStyle(Qt::DashLine);
    waitingPen.setWidth(3);
    m_waiting->setPen(waitingPen);
    QPen inUsePen(QColor(0x0b, 0x57, 0xd0));
    inUsePen.setWidth(3);
    m_inUse->setPen(inUsePen);
    chart->addSeries(m_inUse);
    chart->addSeries(m_waiting);
    m_timeAxis = new QValueAxis(chart);
    m_timeAxis->setRange(-historySeconds, 0);
    m_timeAxis->setLabelFormat(u"%d"_s);
    m_timeAxis->setTitleText(tr("seconds ago"));
    m_countAxis = new QValueAxis(chart);
    m_countAxis->setRange(0, 8);
    m_countAxis->setLabelFormat(u"%d"_s);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_inUse, m_waiting}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_countAxis);
    }
    m_chartView = new QChartView(chart);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    m_chartView->setAccessibleName(tr("Chart of database connections in use and waiting"));
    layout->addWidget(m_chartView, 1);

    auto *checkBox = new QGroupBox(tr("Can this computer handle my class?"));
    auto *checkLayout = new QGridLayout(checkBox);
    auto *studentsLabel = new QLabel(tr("&Students in the check:"));
    m_checkStudents = new QSpinBox;
    m_checkStudents->setRange(1, 1000);
    m_checkStudents->setValue(30);
    m_checkStudents->setAccessibleName(tr("Students in the check"));
    // Its text field is what a screen reader lands on: it carries the name as well.
    if (auto *field = m_checkStudents->findChild<QLineEdit *>())
        field->setAccessibleName(m_checkStudents->accessibleName());
    studentsLabel->setBuddy(m_checkStudents);
    m_checkButton = new QPushButton(tr("&Check this computer\u2026"));
    m_checkButton->setAccessibleName(tr("Check this computer"));
    m_checkButton->setAccessibleDescription(
        tr("A throwaway class saves projects on this server for about ten seconds; students "
           "working now may notice a slower server meanwhile. The class is removed afterwards."));
    m_checkButton->setToolTip(m_checkButton->accessibleDescription());
    m_checkButton->setEnabled(false);
    m_checkResult =
        new QLabel(tr("Measures how many students saving at once this computer can serve."));
    m_checkResult->setWordWrap(true);
    m_checkResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkResult->setAccessibleName(tr("Result of the check"));
    checkLayout->addWidget(studentsLabel, 0, 0);
    checkLayout->addWidget(m_checkStudents, 0, 1);
    checkLayout->addWidget(m_checkButton, 0, 2);
    checkLayout->setColumnStretch(3, 1);
    checkLayout->addWidget(m_checkResult, 1, 0, 1, 4);
    layout->addWidget(checkBox);
    connect(m_checkButton, &QPushButton::clicked, this, [this] { startCapacityCheck(); });
    connect(&m_checkWatcher, &QFutureWatcher<Outcome<CapacityCheck>>::finished, this,
            &HealthPanel::showCapacityCheck);
}

void HealthPanel::setMaintenanceService(MaintenanceService *service)
{
    m_service = service;
    m_checkButton->setEnabled(m_service && !isCheckingCapacity());
}

bool HealthPanel::isCheckingCapacity() const
{
    return m_checkWatcher.isRunning();
}

bool HealthPanel::startCapacityCheck()
{
    if (!m_service || isCheckingCapacity())
        return false;
    m_checkButton->setEnabled(false);
    m_checkStudents->setEnabled(false);
    // Said in words, not by a spinner alone.
    m_checkResult->setText(tr("Checking\u2026 This takes about half a minute."));
    m_checkWatcher.setFuture(m_service->checkCapacity(m_checkStudents->value()));
    return true;
}

void HealthPanel::showCapacityCheck()
{
    const Outcome<CapacityCheck> outcome = m_checkWatcher.result();
    m_checkButton->setEnabled(m_service != nullptr);
    m_checkStudents->setEnabled(true);
    if (!outcome.ok()) {
        m_checkResult->setText(tr("The check could not run: %1").arg(outcome.error));
        return;
    }
    const CapacityCheck &check = *outcome.value;
    QString text = check.passed ? tr("Passed.") : tr("Problems found.");
    text += u' ' + check.answer;
    if (!check.lines.isEmpty())
        text += u"\n\n"_s + check.lines.join(u'\n');
    m_checkResult->setText(text);
}

QString HealthPanel::capacityText() const
{
    return m_checkResult->text();
}

void HealthPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        followPalette();
}

void HealthPanel::followPalette()
{
    QChart *chart = m_chartView->chart();
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QChart::ChartTheme wanted = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() == wanted)
        return;
    // A theme resets the series pens: keep ours (colour and dash pattern tell the lines apart).
    const QPen inUse = m_inUse->pen();
    const QPen waiting = m_waiting->pen();
    chart->setTheme(wanted);
    m_inUse->setPen(inUse);
    m_waiting->setPen(waiting);
}

QLabel *HealthPanel::addFigure(QGridLayout *grid, int row, int column, const QString &key,
                               const QString &label)
{
    auto *caption = new QLabel(label);
    caption->setWordWrap(true);
    auto *value = new QLabel(u"\u2013"_s);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    value->setFont(big);
    value->setAccessibleName(label);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    caption->setBuddy(value);
    grid->addWidget(caption, row, column);
    grid->addWidget(value, row + 1, column);
    m_figures.insert(key, value);
    return value;
}

QString HealthPanel::figure(const QString &key) const
{
    const QLabel *label = m_figures.value(key);
    return label ? label->text() : QString();
}

int HealthPanel::chartPointCount() const
{
    return int(m_samples.size());
}

void HealthPanel::showSnapshot(const Live::LiveSnapshot &snapshot)
{
    const Core::PoolStats &pool = snapshot.pool;
    const QLocale locale;
    m_figures[u"size"_s]->setText(QString::number(pool.size));
    m_figures[u"inUse"_s]->setText(QString::number(pool.inUse));
    m_figures[u"idle"_s]->setText(QString::number(pool.idle));
    m_figures[u"waiting"_s]->setText(QString::number(pool.waiting));
    m_figures[u"p50"_s]->setText(tr("%1 ms").arg(locale.toString(pool.acquireP50Ms, 'f', 1)));
    m_figures[u"p99"_s]->setText(tr("%1 ms").arg(locale.toString(pool.acquireP99Ms, 'f', 1)));
    m_figures[u"timeouts"_s]->setText(QString::number(pool.timeouts));
    m_figures[u"busyRetries"_s]->setText(QString::number(pool.busyRetries));
    m_figures[u"rate"_s]->setText(locale.toString(snapshot.requests.requestsPerSecond, 'f', 1));
    m_figures[u"errors"_s]->setText(locale.toString(snapshot.requests.errorsPerSecond, 'f', 1));
    m_figures[u"online"_s]->setText(QString::number(snapshot.studentsOnline));
    m_figures[u"database"_s]->setText(megabytes(snapshot.databaseBytes));
    m_figures[u"disk"_s]->setText(megabytes(snapshot.freeDiskBytes));
    m_figures[u"uptime"_s]->setText(duration(snapshot.uptimeSeconds));
    appendToChart(snapshot);
}

void HealthPanel::appendToChart(const Live::LiveSnapshot &snapshot)
{
    // Snapshots arrive at 4 Hz; the chart keeps one sample per second.
    if (!m_samples.isEmpty() && m_samples.constLast().at.msecsTo(snapshot.takenAt) < 1000)
        return;
    m_samples.append({snapshot.takenAt, snapshot.pool.inUse, snapshot.pool.waiting});
    if (m_samples.size() > historySeconds)
        m_samples.removeFirst();
    // Plotted as "seconds ago", so the newest point is always at the right edge.
    QList<QPointF> inUse;
    QList<QPointF> waiting;
    int highest = std::max(snapshot.pool.size, 1);
    for (const Sample &sample : std::as_const(m_samples)) {
        const double ago = -double(sample.at.msecsTo(snapshot.takenAt)) / 1000.0;
        inUse.append({ago, double(sample.inUse)});
        waiting.append({ago, double(sample.waiting)});
        highest = std::max(highest, sample.waiting);
    }
    m_inUse->replace(inUse);
    m_waiting->replace(waiting);
    m_countAxis->setRange(0, highest);
}

} // namespace Blockhaus::Ui
