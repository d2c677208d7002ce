// Loaded with `node --import` before bench/floor.ts for the row "(c') the floor with the same
// code cache": the floor then keeps V8's code cache as the app does (scripts/code-cache.mjs).
import * as path from 'node:path';
import { useCodeCache } from '../scripts/code-cache.mjs';
import { genDir } from '../scripts/transpile.mjs';

useCodeCache('floor', path.join(genDir, 'code-cache'));
