#include "FeedReader.h"

#include "Rebase.h"
#include "domain/Enums.h"
#include "domain/Time.h"

#include <QJsonDocument>
#include <QStringDecoder>
#include <QtEndian>

#include <charconv>
#include <cstring>
#include <string_view>
#include <unordered_map>

namespace triage {

namespace {

// Anything the fast reader does not handle: the caller takes the QJsonDocument path.
struct Bad {
};

[[noreturn]] void bad()
{
    throw Bad {};
}

constexpr int kMaxDepth = 64; // nesting of skipped values

// `key == "literal"` without measuring the literal at run time (QByteArrayView's comparison with a
// char array looks for its terminator first): most of a page's keys are compared several times.
template<qsizetype N> bool is(QByteArrayView key, const char (&literal)[N])
{
    return key.size() == N - 1 && std::memcmp(key.data(), literal, N - 1) == 0;
}

// A cursor over the page's bytes with just the JSON grammar the feed needs.
class Reader
{
public:
    explicit Reader(QByteArrayView body)
        : m_p(body.data())
        , m_end(body.data() + body.size())
    { }

    // The next value's first byte (after whitespace).
    const char *position()
    {
        ws();
        return m_p;
    }
    bool atEnd()
    {
        ws();
        return m_p == m_end;
    }
    char peek()
    {
        ws();
        if (m_p == m_end)
            bad();
        return *m_p;
    }
    void expect(char c)
    {
        if (peek() != c)
            bad();
        ++m_p;
    }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }

    // {"key": value, …}: `onKey(key)` reads (or skips) each value. Keys with escapes are not
    // expected in the feed.
    template<typename F> void object(F &&onKey)
    {
        expect('{');
        if (consume('}'))
            return;
        for (;;) {
            expect('"');
            const char *start = m_p;
            while (m_p != m_end && *m_p != '"') {
                if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                    bad();
                ++m_p;
            }
            if (m_p == m_end)
                bad();
            const QByteArrayView key(start, m_p - start);
            ++m_p;
            expect(':');
            onKey(key);
            if (consume(','))
                continue;
            expect('}');
            return;
        }
    }
    template<typename F> void array(F &&onItem)
    {
        expect('[');
        if (consume(']'))
            return;
        for (;;) {
            onItem();
            if (consume(','))
                continue;
            expect(']');
            return;
        }
    }

    bool null()
    {
        if (peek() != 'n')
            return false;
        literal("null");
        return true;
    }
    QString string()
    {
        const Scanned v = scan();
        if (v.escapedFrom)
            return escaped(v.escapedFrom);
        return v.ascii ? QString::fromLatin1(v.bytes) : utf8(v.bytes);
    }
    // The same string, shared with every earlier occurrence of the same bytes in this page (ids of
    // agents, groups and tickets, event fields and status values repeat thousands of times a
    // page): one allocation per distinct value instead of one per occurrence.
    QString internedString()
    {
        const Scanned v = scan();
        if (v.escapedFrom)
            return escaped(v.escapedFrom);
        if (v.bytes.size() > kMaxInterned)
            return v.ascii ? QString::fromLatin1(v.bytes) : utf8(v.bytes);
        const std::string_view key(v.bytes.data(), static_cast<size_t>(v.bytes.size()));
        const auto it = m_interned.find(key);
        if (it != m_interned.end())
            return it->second;
        QString s = v.ascii ? QString::fromLatin1(v.bytes) : utf8(v.bytes);
        m_interned.emplace(key, s);
        return s;
    }
    QString nullableInternedString() { return null() ? QString() : internedString(); }
    // A short string for `use` (an enum name, an instant) without a QString: plain ASCII is widened
    // into a buffer on the stack; anything else is decoded as string() would.
    template<typename F> auto withStringView(F &&use)
    {
        const Scanned v = scan();
        if (v.escapedFrom || !v.ascii || v.bytes.size() > kMaxView) {
            const QString s = v.escapedFrom ? escaped(v.escapedFrom)
                : v.ascii                   ? QString::fromLatin1(v.bytes)
                                            : utf8(v.bytes);
            return use(QStringView(s));
        }
        char16_t buf[kMaxView];
        for (qsizetype i = 0; i < v.bytes.size(); ++i)
            buf[i] = static_cast<unsigned char>(v.bytes[i]);
        return use(QStringView(buf, v.bytes.size()));
    }
    // As withStringView, for a reader of plain ASCII bytes (`bytes`) with a QStringView one for the rest.
    template<typename B, typename S> auto withBytes(B &&bytes, S &&text)
    {
        const Scanned v = scan();
        if (!v.escapedFrom && v.ascii)
            return bytes(v.bytes);
        const QString s = v.escapedFrom ? escaped(v.escapedFrom) : utf8(v.bytes);
        return text(QStringView(s));
    }
    QString nullableString() { return null() ? QString() : string(); }
    double number()
    {
        ws();
        const char *start = m_p;
        while (m_p != m_end
            && ((*m_p >= '0' && *m_p <= '9') || *m_p == '-' || *m_p == '+' || *m_p == '.' || *m_p == 'e'
                || *m_p == 'E'))
            ++m_p;
        double v = 0;
        if (start == m_p || *start == '+')
            bad();
        const auto [end, ec] = std::from_chars(start, m_p, v);
        if (ec != std::errc() || end != m_p)
            bad();
        return v;
    }
    qint64 integer() { return static_cast<qint64>(number()); }
    bool boolean()
    {
        if (peek() == 't') {
            literal("true");
            return true;
        }
        literal("false");
        return false;
    }
    // Skips any value and returns its text.
    QByteArrayView skip(int depth = 0)
    {
        if (depth > kMaxDepth)
            bad();
        const char c = peek();
        const char *start = m_p;
        switch (c) {
        case '"':
            if (const Scanned v = scan(); v.escapedFrom)
                escaped(v.escapedFrom); // checks the escapes
            else if (!v.ascii)
                utf8(v.bytes); // checks the UTF-8 (QJsonDocument refuses a page with bad UTF-8)
            break;
        case '{':
            object([&](QByteArrayView) { skip(depth + 1); });
            break;
        case '[':
            array([&] { skip(depth + 1); });
            break;
        case 't':
        case 'f':
            boolean();
            break;
        case 'n':
            literal("null");
            break;
        default:
            number();
        }
        return QByteArrayView(start, m_p - start);
    }

private:
    static constexpr qsizetype kMaxInterned = 40; // UUIDs, enum names; longer text is rarely repeated
    static constexpr qsizetype kMaxView = 40;
    // A string's bytes between its quotes (consumed), or where it turned out to have escapes (the
    // rest is for escaped(), from the string's first byte).
    struct Scanned {
        QByteArrayView bytes;
        bool ascii = true;
        const char *escapedFrom = nullptr;
    };
    Scanned scan()
    {
        expect('"');
        const char *start = m_p;
        bool ascii = true;
        for (;;) {
            m_p = ascii ? nextSpecial<true>(m_p, m_end) : nextSpecial<false>(m_p, m_end);
            if (m_p == m_end)
                bad();
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                const qsizetype n = m_p - start;
                ++m_p;
                return {QByteArrayView(start, n), ascii, nullptr};
            }
            if (c == '\\')
                return {{}, false, start};
            if (c < 0x20)
                bad();
            ascii = false; // c >= 0x80
            ++m_p;
        }
    }
    // The first byte from `p` that ends or interrupts a string's plain run: '"', '\\', a control
    // character, and (while `highBit`) a byte >= 0x80. Eight bytes at a time: a word's bytes are
    // tested together (the lowest flagged byte is exact: a borrow only runs upwards from a match).
    template<bool highBit> static const char *nextSpecial(const char *p, const char *end)
    {
        constexpr quint64 ones = 0x0101010101010101ULL;
        constexpr quint64 high = 0x8080808080808080ULL;
        while (end - p >= 8) {
            const quint64 v = qFromLittleEndian<quint64>(p);
            const quint64 quote = v ^ (ones * '"');
            const quint64 slash = v ^ (ones * '\\');
            quint64 hit = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((v - ones * 0x20) & ~v);
            if constexpr (highBit)
                hit |= v;
            hit &= high;
            if (hit)
                return p + (qCountTrailingZeroBits(hit) >> 3); // the lowest byte is the first
            p += 8;
        }
        while (p != end) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\' || c < 0x20 || (highBit && c >= 0x80))
                return p;
            ++p;
        }
        return p;
    }
    void ws()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    void literal(const char *text)
    {
        for (const char *t = text; *t; ++t, ++m_p) {
            if (m_p == m_end || *m_p != *t)
                bad();
        }
    }
    QString utf8(QByteArrayView bytes)
    {
        QString s = m_decoder.decode(bytes);
        if (m_decoder.hasError())
            bad(); // QJsonDocument refuses invalid UTF-8: let it say so
        return s;
    }
    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        bad();
    }
    char32_t unit()
    {
        if (m_end - m_p < 4)
            bad();
        char32_t u = 0;
        for (int i = 0; i < 4; ++i)
            u = (u << 4) | static_cast<char32_t>(hex(*m_p++));
        return u;
    }
    // The rest of a string that has escapes, from its first byte `start`.
    QString escaped(const char *start)
    {
        QByteArray out(start, m_p - start);
        while (m_p != m_end) {
            const auto c = static_cast<unsigned char>(*m_p++);
            if (c == '"')
                return utf8(out);
            if (c < 0x20)
                bad();
            if (c != '\\') {
                out.append(static_cast<char>(c));
                continue;
            }
            if (m_p == m_end)
                bad();
            switch (*m_p++) {
            case '"':
                out.append('"');
                break;
            case '\\':
                out.append('\\');
                break;
            case '/':
                out.append('/');
                break;
            case 'b':
                out.append('\b');
                break;
            case 'f':
                out.append('\f');
                break;
            case 'n':
                out.append('\n');
                break;
            case 'r':
                out.append('\r');
                break;
            case 't':
                out.append('\t');
                break;
            case 'u': {
                char32_t u = unit();
                if (u >= 0xD800 && u <= 0xDBFF) {
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        bad(); // a lone surrogate: the strict path decides
                    m_p += 2;
                    const char32_t low = unit();
                    if (low < 0xDC00 || low > 0xDFFF)
                        bad();
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    bad();
                }
                out.append(QString::fromUcs4(&u, 1).toUtf8());
                break;
            }
            default:
                bad();
            }
        }
        bad();
    }

    const char *m_p;
    const char *m_end;
    QStringDecoder m_decoder {
        QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom};
    std::unordered_map<std::string_view, QString> m_interned; // keys point into the page's bytes
};

template<typename E> E enumOf(Reader &r, std::optional<E> (*parse)(QStringView))
{
    const auto e = r.withStringView(parse);
    if (!e)
        bad();
    return *e;
}

qint64 instant(Reader &r)
{
    const auto ms = r.withBytes([](QByteArrayView b) { return parseWireInstant(QLatin1StringView(b)); },
        [](QStringView s) { return parseWireInstant(s); });
    if (!ms)
        bad();
    return *ms;
}

// The compact JSON text TicketEvent::fromJson stores for a `created` entry's `initial` object.
QString initialValues(QByteArrayView raw)
{
    // The server stores it as QJsonDocument's compact text and sends it as stored: then it is
    // already what fromJson would make of it. Anything else (escapes, blanks) is rewritten.
    bool plain = raw.startsWith('{');
    for (const char c : raw) {
        if (c == '\\' || static_cast<unsigned char>(c) <= 0x20) {
            plain = false;
            break;
        }
    }
    if (plain)
        return QString::fromUtf8(raw);
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toByteArray(), &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        bad();
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QList<TicketEvent> readHistory(Reader &r)
{
    QList<TicketEvent> log;
    r.array([&] {
        TicketEvent e;
        bool hasAt = false;
        QByteArrayView initial;
        r.object([&](QByteArrayView key) {
            if (is(key, "at")) {
                e.at = instant(r);
                hasAt = true;
            } else if (is(key, "field")) {
                e.field = r.internedString();
            } else if (is(key, "by")) {
                e.userId = r.nullableInternedString();
            } else if (is(key, "from")) {
                e.oldValue = r.nullableInternedString();
            } else if (is(key, "to")) {
                e.newValue = r.nullableInternedString();
            } else if (is(key, "initial")) {
                if (r.peek() != '{')
                    bad();
                initial = r.skip();
            } else {
                r.skip();
            }
        });
        if (!hasAt || e.field.isEmpty())
            bad();
        if (e.field == TicketEvent::kCreated) {
            if (initial.isNull())
                bad();
            e.newValue = initialValues(initial);
        }
        log << std::move(e);
    });
    return log;
}

// Ticket data as decodeFeedTicket reads it; anything it would hand to Ticket::fromJson is Bad.
Ticket readTicket(Reader &r, std::optional<QList<TicketEvent>> *history, QByteArray *historyJson)
{
    Ticket t;
    bool hasUpdated = false;
    r.object([&](QByteArrayView key) {
        switch (key.isEmpty() ? '\0' : key.at(0)) {
        case 'a':
            if (is(key, "assignee_id"))
                return void(t.assigneeId = r.nullableInternedString());
            break;
        case 'c':
            if (is(key, "channel"))
                return void(t.channel = enumOf(r, &channelFromWire));
            if (is(key, "created_at"))
                return void(t.createdAt = instant(r));
            if (is(key, "csat_rating")) {
                t.csatRating = r.null() ? std::nullopt : std::optional<int>(static_cast<int>(r.integer()));
                return;
            }
            if (is(key, "csat_comment"))
                return void(t.csatComment = r.nullableString());
            break;
        case 'd':
            if (is(key, "description"))
                return void(t.description = r.nullableString());
            break;
        case 'g':
            if (is(key, "group_id"))
                return void(t.groupId = r.nullableInternedString());
            break;
        case 'h':
            if (is(key, "history")) {
                // Read for the SLA snapshot, kept as sent for the cache (one row per log).
                const char *start = r.position();
                *history = readHistory(r);
                *historyJson = QByteArray(start, r.position() - start);
                return;
            }
            break;
        case 'i':
            if (is(key, "id"))
                return void(t.id = r.internedString()); // the change's `id` too
            if (is(key, "impact"))
                return void(t.impact = enumOf(r, &levelFromWire));
            break;
        case 'l':
            if (is(key, "links")) {
                if (r.null())
                    return;
                r.array([&] {
                    std::optional<LinkKind> kind;
                    QString ticket;
                    bool hasTicket = false;
                    r.object([&](QByteArrayView k) {
                        if (is(k, "kind"))
                            kind = enumOf(r, &linkKindFromWire);
                        else if (is(k, "ticket_id"))
                            ticket = r.string(), hasTicket = true;
                        else
                            r.skip();
                    });
                    if (!kind || !hasTicket)
                        bad();
                    t.links << TicketLink {*kind, ticket};
                });
                return;
            }
            break;
        case 'n':
            if (is(key, "number")) {
                t.number = r.null() ? std::nullopt : std::optional<qint64>(r.integer());
                return;
            }
            break;
        case 'p':
            if (is(key, "priority"))
                return void(t.priority = enumOf(r, &priorityFromWire));
            break;
        case 'r':
            if (is(key, "requester_id"))
                return void(t.requesterId = r.nullableInternedString());
            if (is(key, "rank"))
                return void(t.rank = r.number());
            break;
        case 's':
            if (is(key, "status"))
                return void(t.status = enumOf(r, &ticketStatusFromWire));
            break;
        case 't':
            if (is(key, "title"))
                return void(t.title = r.string());
            if (is(key, "type"))
                return void(t.type = enumOf(r, &ticketTypeFromWire));
            if (is(key, "tags")) {
                if (r.null())
                    return;
                r.array([&] { t.tags << normaliseTag(r.string()); });
                return;
            }
            break;
        case 'u':
            if (is(key, "updated_at")) {
                t.updatedAt = instant(r);
                hasUpdated = true;
                return;
            }
            if (is(key, "urgency"))
                return void(t.urgency = enumOf(r, &levelFromWire));
            break;
        case 'v':
            if (is(key, "version"))
                return void(t.version = r.integer());
            break;
        default:
            break;
        }
        r.skip(); // a field this client does not know
    });
    if (t.id.isEmpty() || t.title.trimmed().isEmpty())
        bad();
    if (!hasUpdated)
        t.updatedAt = t.createdAt;
    return t;
}

Comment readComment(Reader &r)
{
    Comment c;
    r.object([&](QByteArrayView key) {
        if (is(key, "id"))
            c.id = r.internedString(); // the change's `id` too
        else if (is(key, "ticket_id"))
            c.ticketId = r.internedString();
        else if (is(key, "author_id"))
            c.authorId = r.nullableInternedString();
        else if (is(key, "public"))
            c.isPublic = r.boolean();
        else if (is(key, "body"))
            c.body = r.string();
        else if (is(key, "created_at"))
            c.createdAt = instant(r);
        else
            r.skip();
    });
    if (c.id.isEmpty() || c.ticketId.isEmpty() || c.body.isEmpty())
        bad();
    return c;
}

QJsonObject entityData(QByteArrayView raw)
{
    if (raw == "null")
        return {};
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toByteArray(), &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        bad();
    return doc.object();
}

// One element of `changes`, as decodeFeedPage treats it.
void readChange(Reader &r, const PendingByTicket &pending, ServerChanges &changes)
{
    QString entity;
    QString op;
    QString id;
    bool seenData = false;
    QByteArrayView rawData; // when `data` came before `entity` and `op`
    std::optional<Ticket> ticket;
    std::optional<QList<TicketEvent>> history;
    QByteArray historyJson;
    std::optional<Comment> comment;
    auto readData = [&](Reader &from) {
        seenData = true;
        if (op == u"upsert" && entity == u"ticket")
            ticket = readTicket(from, &history, &historyJson);
        else if (op == u"upsert" && entity == u"comment")
            comment = readComment(from);
        else
            rawData = from.skip();
    };
    bool decided = false; // entity and op known when `data` came
    r.object([&](QByteArrayView key) {
        if (is(key, "entity")) {
            entity = r.internedString();
        } else if (is(key, "op")) {
            op = r.internedString();
        } else if (is(key, "id")) {
            id = r.nullableInternedString();
        } else if (is(key, "data")) {
            if (seenData)
                bad(); // a duplicate key: QJsonObject keeps the last one
            decided = !entity.isNull() && !op.isNull();
            if (decided)
                readData(r);
            else
                rawData = r.skip(), seenData = true;
        } else {
            r.skip();
        }
    });
    if (seenData && !decided && (entity == u"ticket" || entity == u"comment") && op == u"upsert") {
        Reader again(rawData);
        readData(again);
    }
    const bool upsert = op == u"upsert";
    if (entity == u"ticket") {
        if (upsert) {
            if (!ticket)
                bad(); // no data: the strict parser says why
            if (history) {
                changes.history.insert(ticket->id, *history);
                changes.historyJson.insert(ticket->id, historyJson);
            }
            changes.tickets << rebase(std::move(*ticket), pending.value(id));
        } else if (!pending.contains(id)) {
            changes.removedTickets << id;
        } else {
            bad(); // removed while edits are pending: decodeFeedPage logs it
        }
    } else if (entity == u"comment") {
        if (upsert) {
            if (!comment)
                bad();
            changes.comments << *comment;
        } else {
            changes.removedComments << id;
        }
    } else if (!entity.isEmpty()) {
        if (upsert)
            changes.entities << qMakePair(entity, seenData ? entityData(rawData) : QJsonObject());
        else
            changes.removedEntities << qMakePair(entity, id);
    }
}

} // namespace

bool readFeedPage(QByteArrayView body, const PendingByTicket &pending, const QString &cursorKey,
    ServerChanges *out, FeedEnvelope *envelope)
{
    try {
        Reader r(body);
        ServerChanges changes;
        FeedEnvelope env;
        bool seenChanges = false;
        r.object([&](QByteArrayView key) {
            if (is(key, "changes")) {
                if (seenChanges)
                    bad();
                seenChanges = true;
                r.array([&] { readChange(r, pending, changes); });
            } else if (is(key, "next_cursor")) {
                env.nextCursor = r.nullableString();
            } else if (is(key, "has_more")) {
                env.hasMore = r.boolean();
            } else if (is(key, "last_processed_seq")) {
                env.lastProcessedSeq = r.null() ? 0 : static_cast<qint64>(r.number());
            } else if (is(key, "recent_results")) {
                const QByteArrayView raw = r.skip();
                if (raw != "null") {
                    QJsonParseError e;
                    const QJsonDocument doc = QJsonDocument::fromJson(raw.toByteArray(), &e);
                    if (e.error != QJsonParseError::NoError || !doc.isArray())
                        bad();
                    env.recentResults = doc.array();
                }
            } else {
                r.skip();
            }
        });
        if (!r.atEnd())
            bad();
        changes.meta.insert(cursorKey, env.nextCursor);
        *out = std::move(changes);
        *envelope = std::move(env);
        return true;
    } catch (const Bad &) {
        return false;
    }
}

} // namespace triage
