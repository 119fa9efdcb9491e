// SPDX-License-Identifier: AGPL-3.0-or-later
// JoinPanel: what a teacher shows the class so that students get in: the address to type, the
// class join code and a QR code that opens the join page; large enough to read from the back
// of a classroom. Holds no logic beyond choosing which address to show.
#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace Blockhaus::Ui {

class QrWidget;

class JoinPanel : public QWidget
{
    Q_OBJECT

public:
    explicit JoinPanel(QWidget *parent = nullptr);

    // "http://ADDR:PORT" entries, best first (JoinAddresses::systemUrls()). The first is shown
    // unless the teacher had chosen one that is still in the list; the chooser appears only
    // when there is more than one.
    void setAddresses(const QStringList &urls);
    // The class students join; an empty code means "no class chosen" and the QR code then opens
    // the general join page.
    void setClass(const QString &name, const QString &joinCode);
    // "http://blockhaus.local:8601" once the server's name is announced on the LAN (#16): shown
    // as a second, easier way in ("or type …"); the QR code keeps the address, which works on
    // every device. Empty hides it.
    void setLanName(const QString &url);
    QLabel *lanNameLabel() const { return m_lanName; }

    QStringList addresses() const { return m_addresses; }
    QString currentAddress() const;
    QString className() const { return m_className; }
    QString joinCode() const { return m_joinCode; }
    // What the QR code opens; empty while there is no address.
    QString currentJoinUrl() const;

    // For tests and for the window that hosts the panel.
    QLabel *addressLabel() const { return m_address; }
    QComboBox *addressChooser() const { return m_chooser; }
    QLabel *codeLabel() const { return m_code; }
    QLabel *classLabel() const { return m_class; }
    QrWidget *qrWidget() const { return m_qr; }
    QPushButton *projectorButton() const { return m_projector; }

signals:
    // The teacher asked for the full-screen join screen (ProjectorWindow).
    void projectorRequested();
    void currentJoinUrlChanged(const QString &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *makeAddressSection();
    QWidget *makeClassSection();
    void retranslate();
    void refresh();

    QStringList m_addresses;
    QString m_className;
    QString m_joinCode;
    QString m_shownJoinUrl;

    QLabel *m_openHeading = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_addressHint = nullptr;
    QLabel *m_lanName = nullptr;
    QString m_lanNameUrl;
    QLabel *m_chooserLabel = nullptr;
    QComboBox *m_chooser = nullptr;
    QLabel *m_codeHeading = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_class = nullptr;
    QrWidget *m_qr = nullptr;
    QLabel *m_qrCaption = nullptr;
    QPushButton *m_projector = nullptr;
};

} // namespace Blockhaus::Ui
