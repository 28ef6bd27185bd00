/**
 * Jira's date formats and the user's time zone. Jira renders timestamps in the calling user's zone
 * (`2024-01-02T10:11:12.345+0000`) and reads JQL dates (`"2024-01-02 10:11"`) as wall time in that zone,
 * at minute precision. https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Updated
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at the instant `epochMs`, in minutes (Europe/London in summer: 60). */
export function offsetMinutes(tz: string, epochMs: number): number {
  const parts = Object.fromEntries(formatter(tz).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in `tz` shows the given time (the earlier one in an autumn overlap). */
export function wallTimeToEpoch(tz: string, y: number, mo: number, d: number, h = 0, mi = 0): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let guess = asUtc - offsetMinutes(tz, asUtc) * 60_000;
  guess = asUtc - offsetMinutes(tz, guess) * 60_000;
  return guess;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function localParts(tz: string, epochMs: number) {
  const off = offsetMinutes(tz, epochMs);
  const local = new Date(epochMs + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    ms: pad(local.getUTCMilliseconds(), 3),
    offset: `${sign}${pad(Math.floor(Math.abs(off) / 60))}${pad(Math.abs(off) % 60)}`,
    local,
  };
}

/** Platform API format: `2024-01-02T10:11:12.345+0000`. */
export function jiraDate(epochMs: number, tz: string): string {
  const p = localParts(tz, epochMs);
  return `${p.date}T${p.time}.${p.ms}${p.offset}`;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Service Management API date object: `{iso8601, jira, friendly, epochMillis}`. */
export function serviceDeskDate(epochMs: number, tz: string): { iso8601: string; jira: string; friendly: string; epochMillis: number } {
  const p = localParts(tz, epochMs);
  const h = p.local.getUTCHours();
  const friendly = `${DAYS[p.local.getUTCDay()]} ${pad(h)}:${pad(p.local.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
  return { iso8601: `${p.date}T${p.time}${p.offset}`, jira: `${p.date}T${p.time}.${p.ms}${p.offset}`, friendly, epochMillis: epochMs };
}
