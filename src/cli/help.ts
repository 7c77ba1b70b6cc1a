/** The "Examples:" block every --help leads with. */
export function examples(list: [command: string, what: string][]): string {
  const width = Math.max(...list.map(([c]) => c.length));
  return `Examples:\n${list.map(([c, w]) => `  $ ${c.padEnd(width)}  # ${w}`).join('\n')}\n`;
}
