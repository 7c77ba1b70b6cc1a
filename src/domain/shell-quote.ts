/**
 * A word as a POSIX shell reads it back unchanged: bare when it is plainly safe, else in single
 * quotes. Commands dunning suggests carry customer ids from an export; pasting one must never
 * run something hidden in an id (issue 19, item 13).
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._/@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
