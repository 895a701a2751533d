// A briefing is dated to the year, month or day its source gives. Where a full date is needed (PDF and
// workbook properties) it is the first day of that period, UTC, so outputs do not depend on the build clock.
export function briefingDate(date: string): Date {
  const [year, month = '1', day = '1'] = date.split('-');
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024", "May 2024" or "3 May 2024", as precise as the briefing's date. */
export function formatBriefingDate(date: string): string {
  const [year, month, day] = date.split('-');
  if (!month) return year!;
  const monthName = MONTHS[Number(month) - 1];
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}
