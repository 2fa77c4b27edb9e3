#!/usr/bin/env node
// The flowgate command. Runs the TypeScript sources through tsx so a fresh clone needs
// only `npm ci`; there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
