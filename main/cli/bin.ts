// The `smw` program: the CLI over this process's arguments and standard streams. bin/smw.mjs runs
// it from the sources in a checkout; `npm run build` bundles it as out/main/smw.js.

import { quietAwsSdkNodeNotice } from './aws-sdk-notice';
import { main } from './smw';

quietAwsSdkNodeNotice();
process.exitCode = await main(process.argv.slice(2));
