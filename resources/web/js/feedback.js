// SPDX-License-Identifier: AGPL-3.0-or-later
// Comments on a project (issue #16 part 4), drawn the same on My projects and in the teacher
// view: the list of comments (newest last, new ones marked in words, not colour alone) and the
// "N new comments" badge of a project card.
import { api } from './api.js';
import { t, formatDate, formatRelative } from './i18n.js';
import { h } from './ui.js';
import './teachingstrings.js';

export const commentsPath = (id) => `/api/v1/projects/${encodeURIComponent(id)}/comments`;

/** {comments, last_read_id, unread} of a project, for the caller. */
export async function loadComments(projectId) {
  const { data } = await api('GET', commentsPath(projectId));
  return data;
}

/** Marks the comments up to `upTo` (the newest one shown) read. */
export async function markCommentsRead(projectId, upTo) {
  await api('POST', `${commentsPath(projectId)}/read`, { json: upTo ? { up_to: upTo } : {} });
}

/** Fills `list` (an <ol>) with the comments; those after lastReadId by others say "New". */
export function renderComments(list, comments, { lastReadId = 0, readerId = 0 } = {}) {
  list.replaceChildren(...comments.map((comment) => {
    const fresh = comment.id > lastReadId && comment.author.id !== readerId;
    const name = comment.author.display_name || comment.author.username;
    return h('li', { class: `comment${fresh ? ' comment-new' : ''}`, dataset: { commentId: String(comment.id) } },
      h('p', { class: 'comment-meta' },
        fresh ? h('span', { class: 'tag tag-new' }, t('feedback.new')) : null,
        fresh ? ' ' : null,
        t('feedback.by', { name, when: '' }).replace(/,\s*$/, ''), ', ',
        h('time', { datetime: comment.created_at, title: formatDate(comment.created_at) },
          formatRelative(comment.created_at))),
      h('p', { class: 'comment-text' }, comment.text));
  }));
}

/** The card line "3 new comments" (or "2 comments" when all are read); null without comments. */
export function feedbackBadge(entry) {
  if (!entry || !entry.comments) return null;
  if (entry.unread > 0) {
    return h('p', { class: 'feedback-badge unread', dataset: { unread: String(entry.unread) } },
      t('feedback.unread', { count: entry.unread }));
  }
  return h('p', { class: 'feedback-badge', dataset: { unread: '0' } },
    t('feedback.count', { count: entry.comments }));
}
