import { SEVERITY_GRID_LETTERS } from '@civil/contracts';
import {
  DEFAULT_DEADLINE_DAYS,
  FINDING_SCOPES,
  gridLetter,
  HARM_LEVELS,
  mostSevere,
  rectificationDays,
  rectificationDueDate,
  SEVERITY_GRID_LETTER_LABELS,
} from './severity-grid';

describe('scope × severity grid', () => {
  it.each([
    ['isolated', 1, 'A', 30],
    ['pattern', 1, 'B', 30],
    ['widespread', 1, 'C', 30],
    ['isolated', 2, 'D', 10],
    ['pattern', 2, 'E', 10],
    ['widespread', 2, 'F', 10],
    ['isolated', 3, 'G', 3],
    ['pattern', 3, 'H', 3],
    ['widespread', 3, 'I', 3],
    ['isolated', 4, 'J', 1],
    ['pattern', 4, 'K', 1],
    ['widespread', 4, 'L', 1],
  ] as const)('%s × harm %i is %s, rectified within %i days by default', (scope, harm, letter, days) => {
    expect(gridLetter(scope, harm)).toBe(letter);
    expect(rectificationDays(letter, DEFAULT_DEADLINE_DAYS)).toBe(days);
  });

  it('gives every cell its own letter and every letter a label', () => {
    const letters = HARM_LEVELS.flatMap((h) => FINDING_SCOPES.map((s) => gridLetter(s, h)));
    expect(letters).toEqual([...SEVERITY_GRID_LETTERS]);
    expect(Object.keys(SEVERITY_GRID_LETTER_LABELS)).toEqual([...SEVERITY_GRID_LETTERS]);
  });

  it('counts the due day from the day the notice is served, with the region’s days', () => {
    expect(rectificationDueDate('D', '2026-03-28', DEFAULT_DEADLINE_DAYS)).toBe('2026-04-07');
    expect(rectificationDueDate('J', '2026-03-31', DEFAULT_DEADLINE_DAYS)).toBe('2026-04-01');
    expect(rectificationDueDate('H', '2026-03-05', { ...DEFAULT_DEADLINE_DAYS, actual: 5 })).toBe('2026-03-10');
  });

  it('finds the most severe letter', () => {
    expect(mostSevere(['D', 'J', 'G'])).toBe('J');
    expect(mostSevere(['C', 'D'])).toBe('D');
    expect(mostSevere([])).toBeNull();
  });
});
