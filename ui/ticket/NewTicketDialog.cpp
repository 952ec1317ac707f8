#include "NewTicketDialog.h"

#include "PrioritySuggester.h"
#include "common/Texts.h"
#include "session/Session.h"
#include "sync/LocalEditor.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace triage {

NewTicketDialog::NewTicketDialog(Session *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(u"newTicketDialog"_qs);
    setWindowTitle(tr("New ticket"));
    auto combo = [this](const QString &name, const QString &accessible) {
        auto *c = new QComboBox(this);
        c->setObjectName(name);
        c->setAccessibleName(accessible);
        return c;
    };
    m_requester = combo(u"requesterComboBox"_qs, tr("Requester"));
    m_requester->setEditable(true);
    m_requester->setInsertPolicy(QComboBox::NoInsert);
    m_requester->addItem(QString(), QString());
    for (quint16 i : session->directory()->requesters())
        m_requester->addItem(session->directory()->user(i).displayName, session->directory()->user(i).id);
    m_requester->completer()->setFilterMode(Qt::MatchContains);
    m_requester->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_requester->lineEdit()->setPlaceholderText(tr("Who is calling? Type a name"));
    m_title = new QLineEdit(this);
    m_title->setObjectName(u"titleLineEdit"_qs);
    m_title->setAccessibleName(tr("Title"));
    m_title->setPlaceholderText(tr("One line: what is wrong"));
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(u"descriptionPlainTextEdit"_qs);
    m_description->setAccessibleName(tr("Description"));
    m_description->setPlaceholderText(tr("What the caller says, what they tried, how it affects them"));
    m_description->setTabChangesFocus(true);
    m_type = combo(u"typeComboBox"_qs, tr("Type"));
    for (auto t : {TicketType::Incident, TicketType::Request, TicketType::Problem, TicketType::Question})
        m_type->addItem(Texts::type(t), static_cast<int>(t));
    m_impact = combo(u"impactComboBox"_qs, tr("Impact"));
    m_urgency = combo(u"urgencyComboBox"_qs, tr("Urgency"));
    for (auto l : {Level::High, Level::Medium, Level::Low}) {
        m_impact->addItem(Texts::level(l), static_cast<int>(l));
        m_urgency->addItem(Texts::level(l), static_cast<int>(l));
    }
    m_impact->setCurrentIndex(1);
    m_urgency->setCurrentIndex(1);
    m_impact->setAccessibleDescription(tr("How many people or how much of the business is affected"));
    m_urgency->setAccessibleDescription(tr("How soon it hurts if nothing is done"));
    m_group = combo(u"groupComboBox"_qs, tr("Group"));
    m_group->addItem(tr("No group"), QString());
    for (int i = 1; i < session->directory()->groupCount(); ++i)
        m_group->addItem(session->directory()->group(static_cast<quint16>(i)).name,
            session->directory()->group(static_cast<quint16>(i)).id);
    m_priority = combo(u"priorityComboBox"_qs, tr("Priority"));
    for (auto p : {Priority::Critical, Priority::High, Priority::Normal, Priority::Low})
        m_priority->addItem(Texts::priority(p), static_cast<int>(p));
    m_suggestion = new QLabel(this);
    m_suggestion->setObjectName(u"suggestionLabel"_qs);
    m_suggestion->setWordWrap(true);
    m_suggestion->setForegroundRole(QPalette::PlaceholderText);
    m_error = new QLabel(this);
    m_error->setObjectName(u"errorLabel"_qs);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"QLabel { color: #D55E00; }"_qs);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Requester"), m_requester);
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("&Description"), m_description);
    form->addRow(tr("T&ype"), m_type);
    form->addRow(tr("&Impact"), m_impact);
    form->addRow(tr("&Urgency"), m_urgency);
    form->addRow(tr("&Group"), m_group);
    form->addRow(tr("&Priority"), m_priority);
    form->addRow(QString(), m_suggestion);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create ticket"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"createButton"_qs);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewTicketDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewTicketDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_title, &QLineEdit::textChanged, this, &NewTicketDialog::updateSuggestion);
    connect(m_description, &QPlainTextEdit::textChanged, this, &NewTicketDialog::updateSuggestion);
    connect(m_impact, &QComboBox::currentIndexChanged, this, &NewTicketDialog::updateSuggestion);
    connect(m_urgency, &QComboBox::currentIndexChanged, this, &NewTicketDialog::updateSuggestion);
    connect(m_priority, &QComboBox::activated, this, [this] { m_priorityTouched = true; });
    updateSuggestion();
    resize(620, 520);
}

NewTicketDialog::~NewTicketDialog() = default;

QString NewTicketDialog::suggestionText() const
{
    return m_suggestion->text();
}

void NewTicketDialog::updateSuggestion()
{
    const auto s = PrioritySuggester::suggest(m_session->priorityMatrix(), m_session->keyPhrases(),
        static_cast<Level>(m_impact->currentData().toInt()),
        static_cast<Level>(m_urgency->currentData().toInt()), m_title->text(), m_description->toPlainText());
    m_suggestion->setText(s.explanation);
    m_suggestion->setAccessibleName(s.explanation);
    if (!m_priorityTouched)
        m_priority->setCurrentIndex(m_priority->findData(static_cast<int>(s.priority)));
}

void NewTicketDialog::accept()
{
    Ticket draft;
    draft.title = m_title->text().trimmed();
    draft.description = m_description->toPlainText().trimmed();
    draft.type = static_cast<TicketType>(m_type->currentData().toInt());
    draft.impact = static_cast<Level>(m_impact->currentData().toInt());
    draft.urgency = static_cast<Level>(m_urgency->currentData().toInt());
    draft.priority = static_cast<Priority>(m_priority->currentData().toInt());
    draft.groupId = m_group->currentData().toString();
    draft.channel = Channel::Phone;
    // A typed name that matches a requester picks them; otherwise the agent is the requester.
    int req = m_requester->findText(m_requester->currentText().trimmed(), Qt::MatchFixedString);
    draft.requesterId = req > 0 ? m_requester->itemData(req).toString() : QString();
    if (draft.title.isEmpty()) {
        m_error->setText(tr("A title is needed."));
        m_error->show();
        m_title->setFocus();
        return;
    }
    m_created = m_session->editor()->createTicket(draft);
    if (!m_created) {
        m_error->setText(Texts::refusal(m_session->editor()->lastRefusal()));
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace triage
