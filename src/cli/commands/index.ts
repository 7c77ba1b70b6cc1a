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

/** Every command registers itself; its work is imported only when it runs. */
export const COMMANDS: ((program: Command) => void)[] = [
  defineInit,
  defineImport,
  defineRun,
  defineSend,
  defineMarkSent,
  defineBounce,
  defineStatus,
  defineReport,
  defineShow,
  definePay,
  definePayment,
  defineCustomer,
  defineHold,
  defineWriteOff,
  defineArrange,
  defineNote,
  defineDraft,
  defineReview,
  defineAudit,
  defineBackup,
  defineHandoff,
  defineTemplates,
  defineDemo,
];
