#!/usr/bin/env node
// The `belcheer` command-line client: registers tsx so the TypeScript sources run as they are, then
// hands over to api/src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
