#!/usr/bin/env node
// The `smw` command: runs the TypeScript CLI through tsx's loader, so a checkout works
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on stderr about Node 20 in several lines; the CLI promises one line per error.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../main/cli/smw.ts');
process.exitCode = await main(process.argv.slice(2));
