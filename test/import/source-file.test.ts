import { describe, expect, it } from 'vitest';
import { fileTrouble, firstInvalidUtf8, lineAt } from '../../src/import/source-file.js';

describe('where a file stops being text', () => {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

  it('finds nothing in valid UTF-8, accents and emoji included', () => {
    expect(firstInvalidUtf8(utf8('a,b\nCafé Lumière,€ 12,50\n🙂\n'))).toBe(-1);
  });

  it('finds the first byte that is not UTF-8, and its line', () => {
    const bytes = join(utf8('invoice_number\nINV-1\nCaf'), new Uint8Array([0xe9]), utf8('\nINV-3\n'));
    const at = firstInvalidUtf8(bytes);
    expect(at).toBe('invoice_number\nINV-1\nCaf'.length);
    expect(lineAt(bytes, at)).toBe(3);
  });

  it('takes a character cut short at the very end of the file as an error, on the last line', () => {
    const bytes = join(utf8('a\nb\nCaf'), new Uint8Array([0xc3]));
    expect(firstInvalidUtf8(bytes)).toBe(bytes.length - 1);
    expect(lineAt(bytes, bytes.length - 1)).toBe(3);
  });

  it('says what a file-system error means to the one importing', () => {
    expect(fileTrouble({ code: 'EACCES' })).toBe("cannot be read: permission denied (check the file's permissions, or copy it somewhere you can read)");
    expect(fileTrouble({ code: 'EISDIR' })).toBe('is a directory, not a file (name the CSV file inside it)');
    expect(fileTrouble({ code: 'ENOENT' })).toContain('the file is gone');
    expect(fileTrouble({ code: 'EBUSY' })).toBeNull();
  });
});
