import type { Command } from 'commander';
import { defineDemo } from './demo.js';
import { defineImport } from './import.js';
import { defineInit } from './init.js';
import { defineRun } from './run.js';
import { defineStatus } from './status.js';
import { defineTemplates } from './templates.js';

/** Every command registers itself; its work is imported only when it runs. */
export const COMMANDS: ((program: Command) => void)[] = [defineInit, defineImport, defineRun, defineStatus, defineTemplates, defineDemo];
