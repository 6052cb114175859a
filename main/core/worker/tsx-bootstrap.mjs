// Worker entry when running from the TypeScript sources (npm run web, tests): registers tsx's
// loader in this thread, then loads the worker module named by the last argv entry. Bundled
// builds (Electron) start the bundled .js workers directly and never use this file.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[process.argv.length - 1]);
