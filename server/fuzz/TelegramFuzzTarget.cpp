// Fuzz target for the Telegram adapter's input: the bytes of one Bot API Update, as getUpdates hands
// them over and as inbound_messages keeps them (TelegramUpdate::decode, then toInbound), and the
// callback_data of an inline button (a client can send any: CsatButtons::parse). Must never crash,
// hang or throw; what cannot be read gives nullopt and a reason (the pipeline quarantines those).
// Properties: a decoded update names its chat and sender; a ticket's CSAT keyboard parses back to
// the same ticket and ratings. Seeds: tests/data/telegram.
#include "channels/telegram/CsatButtons.h"
#include "channels/telegram/TelegramUpdate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace triage::server;

namespace {

// A broken property is a finding, like a crash: say which one, then abort.
void fail(const char *what, int line)
{
    std::fprintf(stderr, "property broken (TelegramFuzzTarget.cpp:%d): %s\n", line, what);
    std::abort();
}
#define check(property) ((property) ? (void)0 : fail(#property, __LINE__))

void buttons(const QString &data)
{
    const QString argument = data.section(u':', 1);
    const auto vote = CsatButtons::parse(argument);
    if (!vote)
        return;
    check(vote->rating >= 1 && vote->rating <= 5);
    const QJsonArray row = CsatButtons::keyboard(vote->ticketId, vote->rating)
                               .value(u"inline_keyboard"_qs)
                               .toArray()
                               .at(0)
                               .toArray();
    check(row.size() == 5);
    for (int i = 0; i < 5; ++i) {
        const QString again = row.at(i).toObject().value(u"callback_data"_qs).toString();
        check(again.toUtf8().size() <= 64); // the Bot API's limit
        const auto back = CsatButtons::parse(again.section(u':', 1));
        check(back && back->ticketId == vote->ticketId && back->rating == i + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    buttons(QString::fromUtf8(raw.left(128)));
    const QJsonDocument json = QJsonDocument::fromJson(raw);
    if (!json.isObject())
        return 0;
    QString why;
    const auto update = TelegramUpdate::decode(json.object(), &why);
    if (!update) {
        check(!why.isEmpty());
        return 0;
    }
    check(update->updateId > 0);
    if (update->kind == TelegramUpdate::Kind::Other)
        return 0;
    check(update->chatId != 0 && update->userId != 0);
    const InboundMessage m = update->toInbound();
    check(m.attachments.size() == update->files.size());
    check(!m.fromAddress.isEmpty() && !m.fromName.isEmpty());
    for (const InboundAttachment &a : m.attachments)
        check(!a.filename.isEmpty() && a.bytes.isEmpty());
    if (update->kind == TelegramUpdate::Kind::Callback) {
        check(update->callbackData.size() <= 64);
        buttons(update->callbackData);
    }
    return 0;
}
