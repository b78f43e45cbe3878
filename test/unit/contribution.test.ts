import { CHART_WEEKS, chartStart, contributionGrid, intensityLevel } from '../../shared/rules/contribution';
import { addDays, dayOfWeek } from '../../shared/rules/streak';

describe('intensityLevel', () => {
  it.each([
    [0, 10, 0],
    [1, 10, 1],
    [2, 10, 1],
    [3, 10, 2],
    [5, 10, 2],
    [6, 10, 3],
    [8, 10, 4],
    [10, 10, 4],
    [1, 1, 4],
    [1, 35, 1],
    [0, 0, 0],
  ])('%i of max %i is level %i', (count, max, level) => {
    expect(intensityLevel(count, max)).toBe(level);
  });
});

describe('contributionGrid', () => {
  it('shows 53 week columns, Sunday first, ending today', () => {
    const today = '2025-03-14'; // a Friday
    const grid = contributionGrid({}, today);
    expect(grid.weeks).toHaveLength(CHART_WEEKS);
    expect(grid.from).toBe(chartStart(today));
    expect(dayOfWeek(grid.from)).toBe(0);
    expect(grid.to).toBe(today);
    expect(grid.weeks.slice(0, -1).every((w) => w.length === 7)).toBe(true);
    // The last column stops at Friday.
    expect(grid.weeks.at(-1)!.map((c) => c.day)).toEqual(['2025-03-09', '2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14']);
    expect(grid.weeks[0]![0]!.day).toBe('2024-03-10'); // 52 weeks before this week's Sunday
    expect(grid).toMatchObject({ maxPerDay: 0, activeDays: 0, total: 0 });
  });

  it('is a full last column on a Saturday and a single cell on a Sunday', () => {
    expect(contributionGrid({}, '2025-03-15').weeks.at(-1)).toHaveLength(7);
    const sunday = contributionGrid({}, '2025-03-16');
    expect(sunday.weeks.at(-1)).toHaveLength(1);
    expect(sunday.weeks).toHaveLength(CHART_WEEKS);
  });

  it('places counts on their days, shades them against the busiest day, and ignores days outside the range', () => {
    const today = '2026-01-02';
    const counts = {
      '2026-01-02': 35,
      '2025-12-31': 10,
      '2026-01-01': 1,
      [addDays(chartStart(today), -1)]: 99, // the day before the chart starts
      '2026-01-03': 50, // tomorrow
    };
    const grid = contributionGrid(counts, today);
    const cells = grid.weeks.flat();
    const cell = (day: string) => cells.find((c) => c.day === day);
    expect(cell('2026-01-02')).toEqual({ day: '2026-01-02', count: 35, level: 4 });
    expect(cell('2025-12-31')).toEqual({ day: '2025-12-31', count: 10, level: 2 });
    expect(cell('2026-01-01')).toEqual({ day: '2026-01-01', count: 1, level: 1 });
    expect(cell('2026-01-03')).toBeUndefined();
    expect(grid).toMatchObject({ maxPerDay: 35, activeDays: 3, total: 46 });
  });

  it('has one cell per day with no gaps or repeats across a leap year', () => {
    const grid = contributionGrid({}, '2024-12-31');
    const days = grid.weeks.flat().map((c) => c.day);
    expect(new Set(days).size).toBe(days.length);
    days.forEach((d, i) => i > 0 && expect(addDays(days[i - 1]!, 1)).toBe(d));
    expect(days).toContain('2024-02-29');
  });

  it('treats negative and fractional counts as what they floor to', () => {
    const grid = contributionGrid({ '2025-03-14': -3, '2025-03-13': 2.7 }, '2025-03-14');
    expect(grid).toMatchObject({ maxPerDay: 2, activeDays: 1, total: 2 });
  });
});
