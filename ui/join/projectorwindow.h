// SPDX-License-Identifier: AGPL-3.0-or-later
// ProjectorWindow: the full-screen join screen for a classroom projector. Huge address, class
// code and QR code in black on white, sized from the screen so the back row can read them.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Blockhaus::Ui {

class QrWidget;

class ProjectorWindow : public QWidget
{
    Q_OBJECT

public:
    // A top-level window even with a parent (the parent only owns it). Escape or the visible
    // Close button closes it; set Qt::WA_DeleteOnClose to have it deleted then.
    explicit ProjectorWindow(QWidget *parent = nullptr);

    // `address` is what students type ("http://ADDR:PORT"); the QR code opens
    // JoinAddresses::joinUrl(address, joinCode). An empty code hides the code line.
    void setJoinInfo(const QString &address, const QString &className, const QString &joinCode);
    QString joinUrl() const;

    // Full screen on `screen` (the projector), or on the screen the window is on if null.
    void showOnScreen(QScreen *screen = nullptr);

    // For tests.
    QLabel *addressLabel() const { return m_address; }
    QLabel *codeLabel() const { return m_code; }
    QLabel *classLabel() const { return m_class; }
    QrWidget *qrWidget() const { return m_qr; }
    QPushButton *closeButton() const { return m_close; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    // Fonts and the QR size follow the window height, so one layout fits a 720p beamer and a
    // 4K panel; the address shrinks further only when it would not fit the width.
    void updateSizes();

    QString m_addressText;
    QString m_classText;
    QString m_codeText;
    QLabel *m_title = nullptr;
    QLabel *m_openHeading = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_codeHeading = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_class = nullptr;
    QLabel *m_scanHint = nullptr;
    QrWidget *m_qr = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Blockhaus::Ui
