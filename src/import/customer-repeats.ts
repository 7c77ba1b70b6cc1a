import type { InvoiceRecord } from '../domain/invoice-record.js';

/** Enough for an accountant's 100,000 customers; past it, rows of customers not yet met are not marked. */
const REPEATS_LIMIT = 200_000;
/** Characters of text the remembered customers may take (64 MB) before they are forgotten and met again. */
const ARENA_LIMIT = 32 << 20;
/** In place of a field's length: the customer's fields were too long to remember, and are never repeated (nor is an id as long). */
const UNMATCHABLE = 0xffff;

/**
 * Marks rows whose customer fields (and contact name, in a file with the column) are those of
 * that customer's previous row in the file: most rows of an export repeat a customer, and the
 * ledger then has nothing to compare or write.
 *
 * Lookups in random order cost cache misses, not arithmetic, so there is no Map of strings
 * (four misses a row: bucket, entry, key, value). Here a customer is a record in one array of characters
 * (its id, then each field after its length plus one, 0 for none: no separator to confuse), and
 * a table of [hash of the id, where its record is] finds it with one miss, and the record with
 * another. A customer whose details change gets a new record; the old one is left behind until
 * the array is full, when everything is forgotten (an unmarked row only costs the ledger a
 * comparison).
 */
export class CustomerRepeats {
  /** Pairs of [hash of the id, position of its record + 1]; 0 for an empty slot. */
  private slots = new Int32Array(2 * 4096);
  private count = 0;
  private arena: Uint16Array;
  private used = 0;

  /**
   * `arenaLimit`: characters to remember before forgetting all (a test makes it small).
   * `contacts`: the file has a contact_name column, a sixth field to compare.
   */
  constructor(
    private readonly arenaLimit = ARENA_LIMIT,
    private readonly contacts = false,
  ) {
    this.arena = new Uint16Array(Math.min(1 << 16, arenaLimit));
  }

  mark(r: InvoiceRecord): void {
    const id = r.customerId;
    if (id.length >= UNMATCHABLE) return;
    const hash = hashOf(id);
    const slot = this.find(id, hash);
    const at = this.slots[slot + 1]! - 1;
    if (at >= 0) {
      if (this.sameFields(at + 1 + id.length, r)) r.customerRepeated = true;
      else this.keep(slot, hash, r);
      return;
    }
    if (this.count >= REPEATS_LIMIT) return;
    this.count++;
    this.keep(slot, hash, r);
    if (this.count * 2 > this.slots.length / 2) this.grow();
  }

  /** The slot of this id, or the empty slot where it would go. */
  private find(id: string, hash: number): number {
    const { slots, arena } = this;
    const mask = slots.length - 2;
    for (let s = (hash << 1) & mask; ; s = (s + 2) & mask) {
      const at = slots[s + 1]! - 1;
      if (at < 0) return s;
      if (slots[s] !== hash || arena[at] !== id.length) continue;
      let k = 0;
      while (k < id.length && arena[at + 1 + k] === id.charCodeAt(k)) k++;
      if (k === id.length) return s;
    }
  }

  /** Whether the fields recorded from `p` are the row's. */
  private sameFields(p: number, r: InvoiceRecord): boolean {
    p = this.same(p, r.customerName);
    p = this.same(p, r.email);
    p = this.same(p, r.language);
    p = this.same(p, r.address);
    p = this.same(p, r.phone);
    if (this.contacts) p = this.same(p, r.contactName ?? null);
    return p >= 0;
  }

  /** Where the next field is recorded, if the field recorded at `p` is `f`; else -1. */
  private same(p: number, f: string | null): number {
    if (p < 0) return -1;
    const { arena } = this;
    const n = arena[p]!;
    if (f === null) return n === 0 ? p + 1 : -1;
    if (n !== f.length + 1 || n === UNMATCHABLE) return -1;
    for (let k = 0; k < f.length; k++) if (arena[p + 1 + k] !== f.charCodeAt(k)) return -1;
    return p + 1 + f.length;
  }

  /** Records the row's customer and points `slot` at it. */
  private keep(slot: number, hash: number, r: InvoiceRecord): void {
    const fields = [r.customerName, r.email, r.language, r.address, r.phone];
    if (this.contacts) fields.push(r.contactName ?? null);
    const tooLong = fields.some((f) => f !== null && f.length + 1 >= UNMATCHABLE);
    const size = 1 + r.customerId.length + (tooLong ? 1 : fields.reduce((n, f) => n + 1 + (f?.length ?? 0), 0));
    if (this.used + size > this.arena.length && !this.room(size)) {
      // Full: forget every customer, and remember this one alone.
      this.slots.fill(0);
      this.count = 0;
      this.used = 0;
      if (size > this.arena.length) return;
      slot = this.find(r.customerId, hash);
      this.count = 1;
    }
    const { arena } = this;
    const at = this.used;
    let p = at;
    arena[p++] = r.customerId.length;
    for (let k = 0; k < r.customerId.length; k++) arena[p++] = r.customerId.charCodeAt(k);
    if (tooLong) arena[p++] = UNMATCHABLE;
    else {
      for (const f of fields) {
        arena[p++] = f === null ? 0 : f.length + 1;
        if (f !== null) for (let k = 0; k < f.length; k++) arena[p++] = f.charCodeAt(k);
      }
    }
    this.used = p;
    this.slots[slot] = hash;
    this.slots[slot + 1] = at + 1;
  }

  /** Makes room for `size` more characters, within the limit; false if there is none. */
  private room(size: number): boolean {
    let length = this.arena.length;
    while (this.used + size > length) length *= 2;
    if (length > this.arenaLimit) return false;
    const grown = new Uint16Array(length);
    grown.set(this.arena.subarray(0, this.used));
    this.arena = grown;
    return true;
  }

  /** Twice the slots, every customer in its new place. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 2;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let t = (old[s]! << 1) & mask;
      while (slots[t + 1] !== 0) t = (t + 2) & mask;
      slots[t] = old[s]!;
      slots[t + 1] = old[s + 1]!;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the id's UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h | 0;
}
