import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { publicHolidays } from '../../src/send/holidays.js';
import { invoiceFiles } from '../../src/send/letter-files.js';
import { draftAddressing, outgoingMessage } from '../../src/send/message.js';
import { tempDir } from '../helpers.js';

async function draft(): Promise<Buffer> {
  return new MailComposer({
    from: { name: 'Studio Nord', address: 'accounts@studio-nord.test' },
    to: { name: 'Müller & Söhne', address: 'ap@mueller.test' },
    subject: 'Ein kurzer Hinweis zu Rechnung R-7',
    text: 'Sehr geehrte Damen und Herren,\n\nRechnung R-7 ist offen.',
    html: '<p>Rechnung R-7 ist offen.</p>',
    date: new Date('2026-02-05T12:00:00Z'),
    messageId: '<dunning-7-abc@dunning.invalid>',
    headers: { 'X-Dunning-Event': '7', 'X-Unsent': '1' },
  })
    .compile()
    .build();
}

describe('the message that goes is the draft', () => {
  it('without attachments: the same bytes after the headers, the same Message-ID, no X-Unsent, Reply-To added', async () => {
    const eml = await draft();
    const out = await outgoingMessage(eml, { replyTo: 'accounts@studio-nord.test', attachments: [] });
    const body = (b: Buffer) => b.subarray(b.indexOf('\r\n\r\n'));
    expect(body(out.raw).equals(body(eml))).toBe(true);
    expect(out.messageId).toBe('dunning-7-abc@dunning.invalid');
    expect(out.envelope).toEqual({ from: 'accounts@studio-nord.test', to: ['ap@mueller.test'] });
    const head = out.raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(head).not.toMatch(/X-Unsent/);
    expect(head).toMatch(/^Reply-To: accounts@studio-nord\.test$/m);
    expect(draftAddressing(eml)).toEqual({ recipient: 'ap@mueller.test', messageId: 'dunning-7-abc@dunning.invalid' });
  });

  it('with attachments: the draft is the first part, unchanged, and each file follows it', async () => {
    const eml = await draft();
    const out = await outgoingMessage(eml, { attachments: [{ filename: 'R-7.pdf', content: Buffer.from('%PDF-1.4 R-7') }] });
    const parsed = await simpleParser(out.raw);
    expect(parsed.messageId).toBe('<dunning-7-abc@dunning.invalid>');
    expect(parsed.subject).toBe('Ein kurzer Hinweis zu Rechnung R-7');
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value[0] : null).toEqual({ name: 'Müller & Söhne', address: 'ap@mueller.test' });
    expect(parsed.from?.value[0]).toEqual({ name: 'Studio Nord', address: 'accounts@studio-nord.test' });
    expect(parsed.date?.toISOString()).toBe('2026-02-05T12:00:00.000Z');
    expect(parsed.headers.get('x-dunning-event')).toBe('7');
    expect(parsed.text).toContain('Rechnung R-7 ist offen.');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['R-7.pdf', 'application/pdf', '%PDF-1.4 R-7']]);
    expect(out.attached).toEqual(['R-7.pdf']);
    expect(out.raw.toString('latin1')).not.toMatch(/X-Unsent/);
  });
});

describe('invoice files to attach', () => {
  it('never reads outside the folder, whatever an invoice number says', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'invoices'));
    writeFileSync(join(dir, 'secret.pdf'), 'not yours');
    writeFileSync(join(dir, 'invoices', 'INV-1.pdf'), 'yours');
    const found = invoiceFiles(dir, 'invoices/{number}.pdf', ['INV-1', '../secret', '../../etc/passwd', '..']);
    expect(found.files.map((f) => [f.filename, f.content.toString()])).toEqual([['INV-1.pdf', 'yours']]);
    expect(found.missing).toHaveLength(3);
  });
});

describe('the sending block of the config', () => {
  const configWith = (sending: unknown) => {
    const path = join(tempDir(), 'dunning.config.json');
    writeFileSync(path, JSON.stringify({ sending }));
    return path;
  };

  it('names the key and the fix for hours that end before they start', async () => {
    await expect(loadConfig(configWith({ smtp: { host: 'smtp.example.com' }, window: { hours: '17:00-09:00' } }))).rejects.toThrow(/sending\.window\.hours: must end after it starts, like "09:00-17:00"/);
  });

  it('refuses a holiday calendar it does not know, and knows Bavaria', async () => {
    await expect(publicHolidays('XX')).rejects.toThrow(/sending\.holidays: "XX" is not a country/);
    expect((await publicHolidays('DE-BY'))('2026-01-06')).toBe('Heilige Drei Könige');
    expect((await publicHolidays('DE'))('2026-01-06')).toBeNull();
  });
});
