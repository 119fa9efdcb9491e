// SPDX-License-Identifier: AGPL-3.0-or-later
// The editor's GUIStorage (see the package's dist/types/gui-config.d.ts): where the official
// Scratch editor loads projects and assets from, and where library pictures come from.
// Saving itself is SaveController's job (saver.js); this file only wires the stores.
//
// Every URL is absolute: asset requests run inside the editor's fetch worker, whose base URL is
// its chunk file, not this page (SCRATCH_GUI.md).
import { api } from '/js/api.js';
import { createBackpackStorage } from '/js/editor/backpack.js';

/**
 * @param {object} options
 * @param {Function} options.saveProject SaveController.saveProject
 * @param {(error: Error) => void} [options.onAssetError] told why an asset upload failed (an
 *   ApiError with the server's status, e.g. 507 when the student's storage space is full), so the
 *   save status can say it instead of guessing "no connection"
 */
export function createStorage(GUI, { saveProject, onAssetError = () => {}, onBackpack = true }) {
  const origin = location.origin;
  const scratchStorage = new GUI.ScratchStorage();
  const { AssetType } = scratchStorage;
  const assetUrl = (asset) => `${origin}/api/v1/assets/${asset.assetId}.${asset.dataFormat}`;

  const cacheDefaultProject = (translator) => {
    // The built-in new project's assets exist only in the browser; the GUI needs them in
    // builtinHelper, again with localised names once it hands over its translator.
    for (const asset of GUI.buildDefaultProject(translator)) {
      scratchStorage.builtinHelper._store(
        AssetType[asset.assetType], scratchStorage.DataFormat[asset.dataFormat], asset.data, asset.id);
    }
  };
  cacheDefaultProject(undefined);

  scratchStorage.addWebStore([AssetType.Project], (asset) => `${origin}/api/v1/projects/${asset.assetId}`);
  // Asset uploads: the GUI stores only assets it marked dirty, before it hands over the project
  // JSON, and the server deduplicates by MD5; PUT is idempotent, so a retry is harmless.
  const storeConfig = (asset) => ({ method: 'put', url: assetUrl(asset), withCredentials: true });
  scratchStorage.addWebStore([AssetType.ImageVector, AssetType.ImageBitmap, AssetType.Sound],
    assetUrl, storeConfig, storeConfig);
  // The music extension's drum and instrument samples ship with the editor.
  scratchStorage.addWebStore([AssetType.Sound],
    (asset) => `${origin}/static/extension-assets/scratch3_music/${asset.assetId}.${asset.dataFormat}`);

  // The editor stores every asset it marked dirty. Ask first (HEAD, no body) and upload only
  // what the server lacks: a costume a student imports twice, or one a classmate already
  // uploaded, then costs no upload at all.
  const storeAsset = scratchStorage.store.bind(scratchStorage);
  scratchStorage.store = async (assetType, dataFormat, data, assetId) => {
    if (assetId && assetType !== AssetType.Project) {
      const name = `${assetId}.${dataFormat || assetType.runtimeFormat}`;
      const known = await fetch(`${origin}/api/v1/assets/${name}`, { method: 'HEAD', credentials: 'same-origin' })
        .then((response) => response.ok, () => false);
      if (known) return { status: 'ok', id: assetId, 'content-name': name };
    }
    try {
      return await storeAsset(assetType, dataFormat, data, assetId);
    } catch (error) {
      // The editor's own upload hides the server's answer. PUT is idempotent: send it once more
      // ourselves to learn the status (a 507 must be shown as "storage full", not retried as a
      // lost connection), or to succeed after a glitch.
      if (!assetId || assetType === AssetType.Project) throw error;
      const name = `${assetId}.${dataFormat || assetType.runtimeFormat}`;
      try {
        await api('PUT', `${origin}/api/v1/assets/${name}`, {
          body: data, headers: { 'Content-Type': 'application/octet-stream' },
        });
        return { status: 'ok', id: assetId, 'content-name': name };
      } catch (detailed) {
        onAssetError(detailed);
        throw detailed;
      }
    }
  };

  const storage = {
    scratchStorage,
    saveProject,
    // Library thumbnails come from Blockhaus's library cache, never from the internet directly.
    getLibraryAssetUrl: (assetId, dataFormat) => `${origin}/library/${assetId}.${dataFormat}`,
    setTranslatorFunction: cacheDefaultProject,
    setProjectHost() {},
    setProjectToken() {},
    setAssetHost() {},
    setBackpackHost() {},
    setProjectMetadata(projectId) {
      const { RequestMetadata, setMetadata, unsetMetadata } = scratchStorage.scratchFetch;
      if (projectId && projectId !== '0') setMetadata(RequestMetadata.ProjectId, projectId);
      else unsetMetadata(RequestMetadata.ProjectId);
    },
  };
  if (onBackpack) storage.backpackStorage = createBackpackStorage(origin);
  return storage;
}
