#!/usr/bin/env node
// CommonJS, as is the bundle it loads (scripts/bundle-cli.js): start-up is most of what a small
// command costs, and Node's ESM loader adds ~10 ms before the first line of ours runs.
require('../dist/cjs/main.cjs');
