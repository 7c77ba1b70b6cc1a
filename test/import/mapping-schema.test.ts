import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { loadMapping } from '../../src/import/mapping-file.js';
import { MappingSchema, mappingJsonSchema } from '../../src/import/mapping-schema.js';
import { PRESETS } from '../../src/import/presets/index.js';
import { ROOT, tempDir } from '../helpers.js';

const PUBLISHED = join(ROOT, 'schema', 'mapping.schema.json');

describe('the mapping file', () => {
  it('has its JSON Schema published as generated from the definition that validates it', () => {
    const generated = `${JSON.stringify(mappingJsonSchema(), null, 2)}\n`;
    // UPDATE_SCHEMA=1 npx vitest run test/import/mapping-schema.test.ts rewrites it after a change.
    if (process.env.UPDATE_SCHEMA) writeFileSync(PUBLISHED, generated);
    expect(readFileSync(PUBLISHED, 'utf8')).toBe(generated);
  });

  it('is the shape of every built-in format too', () => {
    const schema = JSON.parse(readFileSync(PUBLISHED, 'utf8')) as { properties: { columns: { properties: Record<string, unknown> } } };
    for (const p of PRESETS) for (const field of Object.keys(p.mapping.columns)) expect(schema.properties.columns.properties).toHaveProperty(field);
  });

  it('validates every built-in format as written, defaults and all (presets are not parsed at run time)', () => {
    for (const p of PRESETS) expect(MappingSchema.parse(p.mapping), p.name).toEqual(p.mapping);
  });

  it('is shown in the README by an example that validates', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /### A mapping file[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(MappingSchema.safeParse(JSON.parse(example!)).success).toBe(true);
  });

  it('is refused with the key, the value found and what is expected when it is wrong', () => {
    const path = join(tempDir(), 'bad.json');
    writeFileSync(path, JSON.stringify({ columns: { invoice_number: 'No.', amout: 'Total' }, dateOrder: 'ymd', statuses: { Sent: 'sent' } }));
    let message = '';
    try {
      loadMapping(path);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/columns: Unrecognized key: "amout"/);
    expect(message).toContain('dateOrder');
    expect(message).toContain('(found "ymd")');
    expect(message).toContain('statuses.Sent');
  });

  it('is refused when it is not JSON, or not there', () => {
    const path = join(tempDir(), 'broken.json');
    writeFileSync(path, '{ "columns": ');
    expect(() => loadMapping(path)).toThrow(/not valid JSON/);
    expect(() => loadMapping(join(tempDir(), 'none.json'))).toThrow(/no such file/);
  });

  it('is read when an editor saved it with a BOM', () => {
    const path = join(tempDir(), 'bom.json');
    writeFileSync(path, `\ufeff${JSON.stringify({ columns: { invoice_number: 'No.', customer_name: 'Client', issue_date: 'Date', amount: 'Total' } })}`);
    expect(loadMapping(path).columns.invoice_number).toBe('No.');
  });

  it('is refused as a usage error, without waiting, when --map names a directory or a pipe', () => {
    const dir = tempDir();
    expect(() => loadMapping(dir)).toThrow(new UsageError(`${dir}: is a directory, not a file (name the mapping file inside it)`));
    const fifo = join(dir, 'map.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadMapping(fifo)).toThrow(/is a pipe \(FIFO\), not a file/);
  });
});
