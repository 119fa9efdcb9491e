// SPDX-License-Identifier: AGPL-3.0-or-later
// The Scratch backpack, stored by Blockhaus (API.md "Backpack"). The GUI loads costume and sound
// bodies (md5ext names) through scratchStorage, which reads /api/v1/assets/ where the server
// keeps backpack bodies; sprites and scripts it fetches from bodyUrl itself.
import { api } from '/js/api.js';

export function createBackpackStorage(origin) {
  const absolute = (item) => ({
    ...item,
    thumbnailUrl: item.thumbnailUrl.startsWith('/') ? origin + item.thumbnailUrl : item.thumbnailUrl,
    bodyUrl: item.bodyUrl.startsWith('/') ? origin + item.bodyUrl : item.bodyUrl,
  });
  return {
    setSession() {}, // the session cookie authenticates every request
    async list({ limit, offset }) {
      const { data } = await api('GET', `/api/v1/backpack?limit=${Number(limit) || 20}&offset=${Number(offset) || 0}`);
      return (data || []).map(absolute);
    },
    async save(item, data) {
      const [body, thumbnail] = await Promise.all([data.dataAsBase64(), data.thumbnailAsBase64()]);
      const { data: saved } = await api('POST', '/api/v1/backpack', {
        json: { type: item.type, name: item.name, mime: data.mimeType(), body, thumbnail },
      });
      return absolute(saved);
    },
    async delete(id) {
      await api('DELETE', `/api/v1/backpack/${encodeURIComponent(id)}`);
    },
  };
}
