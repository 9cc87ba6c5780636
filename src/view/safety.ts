/**
 * What a program may not render: elements that run script or load active
 * content, string event handlers, raw-HTML properties, script URLs, and
 * names that would clobber the page's globals.
 */
import { warn } from '../runtime/errors.js';
import { DEV } from '../dev.js';

/** Elements rendered as nothing, with a warning. */
// prettier-ignore
const BLOCKED_TAGS = new Set([
  'script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'frame',
  'frameset', 'applet', 'portal', 'template', 'noscript',
]);

/** A tag name made of letters, digits and dashes, as custom elements allow. */
const TAG = /^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/;

/**
 * Whether an element may be rendered with this tag: a well-formed name (so
 * it can enter a template's markup) that is not blocked.
 */
export function isAllowedTag(tag: string): boolean {
  return TAG.test(tag) && !BLOCKED_TAGS.has(tag.toLowerCase());
}

/** Props that would inject markup or documents. */
// prettier-ignore
const BLOCKED_PROPS = new Set([
  'innerhtml', 'outerhtml', 'srcdoc', 'insertadjacenthtml', 'sethtmlunsafe',
]);

/** Props left out of an element: the ones above, and string event handlers (`on…`). */
export function isBlockedProp(name: string): boolean {
  const lower = name.toLowerCase();
  return BLOCKED_PROPS.has(lower) || lower.startsWith('on');
}

// prettier-ignore
const URL_PROPS = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite',
  'background', 'ping', 'srcset', 'data', 'codebase', 'longdesc', 'manifest',
  'icon', 'lowsrc', 'dynsrc', 'archive',
  // SVG animation values can write a URL into another attribute (href).
  'to', 'from', 'values', 'by',
]);

/** Elements whose `name` (or `id`) `document` exposes as a property of its own. */
const DOCUMENT_NAMED = new Set(['embed', 'form', 'iframe', 'img', 'object']);

/** A document with no elements named anything: only its built-ins. */
let pristine: Document | undefined;

/**
 * Whether `value` may be set as the attribute `attr` of `element`: a URL
 * attribute must hold a safe URL, and an `id` or `name` must not clobber
 * the page's globals. Warns about what it refuses.
 */
export function isSafeAttribute(
  element: Element,
  attr: string,
  value: string,
  path: string | undefined,
): boolean {
  const lower = attr.toLowerCase();
  if (URL_PROPS.has(lower) && !isSafeUrl(value, lower)) {
    if (DEV)
      warn(`the URL ${JSON.stringify(value.slice(0, 60))} is not allowed in "${attr}"`, path);
    return false;
  }
  if ((lower === 'id' || lower === 'name') && clobbers(element, value)) {
    if (DEV)
      warn(`the ${attr} ${JSON.stringify(value)} would hide a property of the page; not set`, path);
    return false;
  }
  return true;
}

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
function clobbers(element: Element, value: string): boolean {
  if (value in EventTarget.prototype) return true;
  if (!DOCUMENT_NAMED.has(element.localName)) return false;
  pristine ??= document.implementation.createHTMLDocument('');
  return value in pristine;
}

/**
 * Whether `url` may be used in a URL prop or `navigate`. `javascript:`,
 * `vbscript:` and `data:` are refused, except `data:image/*` in `src`.
 * Browsers ignore ASCII whitespace and control characters inside a scheme,
 * so they are removed before the scheme is read. `prop` is in lower case.
 */
export function isSafeUrl(url: string, prop = 'href'): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are the point
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return (
    !/^(javascript|vbscript|data):/.test(compact) ||
    (prop === 'src' && /^data:image\//.test(compact))
  );
}
