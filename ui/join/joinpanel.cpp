// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/join/joinpanel.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/join/joinaddresses.h"
#include "ui/join/qrwidget.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

// Relative to the system font, so that the panel follows the teacher's font size settings.
constexpr qreal headingScale = 1.3;
constexpr qreal addressScale = 2.6;
constexpr qreal codeScale = 3.4;

QFont scaled(QFont font, qreal factor, bool bold = false)
{
    const qreal points = font.pointSizeF() > 0 ? font.pointSizeF() : QFontInfo(font).pointSizeF();
    font.setPointSizeF(points * factor);
    font.setBold(bold);
    return font;
}

QLabel *makeSelectableLabel(const QFont &font)
{
    auto *label = new QLabel;
    label->setFont(font);
    // Selectable so a teacher can copy the address into a message to the class.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

JoinPanel::JoinPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *text = new QVBoxLayout;
    text->setSpacing(6);
    text->addWidget(makeAddressSection());
    text->addSpacing(24);
    text->addWidget(makeClassSection());
    text->addStretch(1);
    m_projector = new QPushButton;
    m_projector->setIcon(QIcon::fromTheme(u"video-display"_s));
    m_projector->setFont(scaled(font(), headingScale));
    m_projector->setMinimumHeight(m_projector->sizeHint().height() * 5 / 4);
    connect(m_projector, &QPushButton::clicked, this, &JoinPanel::projectorRequested);
    text->addWidget(m_projector, 0, Qt::AlignLeft);

    // The caption sits above the code, level with "Students open:", and the code hangs from
    // the top: a centred code would drift away from its caption in a tall window.
    auto *qrColumn = new QVBoxLayout;
    qrColumn->setSpacing(6);
    m_qrCaption = new QLabel;
    m_qrCaption->setAlignment(Qt::AlignHCenter);
    m_qrCaption->setFont(scaled(font(), headingScale));
    qrColumn->addWidget(m_qrCaption);
    m_qr = new QrWidget;
    m_qr->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_qr->setMinimumSize(220, 220);
    qrColumn->addWidget(m_qr, 1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(32);
    layout->addLayout(text, 3);
    layout->addLayout(qrColumn, 2);

    retranslate(); // also fills in the texts
}

QWidget *JoinPanel::makeAddressSection()
{
    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    m_openHeading = new QLabel;
    m_openHeading->setFont(scaled(font(), headingScale));
    layout->addWidget(m_openHeading);
    m_address = makeSelectableLabel(scaled(font(), addressScale, true));
    m_address->setWordWrap(true);
    layout->addWidget(m_address);
    m_addressHint = new QLabel;
    m_addressHint->setWordWrap(true);
    layout->addWidget(m_addressHint);
    m_lanName = makeSelectableLabel(font());
    m_lanName->setWordWrap(true);
    m_lanName->hide();
    layout->addWidget(m_lanName);

    auto *chooserRow = new QHBoxLayout;
    m_chooserLabel = new QLabel;
    m_chooser = new QComboBox;
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chooserLabel->setBuddy(m_chooser);
    chooserRow->addWidget(m_chooserLabel);
    chooserRow->addWidget(m_chooser);
    chooserRow->addStretch(1);
    layout->addSpacing(6);
    layout->addLayout(chooserRow);
    connect(m_chooser, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    return section;
}

QWidget *JoinPanel::makeClassSection()
{
    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    m_codeHeading = new QLabel;
    m_codeHeading->setFont(scaled(font(), headingScale));
    layout->addWidget(m_codeHeading);
    QFont codeFont = scaled(QFontDatabase::systemFont(QFontDatabase::FixedFont), codeScale, true);
    // Wide spacing keeps look-alike characters apart when read from the back row.
    codeFont.setLetterSpacing(QFont::PercentageSpacing, 125);
    m_code = makeSelectableLabel(codeFont);
    layout->addWidget(m_code);
    m_class = new QLabel;
    m_class->setTextFormat(Qt::PlainText);
    m_class->setWordWrap(true);
    m_class->setFont(scaled(font(), headingScale));
    layout->addWidget(m_class);
    return section;
}

void JoinPanel::setAddresses(const QStringList &urls)
{
    const QString previous = currentAddress();
    QStringList cleaned;
    for (QString url : urls) {
        url = url.trimmed();
        // The server lists "http://ADDR:PORT/"; the slash is noise when read aloud or typed.
        while (url.endsWith(u'/'))
            url.chop(1);
        if (!url.isEmpty() && !cleaned.contains(url))
            cleaned.append(url);
    }
    if (cleaned == m_addresses)
        return;
    m_addresses = cleaned;
    {
        const QSignalBlocker blocker(m_chooser); // one refresh below, not one per item
        m_chooser->clear();
        m_chooser->addItems(m_addresses);
        m_chooser->setCurrentIndex(qMax(0, m_addresses.indexOf(previous)));
    }
    refresh();
}

void JoinPanel::setClass(const QString &name, const QString &joinCode)
{
    m_className = name.trimmed();
    m_joinCode = joinCode.trimmed();
    refresh();
}

QString JoinPanel::currentAddress() const
{
    return m_addresses.value(m_chooser->currentIndex());
}

QString JoinPanel::currentJoinUrl() const
{
    return JoinAddresses::joinUrl(currentAddress(), m_joinCode);
}

void JoinPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JoinPanel::retranslate()
{
    m_openHeading->setText(tr("Students open:"));
    m_address->setAccessibleName(tr("Join address"));
    m_chooserLabel->setText(tr("&Address shown:"));
    m_chooser->setAccessibleName(tr("Address shown to students"));
    m_chooser->setAccessibleDescription(
        tr("This computer is on several networks. Choose the address of the network the "
           "students' devices use."));
    m_chooser->setToolTip(m_chooser->accessibleDescription());
    m_codeHeading->setText(tr("Class code:"));
    m_code->setAccessibleName(tr("Class join code"));
    m_class->setAccessibleName(tr("Class"));
    m_qrCaption->setText(tr("Or scan this code:"));
    m_projector->setText(tr("Show on &projector"));
    m_projector->setAccessibleName(tr("Show on projector"));
    m_projector->setAccessibleDescription(
        tr("Shows the address, class code and QR code full screen for the whole class."));
    refresh();
}

void JoinPanel::setLanName(const QString &url)
{
    m_lanNameUrl = url;
    refresh();
}

void JoinPanel::refresh()
{
    const QString address = currentAddress();
    const bool hasAddress = !address.isEmpty();
    if (hasAddress) {
        m_address->setText(address);
        m_addressHint->setText(tr("Type it into the address bar of the browser."));
    } else {
        // Said in words: an empty address must not look like a display glitch.
        m_address->setText(tr("No network found"));
        m_addressHint->setText(tr("Connect this computer to the school network (Wi-Fi or "
                                  "cable); the address appears here."));
    }
    m_lanName->setVisible(hasAddress && !m_lanNameUrl.isEmpty());
    m_lanName->setText(tr("Or type: %1 (works on most computers and tablets)").arg(m_lanNameUrl));
    const bool several = m_addresses.size() > 1;
    m_chooserLabel->setVisible(several);
    m_chooser->setVisible(several);

    const bool hasCode = !m_joinCode.isEmpty();
    m_codeHeading->setVisible(hasCode);
    m_code->setVisible(hasCode);
    m_code->setText(m_joinCode);
    if (hasCode && !m_className.isEmpty())
        m_class->setText(tr("Class: %1").arg(m_className));
    else if (hasCode)
        m_class->clear();
    else
        m_class->setText(tr("No class chosen: students pick their class after opening the "
                            "address."));
    m_class->setVisible(!m_class->text().isEmpty());

    const QString url = currentJoinUrl();
    m_qr->setText(url);
    m_qr->setVisible(hasAddress);
    m_qrCaption->setVisible(hasAddress);
    m_projector->setEnabled(hasAddress);
    if (url != m_shownJoinUrl) {
        m_shownJoinUrl = url;
        emit currentJoinUrlChanged(url);
    }
}

} // namespace Blockhaus::Ui
