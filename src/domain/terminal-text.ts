/**
 * Text from the ledger (customer names, ids, notes) is data, not commands for the terminal
 * (issue 19, item 12): control characters and direction overrides are shown escaped. Here, below
 * the CLI, so that a report's worker thread can lay out its half of a table as the CLI would.
 */

// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a line shows.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// What chalk writes: a colour or style (SGR), kept when colour is on.
const SGR = /\u001b\[[0-9;]*m/y;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

const escapeOne = (c: string) => NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`;

/** One cell or value: every control character shown as an escape (`\e`, `\n`, `\u{7}`). */
export function escapeControls(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, escapeOne) : text;
}

/** Lines of talk or data: line breaks and tabs kept, other controls escaped; chalk's own colours kept when `keepColour`. */
export function escapeForTerminal(text: string, keepColour = false): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS_BUT_LINES, (c, at: number) => {
    if (c === '\r' && text[at + 1] === '\n') return c; // a CRLF line end (CSV)
    if (keepColour && c === '\u001b') {
      SGR.lastIndex = at;
      if (SGR.test(text)) return c;
    }
    return escapeOne(c);
  });
}

