// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/passwordgenerator.h"

#include <array>
#include <cmath>

#include <sodium.h>

namespace Blockhaus::Auth {

namespace {

// Short, common words children can read and type; no two look alike.
const std::array<const char16_t *, 113> adjectives = {
    u"big",    u"black",  u"blue",   u"bold",   u"brave",  u"bright", u"brown",  u"busy",
    u"calm",   u"chilly", u"clever", u"cool",   u"cosy",   u"crazy",  u"crisp",  u"dizzy",
    u"dusty",  u"eager",  u"early",  u"fair",   u"fancy",  u"fast",   u"fine",   u"fluffy",
    u"free",   u"fresh",  u"frosty", u"full",   u"funny",  u"fuzzy",  u"gentle", u"giant",
    u"glad",   u"gold",   u"good",   u"grand",  u"gray",   u"great",  u"green",  u"handy",
    u"happy",  u"hasty",  u"huge",   u"hungry", u"icy",    u"jolly",  u"juicy",  u"jumpy",
    u"kind",   u"lazy",   u"little", u"loud",   u"lucky",  u"magic",  u"merry",  u"mighty",
    u"neat",   u"nice",   u"noisy",  u"odd",    u"pink",   u"plain",  u"polite", u"proud",
    u"quick",  u"quiet",  u"quirky", u"rainy",  u"rapid",  u"red",    u"rich",   u"rocky",
    u"round",  u"royal",  u"salty",  u"sandy",  u"sharp",  u"shiny",  u"short",  u"silly",
    u"silver", u"sleepy", u"slow",   u"smart",  u"smooth", u"snappy", u"sneaky", u"snowy",
    u"soft",   u"sour",   u"spicy",  u"spotty", u"steady", u"sticky", u"stormy", u"striped",
    u"strong", u"sturdy", u"sunny",  u"super",  u"sweet",  u"swift",  u"tall",   u"tidy",
    u"tiny",   u"warm",   u"white",  u"wild",   u"windy",  u"wise",   u"witty",  u"young",
    u"zesty",
};

const std::array<const char16_t *, 112> nouns = {
    u"apple", u"banana", u"bean",   u"bear",  u"bell",   u"berry",  u"boat",   u"bridge",
    u"bus",   u"cactus", u"cake",   u"candy", u"car",    u"carrot", u"castle", u"cat",
    u"cave",  u"cherry", u"cloud",  u"comet", u"cookie", u"corn",   u"crab",   u"daisy",
    u"deer",  u"dog",    u"drum",   u"duck",  u"fern",   u"fish",   u"flute",  u"forest",
    u"fox",   u"frog",   u"garden", u"goat",  u"grape",  u"hare",   u"harp",   u"hill",
    u"honey", u"house",  u"island", u"kite",  u"lake",   u"leaf",   u"lemon",  u"lime",
    u"lion",  u"mango",  u"melon",  u"mole",  u"moon",   u"moose",  u"moss",   u"mouse",
    u"newt",  u"nut",    u"olive",  u"onion", u"owl",    u"panda",  u"pea",    u"peach",
    u"pear",  u"pepper", u"piano",  u"pie",   u"pig",    u"pizza",  u"plum",   u"pony",
    u"puma",  u"rain",   u"rat",    u"rice",  u"river",  u"robot",  u"rock",   u"rocket",
    u"rose",  u"sea",    u"seal",   u"shark", u"sheep",  u"ship",   u"sloth",  u"snail",
    u"snake", u"snow",   u"soup",   u"star",  u"storm",  u"sun",    u"swan",   u"taco",
    u"tent",  u"tiger",  u"toad",   u"toast", u"tower",  u"train",  u"tree",   u"trout",
    u"truck", u"tulip",  u"wave",   u"whale", u"wind",   u"wolf",   u"yak",    u"zebra",
};

template<typename List>
QString pick(const List &list)
{
    return QString::fromUtf16(list[randombytes_uniform(static_cast<uint32_t>(list.size()))]);
}

} // namespace

QString PasswordGenerator::childFriendly()
{
    const int number = 10 + static_cast<int>(randombytes_uniform(90));
    return pick(adjectives) + u'-' + pick(nouns) + u'-' + QString::number(number);
}

double PasswordGenerator::childFriendlyBits()
{
    return std::log2(static_cast<double>(adjectives.size()) * static_cast<double>(nouns.size())
                     * 90.0);
}

QString PasswordGenerator::strong()
{
    // 20 characters from a 32-symbol alphabet: 100 bits, for the first admin password.
    static const char16_t alphabet[] = u"abcdefghjkmnpqrstuvwxyz23456789A";
    QString out;
    for (int i = 0; i < 20; ++i)
        out += QChar(alphabet[randombytes_uniform(32)]);
    return out;
}

} // namespace Blockhaus::Auth
