#include "TelegramCsat.h"

#include "MailOutbox.h"
#include "api/TicketService.h"
#include "channels/telegram/CsatButtons.h"
#include "domain/TicketFields.h"
#include "storage/DirectoryStore.h"
#include "storage/IdentityStore.h"

#include <QJsonDocument>

namespace triage::server {

std::optional<OutgoingRecord> TelegramCsat::promptFor(const Ticket &t)
{
    if (t.channel != Channel::Telegram || !t.number)
        return std::nullopt;
    QString language = u"ru"_qs;
    if (const auto user = DirectoryStore(m_db).userById(t.requesterId))
        language = user->user.locale.startsWith(u"en"_qs) ? u"en"_qs : u"ru"_qs;
    const QString text = language == u"en"_qs
        ? u"Request #%1 \"%2\" is resolved. How satisfied are you with the help? Rate it from 1 (bad) to 5 "
          "(excellent). You can change your rating with another tap."_qs
        : u"Заявка #%1 «%2» решена. Оцените, пожалуйста, помощь: от 1 (плохо) до 5 (отлично). "
          "Оценку можно изменить, нажав другую кнопку."_qs;
    auto m = MailOutbox(m_db).botMessageFor(t, text.arg(*t.number).arg(t.title), true);
    if (!m)
        return std::nullopt;
    m->markup = QString::fromUtf8(QJsonDocument(CsatButtons::keyboard(t.id)).toJson(QJsonDocument::Compact));
    return m;
}

TelegramCsat::Answer TelegramCsat::rate(
    WriteTx &tx, const QString &telegramUserId, const QString &argument, const QString &language)
{
    const bool en = language == u"en"_qs;
    Answer a;
    const auto vote = CsatButtons::parse(argument);
    const QString requester = IdentityStore(m_db).userFor(u"telegram"_qs, telegramUserId);
    ServerTicketStore tickets(m_db);
    const auto stored = vote ? tickets.load(vote->ticketId, false) : std::nullopt;
    // The same answer for a ticket that does not exist and one of somebody else: no probing.
    if (!stored || stored->deleted || requester.isEmpty() || stored->ticket.requesterId != requester) {
        a.text = en ? u"Sorry, this rating button is not for one of your requests."_qs
                    : u"Извините, эта кнопка оценки относится не к вашей заявке."_qs;
        return a;
    }
    const Ticket &t = stored->ticket;
    const qint64 number = t.number.value_or(0);
    if (t.status == TicketStatus::Closed) {
        a.text = en ? u"Request #%1 is closed; it can no longer be rated. Thank you anyway!"_qs.arg(number)
                    : u"Заявка #%1 уже закрыта, оценить её больше нельзя. Всё равно спасибо!"_qs.arg(number);
        return a;
    }
    if (t.status != TicketStatus::Resolved) {
        a.text = en ? u"Request #%1 is open again; you can rate it once it is resolved."_qs.arg(number)
                    : u"Заявка #%1 снова в работе — оценить её можно будет после решения."_qs.arg(number);
        return a;
    }
    Principal who;
    who.userId = requester;
    who.role = UserRole::Requester;
    TicketService service(m_db, tx); // outlives `o`: its deferred write calls back into it
    const QString field = toWire(TicketField::CsatRating);
    const QJsonValue before = t.csatRating ? QJsonValue(*t.csatRating) : QJsonValue();
    Outcome o = service.update(who, t.id, {FieldChange {field, before, vote->rating}}, {}, false);
    if (o.status != Outcome::Applied) {
        a.text = en
            ? u"Sorry, the rating could not be saved: %1"_qs.arg(o.problem.value(u"detail"_qs).toString())
            : u"Извините, оценку сохранить не удалось: %1"_qs.arg(o.problem.value(u"detail"_qs).toString());
        return a;
    }
    o.applyWrites();
    a.ticketId = t.id;
    a.rating = vote->rating;
    const bool changed = t.csatRating.has_value() && *t.csatRating != vote->rating;
    a.text = en ? (changed ? u"Rating changed to %1. Thank you!"_qs : u"Thank you! Your rating: %1."_qs)
                      .arg(vote->rating)
                : (changed ? u"Оценка изменена на %1. Спасибо!"_qs : u"Спасибо! Ваша оценка: %1."_qs)
                      .arg(vote->rating);
    return a;
}

} // namespace triage::server
