// SPDX-License-Identifier: AGPL-3.0-or-later
// The Scratch editor's library catalogue (libraries/{costumes,sprites,sounds,backdrops}.json in
// the web root) as the list of asset names the library pickers can ask for.
#pragma once

#include <QByteArray>
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

} // namespace Blockhaus::Library
