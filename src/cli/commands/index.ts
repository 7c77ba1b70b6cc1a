import type { Command } from 'commander';
import { defineArrange } from './arrange.js';
import { defineBounce } from './bounce.js';
import { defineAudit } from './audit.js';
import { defineBackup } from './backup.js';
import { defineCustomer } from './customer.js';
import { defineDemo } from './demo.js';
import { defineDraft } from './draft.js';
import { defineHandoff } from './handoff.js';
import { defineHold } from './hold.js';
import { defineImport } from './import.js';
import { defineInit } from './init.js';
import { defineMarkSent } from './mark-sent.js';
import { defineNote } from './note.js';
import { definePay } from './pay.js';
import { definePayment } from './payment.js';
import { defineReport } from './report.js';
import { defineReview } from './review.js';
import { defineRun } from './run.js';
import { defineSend } from './send.js';
import { defineShow } from './show.js';
import { defineStatus } from './status.js';
import { defineTemplates } from './templates.js';
import { defineWriteOff } from './write-off.js';

/**
 * Every command by name, with what registers it (one module may register two: hold and
 * release); its work is imported only when it runs. In the order `--help` lists them.
 */
export const COMMANDS: [name: string, define: (program: Command) => void][] = [
  ['init', defineInit],
  ['import', defineImport],
  ['run', defineRun],
  ['send', defineSend],
  ['mark-sent', defineMarkSent],
  ['bounce', defineBounce],
  ['status', defineStatus],
  ['report', defineReport],
  ['show', defineShow],
  ['pay', definePay],
  ['payment', definePayment],
  ['customer', defineCustomer],
  ['hold', defineHold],
  ['release', defineHold],
  ['write-off', defineWriteOff],
  ['arrange', defineArrange],
  ['note', defineNote],
  ['draft', defineDraft],
  ['review', defineReview],
  ['audit', defineAudit],
  ['backup', defineBackup],
  ['handoff', defineHandoff],
  ['templates', defineTemplates],
  ['demo', defineDemo],
];
