import { describe, expect, it } from 'vitest';
import { digestText } from '../../src/send/digest.js';
import { emptyReport } from '../../src/send/report.js';

const letter = (n: number, customer: string) => ({ letter: n, customer, file: `2026-02-05/${String(n).padStart(4, '0')}-${customer}-reminder.eml`, messageId: `dunning-${n}@x` });

describe("the owner's morning digest", () => {
  it('puts what needs the owner first, then what went and what did not, with times on the owner\'s clock', () => {
    const send = emptyReport('2026-02-05', false);
    send.sent.push({ ...letter(2, 'acme'), response: '250 2.0.0 Ok: queued as Q1' });
    send.failed.push({ ...letter(3, 'kite'), reason: '451 4.3.0 try again later', nextAttempt: '2026-02-05T10:15:00.000Z' });
    send.rejected.push({ ...letter(4, 'gone'), reason: '550 5.1.1 no such mailbox' });
    send.unknown.push({ ...letter(5, 'lost'), reason: 'connection lost after the whole message was handed over' });
    send.waiting.push({ ...letter(6, 'late'), until: '2026-02-06T09:00:00.000Z', reason: 'outside sending hours 09:00-17:00 (Europe/Paris)' });
    const { subject, text } = digestText({
      asOf: '2026-02-05',
      business: 'Studio Nord',
      timeZone: 'Europe/Paris',
      run: { letters: [{ customer: 'paper', stage: 'reminder', channel: 'letter', files: ['/books/outbox/2026-02-05/0007-paper-reminder.html'] }], flagged: [{ customer: 'kestrel', reason: 'handoff', invoices: ['K-1'] }] },
      send,
      badAddresses: [{ customer: 'gone', address: 'ap@gone.test', reason: '550 5.1.1 no such mailbox', on: '2026-02-05' }],
    });
    expect(subject).toBe('dunning 2026-02-05: 1 sent, 3 need you');
    expect(text.split('\n')).toEqual([
      'Studio Nord: dunning on 2026-02-05',
      '1 sent, 1 rejected, 1 failed, 1 waiting; 3 need you.',
      '',
      'Needs you (3):',
      '  lost: 0005-lost-reminder.eml may or may not have gone; find Message-ID <dunning-5@x> in the sent folder, then dunning mark-sent 5 or dunning send --retry 5',
      '  kestrel: 60 days past due after every letter: agency, lawyer, or one more call (K-1)',
      '  gone: bad address, ap@gone.test bounced on 2026-02-05 (550 5.1.1 no such mailbox); record a new one with dunning customer set gone --email …',
      '',
      'Sent (1):',
      '  acme: 0002-acme-reminder.eml (250 2.0.0 Ok: queued as Q1)',
      '',
      'Rejected by the mail server (1):',
      '  gone: 0004-gone-reminder.eml: 550 5.1.1 no such mailbox',
      '',
      'Failed, tried again later (1):',
      '  kite: 0003-kite-reminder.eml: 451 4.3.0 try again later (next try Thu 5 Feb, 11:15)',
      '',
      'Waiting (1):',
      '  late: 0006-late-reminder.eml: outside sending hours 09:00-17:00 (Europe/Paris) (until Fri 6 Feb, 10:00)',
      '',
      'Printed letters to post (1):',
      '  paper: reminder, 0007-paper-reminder.html',
      '',
    ]);
  });
});
