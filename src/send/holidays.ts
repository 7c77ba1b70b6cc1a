import { UsageError } from '../domain/errors.js';

/**
 * Public holidays of a country (and region), from the date-holidays library: no hand-kept
 * table. Loaded only when `sending.holidays` is set (its data is large).
 */
export async function publicHolidays(code: string | undefined): Promise<(day: string) => string | null> {
  if (!code) return () => null;
  const { default: Holidays } = await import('date-holidays');
  const [country, state, region] = code.split('-');
  const known = new Holidays();
  if (!known.getCountries()[country!] || (state && !(known.getStates(country!) ?? {})[state])) {
    throw new UsageError(`sending.holidays: "${code}" is not a country (and region) the holiday calendar knows (use a code like "GB", "DE-BY" or "US-NY")`);
  }
  const hd = new Holidays(country!, state ?? '', region ?? '');
  const byYear = new Map<number, Map<string, string>>();
  return (day) => {
    const year = Number(day.slice(0, 4));
    let days = byYear.get(year);
    if (!days) {
      days = new Map();
      for (const h of hd.getHolidays(year)) if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
      byYear.set(year, days);
    }
    return days.get(day) ?? null;
  };
}
