#pragma once

#include "domain/Enums.h"
#include "domain/TicketFields.h"

#include <QObject>
#include <QStringList>

namespace triage {

class LocalEditor;

// Bulk actions on the selected queue rows, through LocalEditor (offline too). Returns how many
// tickets changed and keeps the refusals so the view can say why the others did not.
class QueueController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueController)

public:
    explicit QueueController(LocalEditor *editor, QObject *parent = nullptr);
    ~QueueController() override;

    int assign(const QStringList &ticketIds, const QString &userId); // empty userId = unassign
    int assignToMe(const QStringList &ticketIds);
    int setStatus(const QStringList &ticketIds, TicketStatus status);
    int setPriority(const QStringList &ticketIds, Priority priority);
    // A viewer account: every bulk action changes nothing and says why.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }
    // One translated sentence per refused ticket of the last bulk action.
    const QStringList &lastRefusals() const { return m_refusals; }

Q_SIGNALS:
    void finished(int changed, const QStringList &refusals);

private:
    int update(const QStringList &ids, TicketField field, const QString &value);
    bool refuseReadOnly(const QStringList &ids);

    LocalEditor *m_editor;
    QStringList m_refusals;
    bool m_readOnly = false;
};

} // namespace triage
