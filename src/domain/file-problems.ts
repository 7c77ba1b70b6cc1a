/** A problem at a key of a JSON file (config, mapping): the path to the key and what is wrong. */
export interface KeyProblem {
  path: PropertyKey[];
  message: string;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], raw);
}

/**
 * `file: key: what is wrong (found value)`, one line per problem. The value found is shown
 * when it is a plain value; an object or list would only repeat the file.
 */
export function keyProblemLines(file: string, raw: unknown, problems: KeyProblem[]): string[] {
  return problems.map((p) => {
    const key = p.path.map(String).join('.') || '(top level)';
    const value = valueAt(raw, p.path);
    const found = value === undefined || (typeof value === 'object' && value !== null) ? '' : ` (found ${JSON.stringify(value)})`;
    return `${file}: ${key}: ${p.message}${found}`;
  });
}
