#pragma once

#include <QString>

namespace triage {

// The recurring-issue text key: the set of normalised word stems of a ticket's title (ru/en,
// core/sla's WordStemmer), without numbers, one-letter words and common stop words, order-free.
// "VPN не работает у всех в офисе" and "Не работает VPN в офисе (#1234)" share a key.
struct TextKey {
    quint64 key = 0;
    QString label; // the stems, sorted, space-separated

    // The key also covers `category`: the same words under two categories are two groups.
    static TextKey of(const QString &text, const QString &category = {});
    // `text` without digits: texts that differ only in numbers have the same key.
    static QString withoutDigits(const QString &text);
};

} // namespace triage
