// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/contentencoding.h"

#include <QByteArrayList>

namespace Blockhaus::Http {

namespace {

// The q value of one list member ("gzip;q=0.5"), 1 when it has none, 0 when it is malformed.
double qualityOf(const QByteArrayList &parameters)
{
    for (qsizetype i = 1; i < parameters.size(); ++i) {
        const QByteArray parameter = parameters.at(i).trimmed().toLower();
        if (!parameter.startsWith("q="))
            continue;
        bool ok = false;
        const double q = parameter.mid(2).toDouble(&ok);
        return ok && q >= 0 && q <= 1 ? q : 0;
    }
    return 1;
}

} // namespace

AcceptedEncodings parseAcceptEncoding(const QByteArray &value)
{
    int brotli = -1; // -1: not named, 0: refused, 1: accepted
    int gzip = -1;
    int wildcard = -1;
    for (const QByteArray &member : value.split(',')) {
        const QByteArrayList parameters = member.split(';');
        const QByteArray coding = parameters.first().trimmed().toLower();
        const int accepted = qualityOf(parameters) > 0 ? 1 : 0;
        if (coding == "br")
            brotli = accepted;
        else if (coding == "gzip" || coding == "x-gzip")
            gzip = accepted;
        else if (coding == "*")
            wildcard = accepted;
    }
    const auto decide = [wildcard](int named) { return named == -1 ? wildcard == 1 : named == 1; };
    return {decide(brotli), decide(gzip)};
}

} // namespace Blockhaus::Http
