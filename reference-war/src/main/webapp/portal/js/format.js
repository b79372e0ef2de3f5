// Formatting for the browser's locale: money in the workspace's currency, credits at the
// workspace's scale, dates in the workspace's time zone.

/** Formatters for one workspace membership ({currency, creditScale, timeZone}). */
export function formatterFor(membership, locale = undefined) {
  const scale = membership.creditScale ?? 0;
  const credits = new Intl.NumberFormat(locale, {
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
  });
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const zone = membership.timeZone || 'UTC';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  });
  const moneyFormats = new Map();
  const moneyFormat = (currency, precise) => {
    const key = `${currency}/${precise}`;
    if (!moneyFormats.has(key)) {
      const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
        .minimumFractionDigits;
      moneyFormats.set(
        key,
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: precise ? Math.max(digits, 4) : digits,
        }),
      );
    }
    return moneyFormats.get(key);
  };
  return {
    /** "1,250" (or "1,250.50" at scale 2). */
    credits: (n) => credits.format(Number(n ?? 0)),
    /** "$449.00" from {amount: "449.00", currency: "USD"}. */
    money: (m) => (m ? moneyFormat(m.currency || membership.currency, false).format(Number(m.amount)) : ''),
    /** A price per credit, to 4 decimals: "$0.898". */
    unitPrice: (m) => (m ? moneyFormat(m.currency || membership.currency, true).format(Number(m.amount)) : ''),
    /** "12.5 %". */
    percent: (n) => `${percent.format(Number(n ?? 0))} %`,
    /** A date (no time) in the workspace's zone. */
    date: (iso) => (iso ? date.format(new Date(iso)) : ''),
    /** A date and time in the workspace's zone. */
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ''),
    /** A calendar day "2026-12-06" as a date (it is already in the workspace's zone). */
    day: (isoDay) =>
      isoDay
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
            new Date(`${isoDay}T00:00:00Z`),
          )
        : '',
    /** A period of days given as its first day and the day after its last: "Nov 1 – Nov 30, 2026". */
    period(startDay, endDayExclusive) {
      return `${this.day(startDay)} – ${this.day(this.addDays(endDayExclusive, -1))}`;
    },
    /** Today's calendar day in the workspace's zone, "2026-12-06". */
    today: () => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date()),
    /** A calendar day moved by n days: addDays("2026-12-06", -29). */
    addDays: (isoDay, n) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10),
    /** The calendar day (in the workspace's zone) of an instant: "2026-12-06". */
    dayOf: (iso) => (iso ? new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(iso)) : ''),
    /** The instant a calendar day begins in the workspace's zone, as ISO-8601 UTC. */
    startOfDay: (isoDay) => {
      const wall = Date.parse(`${isoDay}T00:00:00Z`);
      let t = wall - offsetAt(wall, zone);
      t = wall - offsetAt(t, zone); // again, in case the first guess crossed a DST change
      return new Date(t).toISOString();
    },
    zone,
    scale,
  };
}

/** How far the zone's wall clock is ahead of UTC at instant t (milliseconds). */
function offsetAt(t, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const v = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]));
  return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - (t - (t % 1000));
}
