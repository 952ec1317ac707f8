#include "HtmlText.h"

#include <QRegularExpression>

#include <cstring>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

namespace triage::server {

namespace {

bool isNamed(const xmlNode *n, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar *>(name)) == 0)
            return true;
    }
    return false;
}

QString attribute(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, reinterpret_cast<const xmlChar *>(name));
    if (!v)
        return {};
    const QString out = QString::fromUtf8(reinterpret_cast<const char *>(v));
    xmlFree(v);
    return out;
}

class Writer
{
public:
    void text(const QString &t)
    {
        // HTML white space collapses; the layout comes from the elements.
        for (const QChar c : t) {
            if (c.isSpace()) {
                m_pendingSpace = true;
                continue;
            }
            if (m_pendingSpace && !m_out.isEmpty() && !m_out.endsWith(u'\n') && !m_out.endsWith(u' '))
                m_out += u' ';
            if (m_atLineStart) {
                m_out += m_prefix;
                m_atLineStart = false;
            }
            m_pendingSpace = false;
            m_out += c;
        }
    }
    void lineBreak()
    {
        if (m_atLineStart && m_out.endsWith(u'\n') && !m_prefix.isEmpty())
            m_out += m_prefix.trimmed(); // an empty quoted line keeps its ">"
        m_out += u'\n';
        m_atLineStart = true;
        m_pendingSpace = false;
    }
    void blockBreak()
    {
        if (m_out.isEmpty())
            return;
        if (!m_out.endsWith(u'\n'))
            lineBreak();
    }
    void paragraphBreak()
    {
        blockBreak();
        if (!m_out.isEmpty() && !m_out.endsWith(u"\n\n"_qs))
            lineBreak();
    }
    void walk(const xmlNode *node)
    {
        for (const xmlNode *n = node; n; n = n->next) {
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                text(QString::fromUtf8(reinterpret_cast<const char *>(n->content)));
                continue;
            }
            if (n->type != XML_ELEMENT_NODE)
                continue;
            if (isNamed(n, {"script", "style", "head", "title", "template", "noscript"}))
                continue;
            if (isNamed(n, {"br"})) {
                lineBreak();
                continue;
            }
            if (isNamed(n, {"img"})) {
                const QString alt = attribute(n, "alt");
                if (!alt.isEmpty())
                    text(u"["_qs + alt + u"]"_qs);
                continue;
            }
            const bool paragraph
                = isNamed(n, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre"});
            const bool block = paragraph
                || isNamed(
                    n, {"div", "tr", "li", "section", "article", "header", "footer", "hr", "dd", "dt"});
            if (paragraph)
                paragraphBreak();
            else if (block)
                blockBreak();
            if (isNamed(n, {"li"}))
                text(u"• "_qs);
            if (isNamed(n, {"blockquote"})) {
                blockBreak();
                const QString saved = m_prefix;
                m_prefix += u"> "_qs;
                walk(n->children);
                m_prefix = saved;
                blockBreak();
                continue;
            }
            walk(n->children);
            if (isNamed(n, {"td", "th"}))
                m_pendingSpace = true; // cells of a row stay on one line
            if (isNamed(n, {"a"})) {
                const QString href = attribute(n, "href");
                if (href.startsWith(u"http"_qs) && !m_out.endsWith(href))
                    text(u" ("_qs + href + u")"_qs);
            }
            if (paragraph)
                paragraphBreak();
            else if (block)
                blockBreak();
        }
    }
    QString result() const
    {
        QString out = m_out;
        static const QRegularExpression manyBlankLines(u"\\n{3,}"_qs);
        out.replace(manyBlankLines, u"\n\n"_qs);
        return out.trimmed();
    }

private:
    QString m_out;
    QString m_prefix;
    bool m_atLineStart = true;
    bool m_pendingSpace = false;
};

} // namespace

QString htmlToText(QByteArrayView utf8Html)
{
    if (utf8Html.isEmpty())
        return {};
    const int size = int(std::min<qsizetype>(utf8Html.size(), 16 * 1024 * 1024));
    htmlDocPtr doc = htmlReadMemory(utf8Html.data(), size, nullptr, "UTF-8",
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
            | HTML_PARSE_NOBLANKS);
    if (!doc)
        return {};
    Writer w;
    w.walk(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return w.result();
}

} // namespace triage::server
