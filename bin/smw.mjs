#!/usr/bin/env node
// The `smw` command: runs the TypeScript CLI through tsx's loader, so a checkout works
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/bin.ts');
