// `node --import ./register.mjs out/main/electron-main.js --cli -- ARGS`: the bundled Electron main
// process on plain Node, with `electron` resolved to electron.mjs beside this file. Only for
// running the installed app's command-line mode, which needs nothing of Electron but `app`.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
