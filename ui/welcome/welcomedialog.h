// SPDX-License-Identifier: AGPL-3.0-or-later
// WelcomeDialog: the first start. One question (the name of the first class), one button that
// creates it and shows the join screen, so a teacher is ready for students within a minute.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Blockhaus::Ui {

class WelcomeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WelcomeDialog(QWidget *parent = nullptr);

    QString className() const;
    QLineEdit *nameField() const { return m_name; }
    QPushButton *createButton() const { return m_create; }

private:
    QLineEdit *m_name = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace Blockhaus::Ui
