// Local cache benchmarks: bulk load, full-text search, loading a queue.
#include "Bench.h"
#include "demo/DemoGenerator.h"
#include "store/CacheDatabase.h"
#include "store/LocalCache.h"

#include <QElapsedTimer>
#include <QFile>

#include <cmath>

using namespace triage;
using namespace triage::bench;

namespace {

struct Loaded {
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<LocalCache> store;
    qint64 tickets = 0;
    qint64 comments = 0;
};

Loaded &loadedCache(const Options &opts)
{
    static Loaded cache;
    if (cache.db)
        return cache;
    const qint64 n = std::max<qint64>(1000, std::llround(100000 * opts.scale));
    const QString path = opts.workDir + u"/bench-store.db"_qs;
    QFile::remove(path);
    cache.db = CacheDatabase::open(path, nullptr, nullptr);
    cache.store = std::make_unique<LocalCache>(cache.db.get());
    atFinish([] {
        cache.store.reset();
        cache.db.reset();
    });
    DemoGenerator gen;
    gen.setCommentsPerTicket(10); // ~1M comments for 100k tickets

    // Generate first, so the timing is the store's alone.
    QList<QList<Ticket>> ticketPages;
    QList<QList<Comment>> commentPages;
    QList<Ticket> tp;
    QList<Comment> cp;
    gen.generate(n, [&](const Ticket &t, const QList<Comment> &c) {
        tp << t;
        cp << c;
        if (tp.size() == 1000) {
            ticketPages << tp;
            commentPages << cp;
            tp.clear();
            cp.clear();
        }
    });
    if (!tp.isEmpty()) {
        ticketPages << tp;
        commentPages << cp;
    }
    for (const auto &p : commentPages)
        cache.comments += p.size();
    cache.tickets = n;

    // Tickets alone (the queue is usable once these are in).
    QElapsedTimer timer;
    timer.start();
    cache.store->syncWriter().beginBulk();
    for (const auto &p : ticketPages)
        cache.store->syncWriter().bulkInsert(p, {});
    const double ticketSecs = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    report(u"store.bulk_insert_tickets"_qs, n, static_cast<double>(n) / ticketSecs, u"tickets/s"_qs, 100000,
        true);

    timer.restart();
    for (const auto &p : commentPages)
        cache.store->syncWriter().bulkInsert({}, p);
    const double commentSecs = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    report(u"store.bulk_insert_comments"_qs, cache.comments,
        static_cast<double>(cache.comments) / commentSecs, u"comments/s"_qs, 100000, true);

    timer.restart();
    cache.store->syncWriter().endBulk();
    const double endSecs = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    report(u"store.fts_and_index_rebuild"_qs, n + cache.comments, endSecs * 1000, u"ms"_qs, 30000);
    // The honest whole: tickets, comments, search index and secondary indexes, start to usable.
    report(u"store.bulk_load_total"_qs, n, static_cast<double>(n) / (ticketSecs + commentSecs + endSecs),
        u"tickets/s (with 10 comments each, indexed)"_qs, 10000, true);
    return cache;
}

void bulk(const Options &opts)
{
    loadedCache(opts);
}

void search(const Options &opts)
{
    Loaded &c = loadedCache(opts);
    struct Query {
        const char16_t *name;
        const char16_t *text;
    };
    const Query queries[] = {
        {u"rare_ru", u"поставщиком"},
        {u"common_ru", u"проверьте"},
        {u"prefix3_ru", u"тор"},
        {u"phrase_ru", u"\"заменили картридж\""},
        {u"rare_en", u"deploy"},
        {u"common_en", u"thanks"},
        {u"prefix2_en", u"sc"},
        {u"phrase_en", u"\"still the same error\""},
        {u"two_words", u"vpn офис"},
        {u"typing", u"прин"},
    };
    std::vector<double> all;
    for (const auto &q : queries) {
        std::vector<double> times;
        for (int i = 0; i < 15; ++i) {
            QElapsedTimer t;
            t.start();
            const auto hits = c.store->searchIndex().search(QString::fromUtf16(q.text), 200);
            times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            Q_UNUSED(hits);
        }
        report(u"store.search."_qs + QString::fromUtf16(q.name) + u".p95"_qs, c.comments,
            percentile(times, 95), u"ms"_qs, 50);
        all.insert(all.end(), times.begin(), times.end());
    }
    report(u"store.search.all.p50"_qs, c.comments, percentile(all, 50), u"ms"_qs, 50);
    report(u"store.search.all.p95"_qs, c.comments, percentile(all, 95), u"ms"_qs, 50);
}

void loadQueue(const Options &opts)
{
    Loaded &c = loadedCache(opts);
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        qint64 count = 0;
        c.store->tickets().forEachTicket([&](Ticket &&) { ++count; });
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    report(u"store.load_all_tickets.median"_qs, c.tickets, median(times), u"ms"_qs, 300);
}

} // namespace

TRIAGE_BENCH("store.1_bulk", bulk);
TRIAGE_BENCH("store.2_search", search);
TRIAGE_BENCH("store.3_load_queue", loadQueue);
