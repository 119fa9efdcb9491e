// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/join/projectorwindow.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

#include "ui/join/joinaddresses.h"
#include "ui/join/qrwidget.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

// Text heights as fractions of the window height (1080 px: address ~95 px, code ~150 px).
constexpr qreal headingHeight = 0.04;
constexpr qreal addressHeight = 0.088;
constexpr qreal codeHeight = 0.14;
constexpr qreal qrHeight = 0.58;
constexpr qreal marginHeight = 0.04;

QLabel *makeLabel(Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *label = new QLabel;
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(alignment);
    return label;
}

QFont withPixelSize(QFont font, int pixels, bool bold)
{
    font.setPixelSize(qMax(8, pixels));
    font.setBold(bold);
    return font;
}

// `font`, made smaller if `text` would not fit into `available` pixels.
QFont fitToWidth(QFont font, const QString &text, int available)
{
    const int needed = QFontMetrics(font).horizontalAdvance(text);
    if (needed > available && needed > 0 && available > 0)
        font.setPixelSize(qMax(8, font.pixelSize() * available / needed));
    return font;
}

} // namespace

ProjectorWindow::ProjectorWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    // Fixed black on white, whatever the desktop theme: the most contrast a washed-out beamer
    // image keeps, and the white the QR code's quiet zone needs around it.
    QPalette highContrast = palette();
    for (const auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        highContrast.setColor(role, Qt::white);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        highContrast.setColor(role, Qt::black);
    setPalette(highContrast);
    setAutoFillBackground(true);

    m_title = makeLabel();
    m_close = new QPushButton;
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    auto *topRow = new QHBoxLayout;
    topRow->addWidget(m_title, 1);
    topRow->addWidget(m_close, 0, Qt::AlignTop);

    m_openHeading = makeLabel();
    m_address = makeLabel();
    m_codeHeading = makeLabel();
    m_code = makeLabel();
    // Their fonts are fitted to the window (updateSizes), so their text must not set the
    // window's minimum width, or a smaller screen could never shrink them.
    for (QLabel *label : {m_address, m_code})
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_class = makeLabel();
    m_class->setWordWrap(true);
    m_scanHint = makeLabel(Qt::AlignHCenter | Qt::AlignTop);
    m_scanHint->setWordWrap(true);

    auto *codeColumn = new QVBoxLayout;
    codeColumn->addStretch(1);
    codeColumn->addWidget(m_codeHeading);
    codeColumn->addWidget(m_code);
    codeColumn->addWidget(m_class);
    codeColumn->addStretch(1);
    // The hint sits right under the code it explains; the code's white quiet zone is the gap.
    m_qr = new QrWidget;
    auto *qrColumn = new QVBoxLayout;
    qrColumn->setSpacing(0);
    qrColumn->addWidget(m_qr, 0, Qt::AlignHCenter);
    qrColumn->addWidget(m_scanHint);
    qrColumn->addStretch(1);
    auto *body = new QHBoxLayout;
    body->addLayout(codeColumn, 1);
    body->addLayout(qrColumn, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(topRow);
    layout->addWidget(m_openHeading);
    layout->addWidget(m_address);
    layout->addLayout(body, 1);

    retranslate();
    resize(1280, 720);
}

void ProjectorWindow::setJoinInfo(const QString &address, const QString &className,
                                  const QString &joinCode)
{
    m_addressText = address.trimmed();
    while (m_addressText.endsWith(u'/'))
        m_addressText.chop(1);
    m_classText = className.trimmed();
    m_codeText = joinCode.trimmed();
    m_qr->setText(joinUrl());
    retranslate();
}

QString ProjectorWindow::joinUrl() const
{
    return JoinAddresses::joinUrl(m_addressText, m_codeText);
}

void ProjectorWindow::showOnScreen(QScreen *screen)
{
    if (screen) {
        setScreen(screen);
        setGeometry(screen->geometry());
    }
    showFullScreen();
    raise();
    activateWindow();
}

void ProjectorWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateSizes();
}

void ProjectorWindow::keyPressEvent(QKeyEvent *event)
{
    // Handled here rather than by a shortcut: it works even when the beamer window has not
    // been activated, and keys the focused Close button ignores arrive here.
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ProjectorWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ProjectorWindow::retranslate()
{
    setWindowTitle(tr("Join the class \u2013 Blockhaus"));
    m_title->setText(tr("Join the class"));
    m_close->setText(tr("Close"));
    m_close->setAccessibleName(tr("Close the join screen"));
    m_close->setToolTip(tr("Close (Esc)"));
    m_openHeading->setText(tr("Open in your browser:"));
    m_address->setAccessibleName(tr("Join address"));
    m_address->setText(m_addressText.isEmpty() ? tr("No network found") : m_addressText);
    m_codeHeading->setText(tr("Class code:"));
    m_code->setAccessibleName(tr("Class join code"));
    m_code->setText(m_codeText);
    m_class->setText(m_classText.isEmpty() ? QString() : tr("Class: %1").arg(m_classText));
    m_scanHint->setText(tr("Or scan this code with a tablet camera."));
    const bool hasCode = !m_codeText.isEmpty();
    m_codeHeading->setVisible(hasCode);
    m_code->setVisible(hasCode);
    m_class->setVisible(!m_classText.isEmpty());
    m_qr->setVisible(!m_addressText.isEmpty());
    m_scanHint->setVisible(!m_addressText.isEmpty());
    updateSizes();
}

void ProjectorWindow::updateSizes()
{
    const int h = height();
    const int margin = qRound(h * marginHeight);
    layout()->setContentsMargins(margin * 2, margin, margin * 2, margin);
    layout()->setSpacing(margin / 2);

    const QFont base = font();
    const int heading = qRound(h * headingHeight);
    for (QLabel *label : {m_title, m_openHeading, m_codeHeading, m_class, m_scanHint})
        label->setFont(withPixelSize(base, heading, false));
    m_title->setFont(withPixelSize(base, heading, true));
    m_close->setFont(withPixelSize(base, heading, false));

    // Square, as large as the height leaves, but never more than half the width.
    const int qrSide = qMin(qRound(h * qrHeight), width() / 2);
    m_qr->setFixedSize(qrSide, qrSide);
    m_scanHint->setFixedWidth(qrSide);

    // Address and code must each fit on one line: a wrapped URL or code gets typed wrong. On a
    // 4:3 beamer the width, not the height, limits them.
    const int textWidth = width() - 4 * margin;
    m_address->setFont(fitToWidth(withPixelSize(base, qRound(h * addressHeight), true),
                                  m_address->text(), textWidth));
    QFont codeFont = withPixelSize(QFontDatabase::systemFont(QFontDatabase::FixedFont),
                                   qRound(h * codeHeight), true);
    codeFont.setLetterSpacing(QFont::PercentageSpacing, 125);
    m_code->setFont(fitToWidth(codeFont, m_code->text(), textWidth - qrSide - margin));

    // Lay out with the new fonts now rather than on a later event: the first frame a projector
    // shows (and any grab) is then already right.
    layout()->activate();
}

} // namespace Blockhaus::Ui
