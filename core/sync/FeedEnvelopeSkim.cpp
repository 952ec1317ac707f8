// skimFeedEnvelope (FeedReader.h): a change-feed page's next_cursor and has_more, read backwards
// from the end of the body by JSON structure alone, so the next page can be requested early.
#include "FeedReader.h"

namespace triage {

namespace {

// The skim goes backwards from the end of the body: the server writes the envelope after the
// ~750 KB of `changes`, so the members it needs are a few hundred bytes from the end (in another
// order it walks back over `changes` too, still by structure only). `p` is one past the current
// position throughout.
bool isWs(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

const char *rskimWs(const char *begin, const char *p)
{
    while (p != begin && isWs(p[-1]))
        --p;
    return p;
}

// `close` is a string's closing quote: its opening quote (the previous one not escaped).
const char *rskimString(const char *begin, const char *close)
{
    for (const char *q = close; q != begin;) {
        --q;
        if (*q != '"')
            continue;
        qsizetype backslashes = 0;
        for (const char *b = q; b != begin && b[-1] == '\\'; --b)
            ++backslashes;
        if (backslashes % 2 == 0)
            return q;
    }
    return nullptr;
}

// The first byte of the value that ends at `p` (whitespace skipped).
const char *rskimValue(const char *begin, const char *p)
{
    p = rskimWs(begin, p);
    if (p == begin)
        return nullptr;
    const char last = p[-1];
    if (last == '"')
        return rskimString(begin, p - 1);
    if (last != '}' && last != ']') {
        while (p != begin && !isWs(p[-1]) && p[-1] != ',' && p[-1] != ':' && p[-1] != '[' && p[-1] != '{')
            --p;
        return p;
    }
    int depth = 0;
    for (const char *q = p; q != begin;) {
        --q;
        switch (*q) {
        case '"':
            q = rskimString(begin, q);
            if (!q)
                return nullptr;
            break;
        case '}':
        case ']':
            ++depth;
            break;
        case '{':
        case '[':
            if (--depth == 0)
                return q;
            break;
        default:
            break;
        }
    }
    return nullptr;
}

// The top-level members from the last one back, until both keys are found (the last of each
// is the one a JSON reader keeps).
bool rskimEnvelope(QByteArrayView body, QString *nextCursor, bool *hasMore)
{
    const char *const begin = body.data();
    const char *p = rskimWs(begin, begin + body.size());
    if (p == begin || p[-1] != '}')
        return false;
    --p;
    bool seenCursor = false, seenMore = false;
    QString cursor;
    bool more = false;
    while (!(seenCursor && seenMore)) {
        const char *valueEnd = rskimWs(begin, p);
        const char *value = rskimValue(begin, valueEnd);
        if (!value || value == valueEnd)
            return false;
        p = rskimWs(begin, value);
        if (p == begin || p[-1] != ':')
            return false;
        p = rskimWs(begin, p - 1);
        if (p == begin || p[-1] != '"')
            return false;
        const char *keyStart = rskimString(begin, p - 1);
        if (!keyStart)
            return false;
        const QByteArrayView key(keyStart + 1, p - 1 - (keyStart + 1));
        const QByteArrayView v(value, valueEnd - value);
        if (key == "next_cursor" && !seenCursor) {
            if (v.size() < 2 || v.front() != '"' || v.contains('\\'))
                return false; // null, another type, escapes: the full read decides
            cursor = QString::fromUtf8(v.sliced(1, v.size() - 2));
            seenCursor = true;
        } else if (key == "has_more" && !seenMore) {
            if (v != "true" && v != "false")
                return false;
            more = v == "true";
            seenMore = true;
        }
        p = rskimWs(begin, keyStart);
        if (p == begin)
            return false;
        if (p[-1] == ',') {
            --p;
            continue;
        }
        // The first member: the object must open here, at the start of the body.
        if (p[-1] != '{' || rskimWs(begin, p - 1) != begin)
            return false;
        break;
    }
    if (!(seenCursor && seenMore))
        return false;
    *nextCursor = cursor;
    *hasMore = more;
    return true;
}

} // namespace

bool skimFeedEnvelope(QByteArrayView body, QString *nextCursor, bool *hasMore)
{
    return rskimEnvelope(body, nextCursor, hasMore);
}

} // namespace triage
