#!/usr/bin/env node
'use strict';
// The CLI is TypeScript; tsx's CommonJS API compiles it on load (no build step, no dist/).
require('tsx/cjs/api').register();
require('../cli/main.ts');
