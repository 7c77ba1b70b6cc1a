import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { LetterRenderer } from '../../src/letters/render.js';
import { SAMPLE_BUSINESS, SAMPLES, sampleContext } from '../../src/letters/samples.js';
import { TemplateStore } from '../../src/letters/templates.js';
import { emlDraft, freeFileName, htmlPage, letterFileStem, mailboxProblem, MailboxError } from '../../src/letters/write.js';

describe('outbox file names', () => {
  it.each([
    ['Acme GmbH', 'reminder', '0007-acme-gmbh-reminder'],
    ['Café Zoë', 'courtesy', '0007-cafe-zoe-courtesy'],
    ['Müller & Søn Straße Łódź', 'final-notice', '0007-muller-son-strasse-lodz-final-notice'],
    ['../../etc/passwd', 'reminder', '0007-etc-passwd-reminder'],
    ['..', 'reminder', '0007-customer-reminder'],
    ['', 'reminder', '0007-customer-reminder'],
    ['🦄🚀 ', 'thank-you', '0007-customer-thank-you'],
    ['Наталья Петрова', 'reminder', '0007-customer-reminder'],
    ['CON', 'reminder', '0007-con-reminder'],
    ['a\\b/c:d*e?f"g<h>i|j', '../x', '0007-a-b-c-d-e-f-g-h-i-j-x'],
  ])('a customer called %j gets a safe, readable name', (name, stage, stem) => {
    expect(letterFileStem(7, name, stage)).toBe(stem);
  });

  it('a very long name is cut at a word, the whole name staying short', () => {
    const stem = letterFileStem(12345, 'The Extraordinarily Long-Named International Trading Company of Greater Manchester Limited', 'second-reminder');
    expect(stem).toBe('12345-the-extraordinarily-long-named-second-reminder');
    expect(stem.length).toBeLessThan(80);
  });

  it('never leaves [a-z0-9-], whatever it is given', () => {
    for (const name of ['\u0000\n\t', '.hidden', 'a/../../b', 'Ω≈ç√∫', 'x'.repeat(500), '   -- ']) {
      expect(letterFileStem(1, name, 'reminder')).toMatch(/^0001-[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('two letters never take the same file: a taken name gets -2, -3', () => {
    const taken = new Set(['0007-acme-reminder.eml', '0007-acme-reminder-2.eml']);
    expect(freeFileName('/outbox/2026-03-02', '0007-acme-reminder', 'eml', (n) => taken.has(n))).toBe('0007-acme-reminder-3.eml');
    expect(freeFileName('/outbox/2026-03-02', '0007-acme-reminder', 'html', (n) => taken.has(n))).toBe('0007-acme-reminder.html');
  });

  it('refuses a name that would leave the outbox', () => {
    expect(() => freeFileName('/outbox/2026-03-02', '../escape', 'eml', () => false)).toThrow(/unsafe/);
  });
});

const renderer = new LetterRenderer(new TemplateStore(null));
const accented = SAMPLES.find((s) => s.name === 'long names with accents')!;

describe('the print-ready .html page', () => {
  const letter = renderer.render('fr', 'reminder', sampleContext(accented, 'collection', 'reminder', 'fr'));
  const page = htmlPage(letter, 'fr');

  it('is a whole document in the letter language, with the letterhead and the address block', () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<header class="letterhead"><div class="name">Fernwood Design Studio</div>');
    expect(page).toContain('<div class="recipient"><div class="name">Établissements Lefèvre &amp; Fils');
    expect(page).toContain('22000 Saint-Brieuc Cédex');
  });

  it('prints on A4 and US Letter alike: margins in mm, no fixed page size', () => {
    expect(page).toMatch(/@page \{ margin: [\d. mm]+; @bottom-right/);
    expect(page).not.toMatch(/size:\s*(A4|letter)/i);
  });

  it('loads nothing from outside', () => {
    expect(page).not.toMatch(/<link|<script|<img|@import|url\(|src=|https?:/i);
  });

  it('on paper, says what it is about under the date and keeps the signature with the last paragraphs', () => {
    const final = renderer.render('en', 'final-notice', sampleContext(SAMPLES[0]!, 'final', 'final-notice', 'en'));
    const paper = htmlPage(final, 'en', true);
    expect(paper).toMatch(/<div class="date">March 2, 2026<\/div>\n<p class="subject">Final notice: £1,200.00 due by March 16, 2026<\/p>/);
    expect(paper).toMatch(/<div class="closing">\n<p>[^]*<p>Yours sincerely,<\/p>\n<p>Jo Fernwood<br>\nFernwood Design Studio<\/p>\n<\/div>/);
    expect(paper).toContain('counter(page) " of " counter(pages)');
    expect(htmlPage(final, 'en')).not.toContain('class="subject"');
  });
});

describe('the .eml draft', () => {
  const context = sampleContext(accented, 'collection', 'second-reminder', 'fr');
  const letter = renderer.render('fr', 'second-reminder', context);
  const draft = () =>
    emlDraft(letter, { from: SAMPLE_BUSINESS, to: { name: accented.customer.name, email: 'compta@lefevre.example' }, eventId: 42, day: '2026-03-02', lang: 'fr' });

  it('parses back with its headers: Date, Message-ID, From, To, Subject, X-Dunning-Event', async () => {
    const raw = await draft();
    const mail = await simpleParser(raw);
    // The letter's day, at noon UTC: the same calendar day wherever it is opened.
    expect(mail.date?.toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(mail.messageId).toMatch(/^<dunning-42-[0-9a-f]{16}@dunning\.invalid>$/);
    expect((mail.from as AddressObject).value).toEqual([{ name: 'Fernwood Design Studio', address: 'accounts@fernwood.example' }]);
    expect((mail.to as AddressObject).value).toEqual([{ name: accented.customer.name, address: 'compta@lefevre.example' }]);
    expect(mail.subject).toBe('Deuxième rappel\u00a0: facture FA-2026-000123 en attente de règlement');
    expect(mail.headers.get('x-dunning-event')).toBe('42');
  });

  it('encodes non-ASCII headers as MIME words and keeps the raw file ASCII in its headers', async () => {
    const raw = (await draft()).toString('latin1');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(head).toMatch(/^To: =\?UTF-8\?/m);
    expect(/^[\x20-\x7e\r\n\t]*$/.test(head)).toBe(true);
  });

  it('is multipart/alternative with a UTF-8 text part and an HTML part', async () => {
    const raw = (await draft()).toString('utf8');
    expect(raw).toMatch(/Content-Type: multipart\/alternative;/);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
    const mail = await simpleParser(Buffer.from(raw));
    expect(mail.text).toContain('Établissements Lefèvre & Fils');
    expect(mail.text).toContain('45\u202f678,90\u00a0€');
    expect(mail.text).toContain('9 mars 2026');
    expect(mail.html).toContain('Établissements Lefèvre &amp; Fils');
    expect(mail.html).toContain('<table>');
  });

  it('is the same bytes every time for the same letter (golden files and hashes rely on it)', async () => {
    expect((await draft()).equals(await draft())).toBe(true);
  });
});

describe('mail headers carry exactly the recipient, whatever the customer data', () => {
  const letter = renderer.render('en', 'reminder', sampleContext(SAMPLES[0]!, 'collection', 'reminder', 'en'));
  const draft = (name: string, email: string) => emlDraft(letter, { from: SAMPLE_BUSINESS, to: { name, email }, eventId: 7, day: '2026-03-02', lang: 'en' });
  const head = (raw: Buffer) => raw.toString('latin1').slice(0, raw.indexOf('\r\n\r\n'));

  it.each([
    ['ap@acme.example\r\nBcc: evil@attacker.example', 'control character'],
    ['ap@acme.example\tx', 'control character'],
    ['ap@acme.example, evil@attacker.example', 'not one address'],
    ['"ap evil"@acme.example', 'not one address'],
    ['zoë@acme.example', 'outside ASCII before the @'],
    ['ap@', 'not one address'],
    ['ap@acme..example', 'invalid domain'],
  ])('an address such as %j is refused: %s', async (email, why) => {
    expect(mailboxProblem(email)).toContain(why);
    await expect(draft('Acme Ltd', email)).rejects.toThrow(MailboxError);
  });

  it('an accented domain is written as punycode; plain addresses pass', async () => {
    expect(mailboxProblem('ap@acme.example')).toBeNull();
    expect(mailboxProblem("o'brien+ar@müller.example")).toBeNull();
    expect(head(await draft('Acme Ltd', 'ap@müller.example'))).toMatch(/^To: Acme Ltd <ap@xn--mller-kva\.example>$/m);
  });

  it('a customer called =?utf-8?b?…?= is shown by mail clients as just that text, not decoded into a header', async () => {
    const sneaky = '=?utf-8?b?RXZpbCA8ZXZpbEBhdHRhY2tlci5leGFtcGxlPg==?=';
    const raw = await draft(sneaky, 'ap@acme.example');
    expect(head(raw)).not.toContain(sneaky);
    const mail = await simpleParser(raw);
    expect((mail.to as AddressObject).value).toEqual([{ name: sneaky, address: 'ap@acme.example' }]);
  });

  it('a name with a line break stays one header line, and the recipient is still the one address', async () => {
    const raw = await draft('Acme\r\nBcc: evil@attacker.example', 'ap@acme.example');
    expect(head(raw)).not.toMatch(/^Bcc:/m);
    const mail = await simpleParser(raw);
    expect((mail.to as AddressObject).value.map((v) => v.address)).toEqual(['ap@acme.example']);
    expect(mail.bcc).toBeUndefined();
  });

  it('a long accented name is split into encoded words of at most 75 characters', async () => {
    const long = 'Établissements Lefèvre & Fils – Société d’Équipements Électroniques Zoë Müller-Łukasiewicz';
    const raw = await draft(long, 'ap@acme.example');
    for (const l of head(raw).split('\r\n')) expect(l.length).toBeLessThanOrEqual(78);
    expect(((await simpleParser(raw)).to as AddressObject).value[0]!.name).toBe(long);
  });
});

