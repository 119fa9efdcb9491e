// SPDX-License-Identifier: AGPL-3.0-or-later
// Translations for the Blockhaus pages: German and English.
//
// The language is chosen once per page load: a choice remembered in
// localStorage (the language switch in the header) wins, otherwise the first
// of the browser's `navigator.languages` that we speak, otherwise English.
// Changing the language stores the choice and reloads the page, which keeps
// `lang` a plain constant that every module can import.

import en from './strings/en.js';
import de from './strings/de.js';

const supported = ['de', 'en'];
const storageKey = 'blockhaus.lang';

const catalogs = { en: { ...en }, de: { ...de } };

function storedLanguage() {
  try {
    const value = localStorage.getItem(storageKey);
    return supported.includes(value) ? value : null;
  } catch {
    return null; // storage can be blocked; then we simply follow the browser
  }
}

function browserLanguage() {
  const wanted = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || 'en'];
  for (const tag of wanted) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (supported.includes(primary)) return primary;
  }
  return 'en';
}

/** 'de' or 'en'. */
export const lang = storedLanguage() || browserLanguage();

/** The languages the switch offers, each named in its own language. */
export const languages = [
  { code: 'de', name: 'Deutsch' },
  { code: 'en', name: 'English' },
];

/** Remember `code` and reload the page in that language. */
export function setLanguage(code) {
  if (!supported.includes(code)) return;
  try {
    localStorage.setItem(storageKey, code);
  } catch {
    return; // storage is blocked: a reload would only come back in the old language
  }
  location.reload();
}

/**
 * Add keys, e.g. the editor page's own: addStrings({en: {...}, de: {...}}).
 * Later additions override earlier ones with the same key.
 */
export function addStrings(strings) {
  for (const code of supported) {
    if (strings && strings[code]) Object.assign(catalogs[code], strings[code]);
  }
}

const pluralRules = new Intl.PluralRules(lang);

/**
 * The text for `key` in the page language, falling back to English, then to
 * the key itself. `{name}` placeholders are filled from `params`. A string may
 * be an object of plural forms ({one, other}); `params.count` picks the form.
 */
export function t(key, params = {}) {
  let value = catalogs[lang][key] ?? catalogs.en[key];
  if (value == null) return key;
  if (typeof value === 'object') {
    const form = pluralRules.select(Number(params.count ?? 0));
    value = value[form] ?? value.other;
  }
  return String(value).replace(/\{(\w+)\}/g, (match, name) =>
    (params[name] !== undefined && params[name] !== null ? String(params[name]) : match));
}

/**
 * Fill `data-i18n="key"` (textContent) and
 * `data-i18n-attr="aria-label:key;placeholder:key2"` (attributes) under `root`,
 * and set `<html lang>`.
 */
export function applyTranslations(root = document) {
  document.documentElement.lang = lang;
  const scope = root.querySelectorAll ? root : document;
  const withText = [...scope.querySelectorAll('[data-i18n]')];
  const withAttrs = [...scope.querySelectorAll('[data-i18n-attr]')];
  if (root instanceof Element) {
    if (root.hasAttribute('data-i18n')) withText.push(root);
    if (root.hasAttribute('data-i18n-attr')) withAttrs.push(root);
  }
  for (const element of withText) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of withAttrs) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':').map((part) => part && part.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}

function toDate(iso) {
  const date = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A full local date and time, e.g. "23. Nov. 2026, 18:04". '' for a missing date. */
export function formatDate(iso) {
  const date = toDate(iso);
  if (!date) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** How long ago, e.g. "5 minutes ago" / "vor 5 Minuten"; older than a month: the date. */
export function formatRelative(iso, now = Date.now()) {
  const date = toDate(iso);
  if (!date) return '';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const absolute = Math.abs(seconds);
  if (absolute < 45) return t('time.justNow');
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (absolute < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (absolute < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  if (absolute < 30 * 86400) return format.format(Math.round(seconds / 86400), 'day');
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(date);
}

/** A waiting time in words, e.g. "2 minutes 5 seconds" / "2 Minuten 5 Sekunden". */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes > 0) parts.push(t('time.minutes', { count: minutes }));
  if (rest > 0 || minutes === 0) parts.push(t('time.seconds', { count: rest }));
  return parts.join(' ');
}

/** A file size, e.g. "2.4 kB" (small files too: "0.5 kB" reads better than "519 byte"). */
export function formatSize(bytes) {
  const value = Number(bytes) || 0;
  const number = (amount, unit) => new Intl.NumberFormat(lang, {
    style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: amount < 10 ? 1 : 0,
  }).format(amount);
  if (value < 1000 * 1000) return number(value / 1000, 'kilobyte');
  return number(value / (1000 * 1000), 'megabyte');
}
