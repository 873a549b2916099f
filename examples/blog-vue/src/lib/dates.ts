const format = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "April 14, 2026" */
export function longDate(iso: string): string {
  return format.format(new Date(iso));
}
