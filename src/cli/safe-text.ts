/**
 * Text from the ledger (customer names, ids, notes) is data, not commands for the terminal or
 * the shell (issue 19, item 12 and 13): control characters and direction overrides are shown
 * escaped, and commands dunning suggests are quoted for a POSIX shell.
 */
export { escapeControls, escapeForTerminal } from '../domain/terminal-text.js';
export { shellQuote } from '../domain/shell-quote.js';
