#include "Uuid.h"

#include <QDateTime>
#include <QMutex>
#include <QRandomGenerator>

namespace triage {

QUuid createUuidV7()
{
    static QMutex mutex;
    static quint64 lastMs = 0;
    static quint16 counter = 0; // 12-bit rand_a used as a counter within one millisecond

    quint64 ms = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    quint16 seq;
    {
        QMutexLocker lock(&mutex);
        if (ms <= lastMs) {
            ms = lastMs;
            if (++counter > 0x0FFF) { // counter exhausted: borrow the next millisecond
                ++ms;
                counter = 0;
            }
        } else {
            counter = static_cast<quint16>(QRandomGenerator::system()->bounded(0x0800));
        }
        lastMs = ms;
        seq = counter;
    }

    QByteArray b(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xFF);
    b[6] = static_cast<char>(0x70 | ((seq >> 8) & 0x0F));
    b[7] = static_cast<char>(seq & 0xFF);
    quint64 rnd = QRandomGenerator::system()->generate64();
    for (int i = 8; i < 16; ++i)
        b[i] = static_cast<char>((rnd >> (8 * (i - 8))) & 0xFF);
    b[8] = static_cast<char>((b[8] & 0x3F) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(b);
}

QString newId()
{
    return createUuidV7().toString(QUuid::WithoutBraces);
}

bool isValidId(QStringView s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

} // namespace triage
