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

// It also fetches translations and Electron's release list from the internet with `got`. This
// machine and CI have no internet, and a test must not reach out: answer those calls offline,
// at once (the bundled English texts are used, and the release check is excluded with -x).
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: electronegativity runs without the network in these tests'));
    offline.get = offline;
    offline.head = offline;
    return offline;
  }
  return load.call(this, request, ...rest);
};
