#pragma once

#include "domain/Ticket.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace triage {

class Session;

// Phone intake: requester, title, description, type, impact, urgency, group; the priority is
// suggested (matrix + key phrases, with the phrase shown) until the agent picks one. Creating
// works offline: the ticket is saved with its outbox entry and shows as "pending".
class NewTicketDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewTicketDialog)

public:
    explicit NewTicketDialog(Session *session, QWidget *parent = nullptr);
    ~NewTicketDialog() override;

    // The created ticket after accept().
    const std::optional<Ticket> &created() const { return m_created; }
    QString suggestionText() const;
    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QComboBox *priorityCombo() const { return m_priority; }
    QComboBox *requesterCombo() const { return m_requester; }
    QComboBox *impactCombo() const { return m_impact; }
    QComboBox *urgencyCombo() const { return m_urgency; }

    void accept() override;

private:
    void updateSuggestion();

    Session *m_session;
    QComboBox *m_requester;
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QComboBox *m_type;
    QComboBox *m_impact;
    QComboBox *m_urgency;
    QComboBox *m_group;
    QComboBox *m_priority;
    QLabel *m_suggestion;
    QLabel *m_error;
    bool m_priorityTouched = false;
    std::optional<Ticket> m_created;
};

} // namespace triage
