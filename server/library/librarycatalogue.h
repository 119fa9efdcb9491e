// SPDX-License-Identifier: AGPL-3.0-or-later
// The Scratch editor's library catalogue (libraries/{costumes,sprites,sounds,backdrops}.json in
// the web root) as the list of asset names the library pickers can ask for.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Blockhaus::Library {

// Every distinct valid md5ext named by the catalogue files under webRoot/libraries, in the order
// they appear. Missing or malformed files contribute nothing (the editor may not be staged).
QStringList readCatalogue(const QString &webRoot);
// The md5ext names in one catalogue file's JSON: entries' "md5ext", and for sprites those of
// their "costumes" and "sounds".
QStringList catalogueNames(const QByteArray &json);
// Changes whenever a catalogue file under webRoot/libraries appears, goes, or is rewritten (its
// modification time and size), so a cache can re-read the catalogue when the editor is staged
// anew; cheap (four stat calls).
QString catalogueSignature(const QString &webRoot);

// One tile of a library picker: its kind ("costumes", "sprites", "sounds" or "backdrops", the
// catalogue file it comes from), its name (the picker's key, unique within the kind) and every
// asset a pick loads (a sprite's costumes and sounds). Picking it works only when all of them
// can be served (#13).
struct CatalogueItem
{
    QString kind;
    QString name;
    QStringList assets;
};
// The items of every catalogue file under webRoot/libraries; entries without a name or without
// a valid asset name are left out (the editor could not show them either).
QList<CatalogueItem> readCatalogueItems(const QString &webRoot);

} // namespace Blockhaus::Library
