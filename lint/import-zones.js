// An ESLint rule that keeps each runtime's folder to the imports it may make (eslint.config.js lists the
// zones). Paths are resolved, not matched as text, so "../server/x.ts" from src/app/db is caught however
// deep the importing file is, and a folder that merely ends in "server" is not.
import path from 'node:path';

/**
 * @typedef {object} Zone
 * @property {string} from   folder (relative to the lint root) whose files the zone governs
 * @property {string[]} [only] when given, the only folders those files may import from
 * @property {string[]} [not]  folders those files may not import from
 * @property {string} why    said with each refusal
 */

/** @param {string} file @param {string} folder */
function inside(file, folder) {
  return file === folder || file.startsWith(`${folder}/`);
}

/** @type {import('eslint').Rule.RuleModule} */
export const importZones = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports that cross a runtime boundary (app, service worker, server, shared core)' },
    schema: [{ type: 'array', items: { type: 'object' } }],
    messages: { crossing: '{{from}} may not import {{target}}: {{why}}' },
  },
  create(context) {
    /** @type {unknown} */
    const option = context.options[0];
    const zones = Array.isArray(option) ? /** @type {Zone[]} */ (option) : [];
    const root = context.cwd;
    const relative = (/** @type {string} */ absolute) => path.relative(root, absolute).split(path.sep).join('/');
    const file = relative(context.filename);
    // Every zone that contains the file applies: src/app's runtime boundary and, inside it, the layers.
    const governing = zones.filter((z) => inside(file, z.from));
    if (governing.length === 0) return {};

    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      // Packages (bare names) are governed by no-restricted-imports; only paths into the repository are zones.
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) return;
      const target = relative(path.resolve(path.dirname(context.filename), specifier));
      for (const zone of governing) {
        const allowed = zone.only === undefined || zone.only.some((folder) => inside(target, folder));
        const denied = (zone.not ?? []).some((folder) => inside(target, folder));
        if (allowed && !denied) continue;
        context.report({ node: source, messageId: 'crossing', data: { from: zone.from, target, why: zone.why } });
        return;
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
