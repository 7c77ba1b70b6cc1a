// @ts-check
/**
 * `send` of 2,000 letters to an SMTP server on loopback, against a bare pooled nodemailer loop
 * over the same drafted messages (bench/send-bare.js). Target: at most 1.2x (DESIGN.md).
 * Each `send` sample starts from a copy of the same workspace: ledger and outbox as `run` left them.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, median, runOnce } from './lib/measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(dirname(HERE), 'bin', 'dunning.cjs');
const AS_OF = '2026-02-05';
const HEADER = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid';

/** Starts bench/lib/smtp-sink.js in its own process; resolves with its port and a stop function. */
function startSink() {
  const child = spawn(process.execPath, [join(HERE, 'lib', 'smtp-sink.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d) => resolve({ port: Number(String(d).trim()), stop: () => child.kill('SIGTERM') }));
  });
}

/**
 * @param {{ work: string, reps: number, quick: boolean, env: NodeJS.ProcessEnv, log: (s: string) => void, record: (r: any) => void }} o
 */
export async function sendScenario({ work, reps, quick, env, log, record }) {
  const letters = quick ? 500 : 2000;
  log(`send (${letters} letters)`);
  const sink = /** @type {{port: number, stop: () => void}} */ (await startSink());
  try {
    const pristine = join(work, 'send-pristine');
    mkdirSync(pristine, { recursive: true });
    writeFileSync(
      join(pristine, 'dunning.config.json'),
      JSON.stringify({
        business: { name: 'Bench Studio', email: 'accounts@bench.test', address: '1 Bench Street', paymentInstructions: 'Sort code 00-00-00', signatory: 'A. Bench' },
        sending: { smtp: { host: '127.0.0.1', port: sink.port, secure: 'none' }, window: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: '00:00-24:00' } },
      }),
    );
    const rows = Array.from({ length: letters }, (_, i) => `B-${i + 1},c${i + 1},Customer ${i + 1},c${i + 1}@bench.test,2026-01-01,2026-01-31,GBP,100.00,0`);
    writeFileSync(join(pristine, 'invoices.csv'), `${[HEADER, ...rows].join('\n')}\n`);
    runOnce(process.execPath, [BIN, 'import', 'invoices.csv', '--as-of', AS_OF, '--quiet'], { cwd: pristine, env });
    runOnce(process.execPath, [BIN, 'run', '--as-of', AS_OF, '--quiet'], { cwd: pristine, env });
    const day = join(pristine, 'outbox', AS_OF);
    const drafted = readdirSync(day).filter((f) => f.endsWith('.eml')).length;
    if (drafted !== letters) throw new Error(`run drafted ${drafted} letters, not ${letters}`);

    const sample = join(work, 'send-sample');
    const variants = [
      { name: 'dunning', cmd: process.execPath, args: [BIN, 'send', '--as-of', AS_OF, '--quiet'], opts: { cwd: sample, env } },
      { name: 'bare', cmd: process.execPath, args: [join(HERE, 'send-bare.js'), day, String(sink.port)], opts: { cwd: work, env } },
    ];
    const fresh = () => {
      rmSync(sample, { recursive: true, force: true });
      cpSync(pristine, sample, { recursive: true });
    };
    const s = interleave(variants, Math.max(3, reps), fresh);
    const ms = median(s.dunning.ms);
    const base = median(s.bare.ms);
    record({
      scenario: 'send', what: `send ${letters} letters to an SMTP server on loopback`, ms, yardstick: 'bare pooled nodemailer loop', yardstickMs: base,
      ratio: ms / base, target: '<= 1.2x', pass: quick ? null : ms / base <= 1.2, note: quick ? 'the target is for 2,000 letters' : undefined, samples: s,
    });
    rmSync(sample, { recursive: true, force: true });
  } finally {
    sink.stop();
  }
}
