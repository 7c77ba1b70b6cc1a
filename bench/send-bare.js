// @ts-check
/**
 * The yardstick for `dunning send`: a bare loop that hands the same drafted .eml files to
 * nodemailer's pooled SMTP transport (3 connections, as `send` keeps) and waits for every reply.
 * No ledger, no window, no states: only reading the files and SMTP.
 *
 * node bench/send-bare.js OUTBOX_DAY_DIR PORT
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

const [dir, port] = process.argv.slice(2);
const transport = nodemailer.createTransport({ pool: true, maxConnections: 3, maxMessages: 100, host: '127.0.0.1', port: Number(port), secure: false, ignoreTLS: true });
const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
const sent = await Promise.all(
  files.map((f) => {
    const raw = readFileSync(join(dir, f));
    const to = /^To: .*<([^>]+)>/m.exec(raw.toString('latin1'))?.[1] ?? '';
    return transport.sendMail({ envelope: { from: 'accounts@bench.test', to: [to] }, raw });
  }),
);
transport.close();
if (sent.length !== files.length || files.length === 0) throw new Error(`sent ${sent.length} of ${files.length}`);
