/** A letter named in `send --json`: its event number, customer, file (in the outbox) and Message-ID. */
export interface LetterEntry {
  letter: number;
  customer: string;
  file: string;
  messageId: string;
}

/** The `send --json` contract (issue 16); keys may be added, never renamed. */
export interface SendReport {
  asOf: string;
  dryRun: boolean;
  sent: (LetterEntry & { response: string; missingAttachments?: string[] })[];
  rejected: (LetterEntry & { reason: string })[];
  failed: (LetterEntry & { reason: string; nextAttempt: string | null })[];
  unknown: (LetterEntry & { reason: string })[];
  cancelled: (LetterEntry & { reason: string })[];
  waiting: (LetterEntry & { until: string | null; reason: string })[];
  /** --dry-run: the letters that would go now. */
  due?: LetterEntry[];
}

export function emptyReport(asOf: string, dryRun: boolean): SendReport {
  return { asOf, dryRun, sent: [], rejected: [], failed: [], unknown: [], cancelled: [], waiting: [] };
}
