#include "DemoGenerator.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <array>
#include <optional>

namespace triage {

namespace {

// splitmix64: tiny, fast and good enough to make varied but reproducible demo data.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(mix(seed))
    { }
    quint64 next() { return m_state = mix(m_state); }
    int below(int n) { return static_cast<int>(next() % static_cast<quint64>(n)); }
    bool chance(int percent) { return below(100) < percent; }

private:
    quint64 m_state;
};

struct Template {
    const char16_t *group; // group key
    TicketType type;
    Level impact;
    Level urgency;
    const char16_t *title;
    const char16_t *description;
    const char16_t *tags;
};

constexpr std::array kTemplates {
    Template {u"it", TicketType::Incident, Level::Medium, Level::High, u"Не получается зайти в CRM",
        u"С утра CRM пишет «неверный пароль», хотя пароль не менялся. Сброс не помог.", u"crm,login"},
    Template {u"it", TicketType::Incident, Level::Low, Level::Medium, u"Printer won't print",
        u"The printer on the 3rd floor shows 'ready' but nothing comes out. Tried two laptops.", u"printer"},
    Template {u"it", TicketType::Incident, Level::Medium, Level::Medium, u"Тормозит 1С",
        u"1С:Бухгалтерия открывает документы по минуте. У коллег то же самое.", u"1c,performance"},
    Template {u"it", TicketType::Incident, Level::High, Level::High,
        u"dev server 502, blocks the team's work",
        u"The dev server returns 502 Bad Gateway since 10:40. The whole team is blocked.", u"dev,outage"},
    Template {u"it", TicketType::Request, Level::Low, Level::Low, u"Нужен доступ к общей папке «Договоры»",
        u"Прошу выдать доступ на чтение к папке \\\\fs01\\Договоры для нового сотрудника.", u"access"},
    Template {u"it", TicketType::Incident, Level::High, Level::Medium, u"VPN не работает у всех в офисе",
        u"Никто в московском офисе не может подключиться к VPN, ошибка 809.", u"vpn,network"},
    Template {u"it", TicketType::Question, Level::Low, Level::Low, u"How do I set up email on my phone?",
        u"I got a new Android phone and want corporate mail on it. Is there a guide?", u"email,mobile"},
    Template {u"it", TicketType::Incident, Level::Medium, Level::High,
        u"Laptop very slow when rendering video",
        u"My 2018 laptop with 8 GB RAM freezes when I render 4K video for the client demo.", u"hardware"},
    Template {u"it", TicketType::Request, Level::Low, Level::Medium, u"Установить Figma на рабочий компьютер",
        u"Для работы с макетами нужна Figma Desktop. Права администратора у меня нет.", u"software"},
    Template {u"hr", TicketType::Request, Level::Low, Level::Medium, u"Справка 2-НДФЛ за прошлый год",
        u"Нужна справка о доходах для банка, до пятницы, если можно.", u"documents"},
    Template {u"hr", TicketType::Request, Level::Medium, Level::Medium,
        u"New hire starts Monday: accounts and desk",
        u"Olga Petrova joins the sales team on Monday. Please prepare accounts, laptop and a desk.",
        u"onboarding"},
    Template {u"hr", TicketType::Question, Level::Low, Level::Low, u"Сколько дней отпуска у меня осталось?",
        u"Хочу спланировать отпуск на август, подскажите остаток дней.", u"vacation"},
    Template {u"acc", TicketType::Request, Level::Low, Level::Medium, u"Возмещение командировочных расходов",
        u"Прикладываю чеки за командировку в Казань, прошу возместить.", u"expenses"},
    Template {u"acc", TicketType::Incident, Level::Medium, Level::High, u"Invoice export to the bank fails",
        u"Payment export ends with 'file format error' since this morning; payroll is due tomorrow.",
        u"bank,payroll"},
    Template {u"fac", TicketType::Incident, Level::Low, Level::Medium,
        u"Кондиционер в переговорной не работает", u"В переговорной «Байкал» +29, кондиционер не включается.",
        u"office"},
    Template {u"fac", TicketType::Request, Level::Low, Level::Low, u"Need a second monitor at desk 4.12",
        u"Could I get a second monitor? Working with spreadsheets side by side.", u"equipment"},
};

// Where and how a request comes, so that the demo's titles differ without a number in them (a desk
// sees "Printer won't print" every week, but two open ones read apart): a place for each of the
// first 20 tickets, then a place and a detail (all distinct for the first 20 × 25 tickets).
constexpr std::array kPlacesRu {u"3 этаж", u"офис на Тверской", u"филиал в Казани", u"склад", u"ресепшен",
    u"бухгалтерия", u"отдел продаж", u"переговорная «Байкал»", u"2 этаж", u"удалённо", u"Новосибирск",
    u"колл-центр", u"юристы", u"маркетинг", u"приёмная", u"Санкт-Петербург", u"лаборатория", u"цех № 2",
    u"логистика", u"дизайнеры"};
constexpr std::array kDetailsRu {u"", u"срочно", u"повторно", u"с утра", u"после обновления", u"у новичка",
    u"с понедельника", u"у двоих", u"после переезда", u"вторую неделю", u"на ноутбуке", u"по VPN",
    u"вся команда", u"до пятницы", u"снова", u"с прошлой недели", u"для руководителя", u"из дома",
    u"после отпуска", u"весь отдел", u"через раз", u"после перезагрузки", u"третий раз", u"для стажёра",
    u"в новом здании"};
constexpr std::array kPlacesEn {u"3rd floor", u"Tverskaya office", u"Kazan branch", u"warehouse",
    u"reception", u"finance", u"sales team", u"meeting room Baikal", u"2nd floor", u"remote", u"Novosibirsk",
    u"call centre", u"legal", u"marketing", u"front desk", u"St Petersburg", u"lab", u"workshop 2",
    u"logistics", u"design team"};
constexpr std::array kDetailsEn {u"", u"urgent", u"again", u"since this morning", u"after the update",
    u"new hire", u"since Monday", u"two people", u"after the move", u"second week", u"on the laptop",
    u"over VPN", u"whole team", u"before Friday", u"once more", u"since last week", u"for the manager",
    u"from home", u"after the holidays", u"whole department", u"now and then", u"after a restart",
    u"third time", u"for the intern", u"new building"};
static_assert(kPlacesRu.size() == kPlacesEn.size() && kDetailsRu.size() == kDetailsEn.size());

constexpr std::array kAgentReplies {
    u"Здравствуйте! Взял в работу, посмотрю в течение часа.",
    u"Hi, I'm on it. Could you send a screenshot of the error?",
    u"Перезапустил службу, проверьте, пожалуйста, сейчас.",
    u"This should be fixed now. Please confirm it works for you.",
    u"Заказали деталь, ожидаем поставку до четверга.",
};
constexpr std::array kRequesterReplies {
    u"Спасибо, сейчас всё работает!",
    u"Still the same error, unfortunately.",
    u"Скриншот приложил. Ошибка появляется при входе.",
    u"Thanks, works now.",
};
constexpr std::array kNotes {
    u"Третий раз за месяц — похоже на проблему с билд-процессом, заведу задачу DevOps.",
    u"Checked the logs: the process hung after the nightly deploy.",
    u"Связался с поставщиком, ждём ответа.",
    u"Possibly related to the VPN incident last week.",
};

// A Telegram chat reads differently from mail: short messages back and forth, the requester's
// screenshot as a file named in the text (as the bot's intake writes it), no quoting.
struct ChatLine {
    enum Who { Agent, Requester, Note } who;
    const char16_t *text;
};
constexpr std::array kTelegramChat {
    ChatLine {ChatLine::Agent, u"Здравствуйте! Вижу заявку, уже смотрю."},
    ChatLine {ChatLine::Requester, u"Спасибо! Вот скрин ошибки\n[photo.jpg]"},
    ChatLine {ChatLine::Note, u"Upstream упал после ночного деплоя, перезапускаю сервис."},
    ChatLine {ChatLine::Agent, u"Перезапустили сервис. Проверьте, пожалуйста: сейчас открывается?"},
    ChatLine {ChatLine::Requester, u"Да, всё открывается. Спасибо, быстро!"},
    ChatLine {ChatLine::Agent, u"Отлично, тогда закрываю заявку. Если повторится — пишите сюда."},
};

struct Person {
    const char16_t *username;
    const char16_t *name;
    UserRole role;
    const char16_t *groups; // group keys, comma-separated
    const char16_t *locale;
};

constexpr std::array kStaff {
    Person {u"admin", u"Admin", UserRole::Admin, u"it,hr,acc,fac", u"en"},
    Person {u"lead", u"Мария Иванова", UserRole::Lead, u"it,hr,acc,fac", u"ru"},
    Person {u"agent1", u"Денис Орлов", UserRole::Agent, u"it", u"ru"},
    Person {u"agent2", u"Sam Carter", UserRole::Agent, u"it", u"en"},
    Person {u"agent3", u"Алексей Смирнов", UserRole::Agent, u"it,fac", u"ru"},
    Person {u"agent4", u"Ольга Кузнецова", UserRole::Agent, u"hr", u"ru"},
    Person {u"agent5", u"Priya Nair", UserRole::Agent, u"acc", u"en"},
};

constexpr std::array kRequesterNames {
    u"Алексей Попов",
    u"Екатерина Волкова",
    u"John Miller",
    u"Наталья Соколова",
    u"Emma Davis",
    u"Игорь Лебедев",
    u"Светлана Козлова",
    u"Michael Brown",
    u"Дмитрий Новиков",
    u"Sophie Martin",
    u"Анна Морозова",
    u"Pavel Petrov",
    u"Юлия Павлова",
    u"Lucas Schmidt",
    u"Сергей Фёдоров",
    u"Olivia Wilson",
};

struct GroupDef {
    const char16_t *key;
    const char16_t *name;
};
constexpr std::array kGroups {GroupDef {u"it", u"IT"}, GroupDef {u"hr", u"HR"},
    GroupDef {u"acc", u"Accounting"}, GroupDef {u"fac", u"Facilities"}};

QString str(const char16_t *s)
{
    return QString::fromUtf16(s);
}

} // namespace

QString DemoGenerator::stableId(const QString &kind, qint64 index)
{
    // UUIDv7 layout with a fixed 2025-01-01 timestamp plus the index, so ids sort by index within a
    // kind and never change between runs.
    const QByteArray h = QCryptographicHash::hash(
        QByteArray(kind.toUtf8() + QByteArray::number(index)), QCryptographicHash::Sha256);
    QByteArray b(16, Qt::Uninitialized);
    const quint64 ms = 1735689600000ULL + static_cast<quint64>(index);
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xFF);
    for (int i = 6; i < 16; ++i)
        b[i] = h[i];
    b[6] = static_cast<char>(0x70 | (b[6] & 0x0F));
    b[8] = static_cast<char>(0x80 | (b[8] & 0x3F));
    return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
}

const User *DemoOrganisation::userByName(const QString &username) const
{
    for (const auto &u : users) {
        if (u.username == username)
            return &u;
    }
    return nullptr;
}

DemoGenerator::DemoGenerator(quint64 seed, qint64 epochMs)
    : m_seed(seed)
    , m_epochMs(epochMs)
{
    QHash<QString, QString> groupIds;
    for (int i = 0; i < static_cast<int>(kGroups.size()); ++i) {
        Group g;
        g.id = stableId(u"group"_qs, i);
        g.name = str(kGroups[i].name);
        groupIds.insert(str(kGroups[i].key), g.id);
        m_org.groups << g;
    }
    for (int i = 0; i < static_cast<int>(kStaff.size()); ++i) {
        User u;
        u.id = stableId(u"user"_qs, i);
        u.username = str(kStaff[i].username);
        u.displayName = str(kStaff[i].name);
        u.email = u.username + u"@example.com"_qs;
        u.role = kStaff[i].role;
        for (const auto &key : str(kStaff[i].groups).split(u','))
            u.groupIds << groupIds.value(key);
        u.locale = str(kStaff[i].locale);
        m_org.users << u;
    }
    // Leads and on-duty agents: Maria leads every group; Denis is on duty for IT.
    for (auto &g : m_org.groups) {
        g.leadId = m_org.users.at(1).id;
        if (g.name == u"IT"_qs)
            g.onDutyId = m_org.users.at(2).id;
    }
    for (int i = 0; i < static_cast<int>(kRequesterNames.size()); ++i) {
        User u;
        u.id = stableId(u"requester"_qs, i);
        u.username = u"requester%1"_qs.arg(i + 1, 2, 10, QLatin1Char('0'));
        u.displayName = str(kRequesterNames[i]);
        u.email = u.username + u"@example.com"_qs;
        u.role = UserRole::Requester;
        u.locale = u.displayName.at(0).unicode() > 0x400 ? u"ru"_qs : u"en"_qs;
        m_org.users << u;
    }
    m_org.boards << Board::defaultBoard(stableId(u"board"_qs, 0), u"Support"_qs);
    Board it = Board::defaultBoard(stableId(u"board"_qs, 1), u"IT"_qs);
    it.groupId = groupIds.value(u"it"_qs);
    it.columns[1].wipLimit = 10;
    m_org.boards << it;

    auto view = [&](int i, const QString &name, TicketFilter f) {
        m_org.views << SavedView {stableId(u"view"_qs, i), name, QString(), f, i};
    };
    const QList<TicketStatus> open {TicketStatus::New, TicketStatus::InProgress, TicketStatus::Waiting};
    TicketFilter mine;
    mine.statuses = open;
    mine.assignee = TicketFilter::Assignee::Me;
    view(0, u"My open"_qs, mine);
    TicketFilter unassigned;
    unassigned.statuses = open;
    unassigned.assignee = TicketFilter::Assignee::Unassigned;
    view(1, u"Unassigned"_qs, unassigned);
    TicketFilter breaching;
    breaching.statuses = open;
    breaching.breachingWithinMinutes = 60;
    view(2, u"Breaching within 1 h"_qs, breaching);
    TicketFilter waiting;
    waiting.statuses = {TicketStatus::Waiting};
    view(3, u"Waiting"_qs, waiting);
    TicketFilter all;
    all.sortKey = TicketFilter::SortKey::Updated;
    all.descending = true;
    view(4, u"All"_qs, all);
}

void DemoGenerator::setTimeline(qint64 count, qint64 endMs, int spanDays, int freshHours)
{
    const qint64 span = static_cast<qint64>(spanDays) * 86400000;
    m_count = count;
    m_freshMs = static_cast<qint64>(std::max(0, freshHours)) * 3600000;
    // The morning's inflow: an eighth of the tickets, 12 to 40 (15 emails, 8 Telegram messages and
    // the phone in the seed's Monday), the rest spread over the days before it.
    m_freshCount = m_freshMs > 0 ? std::clamp<qint64>(count / 8, std::min<qint64>(count, 12), 40) : 0;
    const qint64 older = std::max<qint64>(1, count - m_freshCount);
    m_spacingMs = std::max<qint64>(1000, (span - m_freshMs) / older);
    m_epochMs = endMs - m_freshMs - m_spacingMs * older;
    m_endMs = endMs;
}

Ticket DemoGenerator::ticket(qint64 index) const
{
    Rng rng(m_seed ^ static_cast<quint64>(index) * 0x2545F4914F6CDD1DULL);
    const Template &tpl = kTemplates[static_cast<size_t>(rng.below(static_cast<int>(kTemplates.size())))];
    Ticket t;
    t.id = stableId(u"ticket"_qs, index);
    t.number = index + 1;
    t.title = str(tpl.title);
    t.description = str(tpl.description);
    t.type = tpl.type;
    t.impact = tpl.impact;
    t.urgency = tpl.urgency;
    const int score = static_cast<int>(tpl.impact) + static_cast<int>(tpl.urgency); // 0 = high/high
    t.priority = score == 0 ? Priority::Critical
        : score == 1        ? Priority::High
        : score <= 3        ? Priority::Normal
                            : Priority::Low;
    t.channel = static_cast<Channel>(rng.below(5));
    t.tags = str(tpl.tags).split(u',');

    int groupIndex = 0;
    for (int g = 0; g < static_cast<int>(kGroups.size()); ++g) {
        if (QStringView(kGroups[g].key) == QStringView(tpl.group))
            groupIndex = g;
    }
    t.groupId = m_org.groups.at(groupIndex).id;
    const qsizetype requesters = static_cast<qsizetype>(kRequesterNames.size());
    t.requesterId = m_org.users.at(kStaff.size() + rng.below(static_cast<int>(requesters))).id;

    const qint64 freshFirst = m_freshCount > 0 ? m_count - m_freshCount : -1;
    if (freshFirst >= 0 && index >= freshFirst) {
        const qint64 spacing = m_freshMs / std::max<qint64>(1, m_freshCount);
        t.createdAt = m_endMs - m_freshMs + (index - freshFirst) * spacing
            + rng.below(static_cast<int>(std::max<qint64>(1, spacing / 2)));
    } else {
        t.createdAt = m_epochMs + index * m_spacingMs
            + rng.below(static_cast<int>(std::max<qint64>(1, m_spacingMs / 2)));
    }
    // Older tickets are mostly done; the newest ones are the live backlog.
    const int r = rng.below(100);
    bool recent = index % 50 >= 40 || rng.chance(8);
    // With a real timeline the backlog is what a desk really has on a Monday morning: the fresh inflow
    // mostly new or taken, part of the last two days still worked on, a few of the last week, and
    // only waiting-on-the-requester tickets (their SLA paused) from before — not weeks of breaches.
    const qint64 ageMs = m_endMs > 0 ? m_endMs - t.createdAt : 0;
    const bool fresh = freshFirst >= 0 && index >= freshFirst;
    if (m_endMs > 0)
        recent = fresh
            || (ageMs < 48 * 3600000LL        ? rng.chance(45)
                    : ageMs < 168 * 3600000LL ? rng.chance(10)
                                              : rng.chance(1));
    if (!recent)
        t.status = r < 70 ? TicketStatus::Closed : TicketStatus::Resolved;
    else if (fresh)
        t.status = r < 60 ? TicketStatus::New
            : r < 88      ? TicketStatus::InProgress
            : r < 95      ? TicketStatus::Waiting
                          : TicketStatus::Resolved;
    else if (m_endMs > 0 && ageMs >= 168 * 3600000LL)
        t.status = TicketStatus::Waiting;
    else if (m_endMs > 0)
        t.status = r < 55 ? TicketStatus::InProgress
            : r < 85      ? TicketStatus::Waiting
                          : TicketStatus::Resolved;
    else
        t.status = r < 35 ? TicketStatus::New
            : r < 75      ? TicketStatus::InProgress
            : r < 90      ? TicketStatus::Waiting
                          : TicketStatus::Resolved;

    if (m_endMs > 0 && index != freshFirst + 1) {
        // The desk is working: an urgent request is taken within minutes, a normal one within a few
        // hours, and a ticket being worked on is done within its priority's usual resolution time
        // (the demo policies' targets), so the queue shows a few at risk, not days of breaches.
        // One fresh request is left untaken too long, so the wall has a breach to show.
        const qint64 keptNewMs = t.priority <= Priority::High ? 15 * 60000LL
            : t.priority == Priority::Normal                  ? 3 * 3600000LL
                                                              : 24 * 3600000LL;
        const qint64 workedMs = t.priority == Priority::Critical ? 2 * 3600000LL
            : t.priority == Priority::High                       ? 4 * 3600000LL
            : t.priority == Priority::Normal                     ? 16 * 3600000LL
                                                                 : 48 * 3600000LL;
        if (t.status == TicketStatus::New && ageMs > keptNewMs)
            t.status = TicketStatus::InProgress;
        if (t.status == TicketStatus::InProgress && ageMs > workedMs)
            t.status = TicketStatus::Resolved;
    }

    // The live queue reads apart without numbers; history keeps the bare subjects, so that the same
    // problem coming back (the reports' recurring issues) still has one subject.
    if (fresh || (t.status != TicketStatus::Closed && t.status != TicketStatus::Resolved)) {
        const bool russian = t.title.at(0).unicode() >= 0x400;
        const auto places = static_cast<qint64>(kPlacesRu.size());
        const auto details = static_cast<qint64>(kDetailsRu.size());
        const auto place = static_cast<size_t>(index % places);
        // Neighbours get different details; one place never repeats a detail within 25 rounds.
        const auto detail = static_cast<size_t>((index / places + 3 * (index % places)) % details);
        t.title += u" — "_qs + str(russian ? kPlacesRu[place] : kPlacesEn[place]);
        const QString more = str(russian ? kDetailsRu[detail] : kDetailsEn[detail]);
        if (!more.isEmpty())
            t.title += u", "_qs + more;
    }
    QStringList agents;
    for (const auto &u : m_org.users) {
        if (u.role == UserRole::Agent && u.groupIds.contains(t.groupId))
            agents << u.id;
    }
    if (t.status != TicketStatus::New && !agents.isEmpty())
        t.assigneeId = agents.at(rng.below(static_cast<int>(agents.size())));
    else if (!agents.isEmpty() && rng.chance(20))
        t.assigneeId = agents.at(rng.below(static_cast<int>(agents.size())));
    if (t.status == TicketStatus::Closed && rng.chance(60)) {
        t.csatRating = rng.chance(80) ? 4 + rng.below(2) : 1 + rng.below(3);
        if (rng.chance(30))
            t.csatComment
                = rng.chance(50) ? u"Быстро и вежливо, спасибо!"_qs : u"Took a while, but solved."_qs;
    }
    t.updatedAt = t.createdAt + (1 + rng.below(240)) * 60000LL;
    if (m_endMs > 0 && t.updatedAt >= m_endMs) // nothing happens in the future
        t.updatedAt = std::max(t.createdAt, t.createdAt + (m_endMs - t.createdAt) / 2);
    t.version = 1;
    t.rank = static_cast<double>(index);
    return t;
}

QList<Comment> DemoGenerator::comments(const Ticket &ticket, qint64 index) const
{
    Rng rng(m_seed ^ (static_cast<quint64>(index) + 0x51ED27ULL) * 0x9E3779B97F4A7C15ULL);
    // On a real timeline a ticket nobody has taken has no conversation yet, and a taken one starts
    // with the agent's public answer (the first response its SLA asks for).
    const bool timeline = m_endMs > 0;
    int n = ticket.status == TicketStatus::New && timeline ? 0 : rng.below(2 * m_commentsPerTicket + 1);
    if (timeline && ticket.status != TicketStatus::New)
        n = std::max(n, 1);
    QList<Comment> out;
    out.reserve(n);
    qint64 at = ticket.createdAt;
    std::optional<Comment> lastAgentReply;
    for (int i = 0; i < n; ++i) {
        Comment c;
        c.id = stableId(u"comment"_qs, index * 64 + i);
        c.ticketId = ticket.id;
        // The first answer within minutes of taking the ticket (its first-response SLA met), the rest
        // of the conversation spread over the following hours — never in the future.
        at += (timeline && i == 0 ? 2 + rng.below(8) : 1 + rng.below(90)) * 60000LL;
        if (timeline && i == 0 && at >= m_endMs)
            at = ticket.createdAt + (m_endMs - ticket.createdAt) / 2;
        else if (timeline && at >= m_endMs)
            break;
        c.createdAt = at;
        const int kind = timeline && i == 0 ? 0 : rng.below(10);
        if (ticket.channel == Channel::Telegram) {
            const ChatLine &line = kTelegramChat[static_cast<size_t>(i) % kTelegramChat.size()];
            const QString worker = ticket.assigneeId.isEmpty() ? m_org.users.at(2).id : ticket.assigneeId;
            c.authorId = line.who == ChatLine::Requester ? ticket.requesterId : worker;
            c.isPublic = line.who != ChatLine::Note;
            c.body = str(line.text);
        } else if (kind < 5) {
            c.authorId = ticket.assigneeId.isEmpty() ? m_org.users.at(2).id : ticket.assigneeId;
            c.body
                = str(kAgentReplies[static_cast<size_t>(rng.below(static_cast<int>(kAgentReplies.size())))]);
        } else if (kind < 8) {
            c.authorId = ticket.requesterId;
            c.body = str(kRequesterReplies[static_cast<size_t>(
                rng.below(static_cast<int>(kRequesterReplies.size())))]);
            // Mail replies carry the thread below them, as mail clients quote it (the console folds it).
            if (ticket.channel == Channel::Email && lastAgentReply)
                c.body += quotedMail(*lastAgentReply);
        } else {
            c.authorId = ticket.assigneeId.isEmpty() ? m_org.users.at(1).id : ticket.assigneeId;
            c.isPublic = false;
            c.body = str(kNotes[static_cast<size_t>(rng.below(static_cast<int>(kNotes.size())))]);
        }
        if (c.isPublic && c.authorId != ticket.requesterId)
            lastAgentReply = c;
        out << c;
    }
    // A ticket waits on its requester because the agent asked something last (its next-response
    // timer met), not on an unanswered message.
    if (timeline && ticket.status == TicketStatus::Waiting && !out.isEmpty()
        && out.last().authorId == ticket.requesterId) {
        Comment &ask = out.last();
        ask.authorId = ticket.assigneeId.isEmpty() ? m_org.users.at(2).id : ticket.assigneeId;
        ask.isPublic = true;
        ask.body = str(kAgentReplies[1]);
    }
    return out;
}

QString DemoGenerator::quotedMail(const Comment &reply) const
{
    QString name = u"Support"_qs;
    for (const User &u : m_org.users) {
        if (u.id == reply.authorId)
            name = u.displayName;
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(reply.createdAt, Qt::UTC);
    QString out = u"\n\nOn %1, %2 <support@triage.test> wrote:\n"_qs.arg(
        at.toString(u"ddd, d MMM yyyy 'at' HH:mm"_qs), name);
    for (const QString &line : reply.body.split(u'\n'))
        out += u"> "_qs + line + u'\n';
    return out + u">\n> --\n> Triage support\n"_qs;
}

void DemoGenerator::generate(
    qint64 count, const std::function<void(const Ticket &, const QList<Comment> &)> &sink) const
{
    for (qint64 i = 0; i < count; ++i) {
        const Ticket t = ticket(i);
        sink(t, comments(t, i));
    }
}

} // namespace triage

namespace triage {

QList<TicketEvent> DemoGenerator::history(const Ticket &t, const QList<Comment> &comments) const
{
    // A plausible life that ends in the ticket's current values: created new and unassigned,
    // taken within minutes, worked, then waiting / resolved / closed at its last update.
    QList<TicketEvent> out;
    const QJsonObject initial {{u"status"_qs, toWire(TicketStatus::New)},
        {u"priority"_qs, toWire(t.priority)}, {u"group_id"_qs, t.groupId}, {u"assignee_id"_qs, QString()}};
    out << TicketEvent {t.createdAt, t.requesterId, TicketEvent::kCreated.toString(), QString(),
        QString::fromUtf8(QJsonDocument(initial).toJson(QJsonDocument::Compact))};
    // Distinct instants, so every store replays them in one order.
    const qint64 takenAt = t.createdAt + std::min<qint64>(5 * 60000, (t.updatedAt - t.createdAt) / 2);
    const auto add
        = [&out](qint64 at, const QString &by, QStringView field, const QString &from, const QString &to) {
              out << TicketEvent {at, by, field.toString(), from, to};
          };
    if (!t.assigneeId.isEmpty())
        add(takenAt, t.assigneeId, TicketEvent::kAssignee, QString(), t.assigneeId);
    const QString worker = t.assigneeId.isEmpty() ? m_org.users.at(2).id : t.assigneeId;
    QString status = toWire(TicketStatus::New);
    const auto moveTo = [&](qint64 at, TicketStatus to) {
        add(at, worker, TicketEvent::kStatus, status, toWire(to));
        status = toWire(to);
    };
    switch (t.status) {
    case TicketStatus::New:
        break;
    case TicketStatus::InProgress:
        moveTo(takenAt, TicketStatus::InProgress);
        break;
    case TicketStatus::Waiting:
    case TicketStatus::Resolved:
        moveTo(takenAt, TicketStatus::InProgress);
        moveTo(t.updatedAt, t.status);
        break;
    case TicketStatus::Closed:
        moveTo(takenAt, TicketStatus::InProgress);
        moveTo(t.updatedAt - 1000, TicketStatus::Resolved);
        moveTo(t.updatedAt, TicketStatus::Closed);
        break;
    }
    for (const Comment &c : comments) {
        add(c.createdAt, c.authorId, c.isPublic ? TicketEvent::kReply : TicketEvent::kNote, QString(),
            c.authorId == t.requesterId ? u"requester"_qs : u"agent"_qs);
    }
    if (t.csatRating)
        add(t.updatedAt, t.requesterId, TicketEvent::kRating, QString(), QString::number(*t.csatRating));
    std::stable_sort(
        out.begin(), out.end(), [](const TicketEvent &a, const TicketEvent &b) { return a.at < b.at; });
    return out;
}

} // namespace triage
