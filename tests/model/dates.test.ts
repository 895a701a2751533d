// A briefing's date, as precise as its source gives it: the first day of that period (UTC), and in words.
import { describe, expect, it } from 'vitest';
import { briefingDate, formatBriefingDate } from '../../pipeline/model/dates.js';

describe('dates', () => {
  it('dates a year, a month or a day to the first day of that period, UTC', () => {
    expect(briefingDate('2024').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(briefingDate('2024-05').toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(briefingDate('2024-12-31').toISOString()).toBe('2024-12-31T00:00:00.000Z');
  });

  it('says the date in words, as precise as it is written', () => {
    expect(formatBriefingDate('2024')).toBe('2024');
    expect(formatBriefingDate('2024-05')).toBe('May 2024');
    expect(formatBriefingDate('2024-05-03')).toBe('3 May 2024');
    const months = Array.from({ length: 12 }, (_, i) => formatBriefingDate(`2024-${String(i + 1).padStart(2, '0')}`));
    expect(months).toEqual(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map((m) => `${m} 2024`));
  });
});
