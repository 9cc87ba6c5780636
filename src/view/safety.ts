/**
 * What a program may not render: elements that run script or load active
 * content, string event handlers, raw-HTML properties, and script URLs.
 */

/** Elements rendered as nothing, with a warning. */
// prettier-ignore
export const BLOCKED_TAGS = new Set([
  'script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'frame',
  'frameset', 'applet', 'portal', 'template', 'noscript',
]);

/** A tag name made of letters, digits and dashes, as custom elements allow. */
const TAG = /^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/;

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

export function isBlockedTag(tag: string): boolean {
  return BLOCKED_TAGS.has(tag.toLowerCase());
}

/** Props that would inject markup or documents. */
// prettier-ignore
const BLOCKED_PROPS = new Set([
  'innerhtml', 'outerhtml', 'srcdoc', 'insertadjacenthtml', 'sethtmlunsafe',
]);

// prettier-ignore
const URL_PROPS = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite',
  'background', 'ping', 'srcset', 'data', 'codebase', 'longdesc', 'manifest',
  'icon', 'lowsrc', 'dynsrc', 'archive',
  // SVG animation values can write a URL into another attribute (href).
  'to', 'from', 'values', 'by',
]);

/** Props whose value becomes a named property of `document` or `window`. */
const NAMING_PROPS = new Set(['id', 'name']);

/** Elements whose `name` (or `id`) `document` exposes as a property of its own. */
const DOCUMENT_NAMED = new Set(['embed', 'form', 'iframe', 'img', 'object']);

/** A document with no elements named anything: only its built-ins. */
let pristine: Document | undefined;

/**
 * Whether `value` as the `id` or `name` of `element` would hide a built-in
 * property of the page (DOM clobbering: `<img name="cookie">` replaces
 * `document.cookie`).
 *
 * Every element's id becomes a property of `window`, looked up after the
 * window's own and `Window.prototype`'s: it hides only what `EventTarget`
 * and `Object` provide (`addEventListener`, `toString`). Forms, images,
 * embeds, iframes and objects also name properties of `document`, which
 * win over its built-ins. Any other name hides nothing, however many
 * elements share it.
 */
export function clobbers(element: Element, prop: string, value: string): boolean {
  if (!NAMING_PROPS.has(prop.toLowerCase())) return false;
  if (value in EventTarget.prototype) return true;
  if (!DOCUMENT_NAMED.has(element.localName)) return false;
  pristine ??= document.implementation.createHTMLDocument('');
  return value in pristine;
}

export function isBlockedProp(name: string): boolean {
  const lower = name.toLowerCase();
  return BLOCKED_PROPS.has(lower) || lower.startsWith('on');
}

export function isUrlProp(name: string): boolean {
  return URL_PROPS.has(name.toLowerCase());
}

/**
 * Whether `url` may be used in a URL prop or `navigate`. `javascript:`,
 * `vbscript:` and `data:` are refused, except `data:image/*` in `src`.
 * Browsers ignore ASCII whitespace and control characters inside a scheme,
 * so they are removed before the scheme is read.
 */
export function isSafeUrl(url: string, prop = 'href'): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are the point
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (/^(javascript|vbscript):/.test(compact)) return false;
  if (compact.startsWith('data:')) {
    return prop.toLowerCase() === 'src' && /^data:image\//.test(compact);
  }
  return true;
}
