import { addDays, computeStreak, dayOfWeek, daysBetween, localDay, monthsSpanned, startOfWeek } from '../../shared/rules/streak';

describe('localDay (the teacher’s calendar day)', () => {
  it.each([
    ['2025-03-14T12:00:00Z', 'UTC', '2025-03-14'],
    // West of UTC: the evening is still "yesterday" in UTC terms.
    ['2025-03-15T03:30:00Z', 'America/Los_Angeles', '2025-03-14'],
    // East of UTC: already tomorrow.
    ['2025-03-14T15:30:00Z', 'Asia/Tokyo', '2025-03-15'],
    // Year edge in both directions.
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12-31'],
    ['2025-12-31T10:00:00Z', 'Pacific/Kiritimati', '2026-01-01'],
    // Half-hour and 45-minute zones switch days at :30 and :15 UTC.
    ['2025-02-28T18:29:59Z', 'Asia/Kolkata', '2025-02-28'],
    ['2025-02-28T18:30:00Z', 'Asia/Kolkata', '2025-03-01'],
    ['2025-01-01T18:14:59Z', 'Asia/Kathmandu', '2025-01-01'],
    ['2025-01-01T18:15:00Z', 'Asia/Kathmandu', '2025-01-02'],
    // DST, New York: midnight is 05:00Z before the spring change and 04:00Z after it.
    ['2025-03-09T04:59:59Z', 'America/New_York', '2025-03-08'],
    ['2025-03-09T05:00:00Z', 'America/New_York', '2025-03-09'],
    ['2025-03-10T03:59:59Z', 'America/New_York', '2025-03-09'],
    ['2025-03-10T04:00:00Z', 'America/New_York', '2025-03-10'],
    // The 25-hour day of the autumn change.
    ['2025-11-02T04:00:00Z', 'America/New_York', '2025-11-02'],
    ['2025-11-03T04:59:59Z', 'America/New_York', '2025-11-02'],
    ['2025-11-03T05:00:00Z', 'America/New_York', '2025-11-03'],
    // Southern hemisphere: Sydney leaves DST in April.
    ['2025-04-05T12:59:59Z', 'Australia/Sydney', '2025-04-05'],
    ['2025-04-05T13:00:00Z', 'Australia/Sydney', '2025-04-06'],
    ['2025-04-06T13:59:59Z', 'Australia/Sydney', '2025-04-06'],
    ['2025-04-06T14:00:00Z', 'Australia/Sydney', '2025-04-07'],
  ])('%s in %s is %s', (at, zone, day) => {
    expect(localDay(new Date(at), zone)).toBe(day);
  });

  it('counts in UTC for an unknown zone', () => {
    expect(localDay(new Date('2025-03-15T03:30:00Z'), 'Not/AZone')).toBe('2025-03-15');
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-03-09', 1, '2025-03-10'],
    ['2025-11-02', 1, '2025-11-03'],
    ['2025-03-01', -365, '2024-03-01'],
  ])('%s + %i = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it('knows weekdays and week starts (Sunday)', () => {
    expect(dayOfWeek('2025-03-09')).toBe(0);
    expect(dayOfWeek('2025-03-15')).toBe(6);
    expect(startOfWeek('2025-03-15')).toBe('2025-03-09');
    expect(startOfWeek('2025-03-09')).toBe('2025-03-09');
    expect(startOfWeek('2026-01-01')).toBe('2025-12-28');
  });

  it('counts months spanned, both ends included', () => {
    expect(monthsSpanned('2025-03-31', '2025-03-01')).toBe(1);
    expect(monthsSpanned('2025-01-31', '2025-02-01')).toBe(2);
    expect(monthsSpanned('2024-11-15', '2025-02-01')).toBe(4);
  });

  it('refuses something that is not a day', () => {
    expect(() => addDays('2025-3-1', 1)).toThrow(/not a day/);
  });
});

describe('computeStreak', () => {
  const today = '2025-03-14';

  it('is zero with no activity', () => {
    expect(computeStreak([], today)).toEqual({ current: 0, longest: 0, lastActiveDay: null });
  });

  it('counts consecutive days ending today', () => {
    expect(computeStreak(['2025-03-12', '2025-03-13', '2025-03-14'], today)).toEqual({ current: 3, longest: 3, lastActiveDay: '2025-03-14' });
  });

  it('keeps a streak alive through today when yesterday was active', () => {
    expect(computeStreak(['2025-03-12', '2025-03-13'], today).current).toBe(2);
  });

  it('breaks after a gap of a whole day', () => {
    expect(computeStreak(['2025-03-10', '2025-03-11', '2025-03-12'], today)).toEqual({ current: 0, longest: 3, lastActiveDay: '2025-03-12' });
  });

  it('starts over after a gap and remembers the longest run', () => {
    const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-13', '2025-03-14'];
    expect(computeStreak(days, today)).toEqual({ current: 2, longest: 4, lastActiveDay: '2025-03-14' });
  });

  it('runs across month and year ends, and through a leap day', () => {
    expect(computeStreak(['2025-12-30', '2025-12-31', '2026-01-01'], '2026-01-01').current).toBe(3);
    expect(computeStreak(['2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-01').current).toBe(3);
    expect(computeStreak(['2025-02-28', '2025-03-01'], '2025-03-01').current).toBe(2);
  });

  it('runs through the short and long days of DST changes (days from instants in the zone)', () => {
    const zone = 'America/New_York';
    // Grading at 23:30 local each evening around the spring and autumn changes.
    const spring = ['2025-03-08T04:30:00Z', '2025-03-09T04:30:00Z', '2025-03-10T03:30:00Z', '2025-03-11T03:30:00Z'].map((t) => localDay(new Date(t), zone));
    expect(spring).toEqual(['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10']);
    expect(computeStreak(spring, '2025-03-10').current).toBe(4);
    const autumn = ['2025-11-02T03:30:00Z', '2025-11-03T04:30:00Z', '2025-11-04T04:30:00Z'].map((t) => localDay(new Date(t), zone));
    expect(autumn).toEqual(['2025-11-01', '2025-11-02', '2025-11-03']);
    expect(computeStreak(autumn, '2025-11-03').current).toBe(3);
  });

  it('depends on the zone: the same instants can be one day or two', () => {
    const instants = [new Date('2025-03-14T01:00:00Z'), new Date('2025-03-14T23:00:00Z')];
    expect(computeStreak(instants.map((i) => localDay(i, 'UTC')), '2025-03-14').current).toBe(1);
    expect(computeStreak(instants.map((i) => localDay(i, 'America/Los_Angeles')), '2025-03-14').current).toBe(2);
  });

  it('ignores duplicates and order', () => {
    expect(computeStreak(['2025-03-14', '2025-03-13', '2025-03-14', '2025-03-13'], today)).toEqual({ current: 2, longest: 2, lastActiveDay: '2025-03-14' });
  });

  it('keeps a longest streak carried over from pruned history', () => {
    expect(computeStreak(['2025-03-14'], today, 9)).toEqual({ current: 1, longest: 9, lastActiveDay: '2025-03-14' });
    expect(computeStreak([], today, 9).longest).toBe(9);
  });

  it('does not let a day after today extend the current streak', () => {
    expect(computeStreak(['2025-03-15'], today)).toEqual({ current: 0, longest: 1, lastActiveDay: '2025-03-15' });
  });
});
