// Runs LLVMFuzzerTestOneInput without libFuzzer (compilers without -fsanitize=fuzzer, e.g. GCC):
// seeds, then random byte-level and JSON-structure-level mutations of them for a bounded time.
// Usage: triaged-fuzz [--seconds N] [--runs N] [FILE...]
#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringList>

#include <cstdint>
#include <cstdio>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

const char *const kSeeds[] = {
    R"({"client_id":"01941f29-0000-7000-8000-000000000001","mutations":[{"id":"01941f29-0000-7000-8000-000000000011","client_seq":1,"type":"ticket.update","ticket_id":"01941f29-0000-7000-8000-0000000000aa","base_version":1,"changes":[{"field":"status","from":"new","to":"in_progress"}],"tags_add":["vpn"],"tags_remove":[]}]})",
    R"({"client_id":"01941f29-0000-7000-8000-000000000001","mutations":[{"id":"01941f29-0000-7000-8000-000000000012","client_seq":2,"type":"ticket.create","ticket":{"id":"01941f29-0000-7000-8000-0000000000ab","title":"Printer","group_id":null,"tags":["a"],"links":[{"kind":"relates_to","ticket_id":"01941f29-0000-7000-8000-0000000000aa"}],"csat_rating":5,"rank":1.5}}]})",
    R"({"client_id":"01941f29-0000-7000-8000-000000000001","mutations":[{"id":"01941f29-0000-7000-8000-000000000013","client_seq":3,"type":"comment.create","base_version":2,"confirm":true,"comment":{"id":"01941f29-0000-7000-8000-0000000000ac","ticket_id":"01941f29-0000-7000-8000-0000000000aa","body":"hi","public":false}}]})",
    R"({"client_id":"01941f29-0000-7000-8000-000000000001","mutations":[{"id":"01941f29-0000-7000-8000-000000000014","client_seq":4,"type":"ticket.move","ticket_id":"01941f29-0000-7000-8000-0000000000aa","status":"waiting","after":null,"before":"01941f29-0000-7000-8000-0000000000ab"},{"id":"01941f29-0000-7000-8000-000000000015","client_seq":5,"type":"ticket.delete","ticket_id":"01941f29-0000-7000-8000-0000000000aa"}]})",
    R"({"title":"' OR 1=1 --","description":"\u0000","tags":[1,2],"priority":"urgent","is_admin":true})",
    "/api/v1/tickets/../../etc/passwd",
    "\xff\xfe\xc0\xaf{\"a\":",
};

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 2 ? 6 : 8)) {
    case 0:
        return QJsonValue();
    case 1:
        return rng.bounded(2) == 1;
    case 2:
        return static_cast<double>(static_cast<qint64>(rng.generate64())) / (rng.bounded(3) + 1);
    case 3:
        return QString::number(rng.generate(), 36);
    case 4:
        return QStringLiteral("01941f29-0000-7000-8000-0000000000aa");
    case 5:
        return QString(rng.bounded(600), QChar(u'a' + rng.bounded(26)));
    case 6: {
        QJsonArray a;
        for (int i = rng.bounded(4); i > 0; --i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        for (int i = rng.bounded(4); i > 0; --i)
            o.insert(QString::number(rng.bounded(10)), randomValue(rng, depth + 1));
        return o;
    }
    }
}

// Replaces one value anywhere in the document with a random one of a random type.
QJsonValue mutateJson(const QJsonValue &v, QRandomGenerator &rng, int depth)
{
    if (rng.bounded(6) == 0 || (!v.isObject() && !v.isArray()))
        return rng.bounded(3) == 0 ? v : randomValue(rng, depth);
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        const QStringList keys = o.keys();
        if (keys.isEmpty() || rng.bounded(8) == 0) {
            o.insert(QStringLiteral("extra"), randomValue(rng, depth));
        } else {
            const QString k = keys.at(rng.bounded(static_cast<int>(keys.size())));
            if (rng.bounded(8) == 0)
                o.remove(k);
            else
                o.insert(k, mutateJson(o.value(k), rng, depth + 1));
        }
        return o;
    }
    QJsonArray a = v.toArray();
    if (a.isEmpty())
        a.append(randomValue(rng, depth));
    else {
        const int i = rng.bounded(static_cast<int>(a.size()));
        a.replace(i, mutateJson(a.at(i), rng, depth + 1));
        if (rng.bounded(10) == 0)
            a.append(a.at(i));
    }
    return a;
}

QByteArray mutateBytes(QByteArray b, QRandomGenerator &rng)
{
    const int edits = 1 + rng.bounded(4);
    for (int e = 0; e < edits; ++e) {
        const int pos = b.isEmpty() ? 0 : rng.bounded(static_cast<int>(b.size()));
        switch (rng.bounded(4)) {
        case 0:
            if (!b.isEmpty())
                b[pos] = static_cast<char>(rng.bounded(256));
            break;
        case 1:
            b.insert(pos, static_cast<char>(rng.bounded(256)));
            break;
        case 2:
            b.remove(pos, rng.bounded(8));
            break;
        default:
            b.insert(pos, b.mid(rng.bounded(static_cast<int>(b.size()) + 1), 16));
            break;
        }
    }
    return b;
}

void run(const QByteArray &input)
{
    LLVMFuzzerTestOneInput(
        reinterpret_cast<const uint8_t *>(input.constData()), static_cast<size_t>(input.size()));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 10;
    qint64 maxRuns = -1;
    std::vector<QByteArray> corpus;
    for (const char *s : kSeeds)
        corpus.emplace_back(s);
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--seconds") && i + 1 < args.size())
            seconds = args[++i].toInt();
        else if (args[i] == QStringLiteral("--runs") && i + 1 < args.size())
            maxRuns = args[++i].toLongLong();
        else {
            // A file, or a directory of seed files (libFuzzer's corpus layout, tests/data/fuzz).
            const QFileInfo info(args[i]);
            const QStringList files = info.isDir()
                ? QStringList(QDir(args[i]).entryList(QDir::Files, QDir::Name))
                : QStringList {info.fileName()};
            for (const QString &name : files) {
                QFile f(info.isDir() ? QDir(args[i]).filePath(name) : args[i]);
                if (f.open(QIODevice::ReadOnly))
                    corpus.push_back(f.readAll());
            }
        }
    }
    QRandomGenerator rng(20261127);
    QElapsedTimer t;
    t.start();
    qint64 runs = 0;
    for (const QByteArray &seed : corpus) {
        run(seed);
        ++runs;
    }
    while (t.elapsed() < seconds * 1000LL && (maxRuns < 0 || runs < maxRuns)) {
        const QByteArray &seed = corpus[rng.bounded(static_cast<int>(corpus.size()))];
        QByteArray input;
        if (rng.bounded(2) == 0) {
            const QJsonDocument doc = QJsonDocument::fromJson(seed);
            const QJsonValue mutated
                = mutateJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), rng, 0);
            input = mutated.isObject() ? QJsonDocument(mutated.toObject()).toJson(QJsonDocument::Compact)
                                       : QJsonDocument(mutated.toArray()).toJson(QJsonDocument::Compact);
        } else {
            input = mutateBytes(seed, rng);
        }
        run(input);
        if (rng.bounded(64) == 0 && corpus.size() < 256)
            corpus.push_back(input); // keep some variants to mutate further
        ++runs;
    }
    std::printf("fuzz: %lld inputs in %lld ms, no crash\n", static_cast<long long>(runs),
        static_cast<long long>(t.elapsed()));
    return 0;
}
