/**
 * constela-app: `<constela-app>` runs Constela programs in any page.
 *
 * ```js
 * import 'constela-app';
 * ```
 */
import { ConstelaApp } from './element.js';

export { ConstelaApp };
export type { ConstelaErrorDetail } from './element.js';
export type { Program, Expr, Step, ViewNode } from './program/types.js';
export { checkProgram, type Problem } from './program/check.js';

if (!customElements.get('constela-app')) {
  customElements.define('constela-app', ConstelaApp);
}
