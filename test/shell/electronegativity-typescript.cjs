// Electronegativity parses TypeScript with @typescript-eslint/typescript-estree, which is
// hoisted to the project's node_modules and so finds the project's TypeScript 7 (no JS API).
// Preloaded with `node -r`, this points `require('typescript')` at electronegativity's own 4.x.
const Module = require('node:module');
const path = require('node:path');

const own = path.join(__dirname, '..', '..', 'node_modules', '@doyensec', 'electronegativity', 'node_modules', 'typescript');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'typescript' ? own : request, ...rest);
};
