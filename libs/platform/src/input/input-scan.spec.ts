import { MAX_INPUT_DEPTH, scanInput, stringProblem } from './input-scan';

function deepObject(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function deepArray(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

describe('scanInput', () => {
  it('accepts ordinary input, tabs and line breaks included', () => {
    expect(
      scanInput({ name: '张三', notes: '第一行\n第二行\t完', counts: { residents: 3 }, items: [{ code: 'a' }, 'b', 1, null, true] }),
    ).toEqual([]);
  });

  it(`accepts nesting up to ${MAX_INPUT_DEPTH} levels and refuses the next, naming where it goes too deep`, () => {
    expect(scanInput(deepObject(MAX_INPUT_DEPTH))).toEqual([]);
    const found = scanInput(deepObject(MAX_INPUT_DEPTH + 1));
    expect(found).toEqual([
      {
        field: Array(MAX_INPUT_DEPTH).fill('a').join('.'),
        reasons: [`must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep`],
      },
    ]);
  });

  it('walks an object 5,000 levels deep and an array 40,000 deep without overflowing the stack', () => {
    expect(scanInput(deepObject(5_000))).toEqual([
      { field: expect.stringMatching(/^a(\.a){31}$/), reasons: [expect.stringContaining('32 levels')] },
    ]);
    expect(scanInput({ items: deepArray(40_000) })).toEqual([
      { field: `items${'.0'.repeat(31)}`, reasons: [expect.stringContaining('32 levels')] },
    ]);
    expect(scanInput(deepArray(40_000))[0]!.field).toBe(Array(32).fill('0').join('.'));
  });

  it('refuses __proto__, constructor and prototype keys anywhere, by path', () => {
    const body = JSON.parse('{"name":"x","__proto__":{"admin":true},"deceased":{"constructor":{"prototype":{}}},"list":[{"prototype":1}]}');
    expect(scanInput(body)).toEqual([
      { field: '__proto__', reasons: ['is not an accepted field name (__proto__)'] },
      { field: 'deceased.constructor', reasons: ['is not an accepted field name (constructor)'] },
      { field: 'list.0.prototype', reasons: ['is not an accepted field name (prototype)'] },
    ]);
  });

  it('refuses control characters, unpaired surrogates and blank strings, by path', () => {
    const found = scanInput({
      name: 'A\u0000B',
      family: { phone: '1\u001b3' },
      tags: ['ok', '\u0085'],
      title: '   ',
      wide: '\u3000',
      bad: 'x\ud800',
      'k\u0007': 1,
    });
    expect(found.map((f) => f.field)).toEqual(['name', 'family.phone', 'tags.1', 'title', 'wide', 'bad', 'k\u0007']);
    expect(found[0]!.reasons).toEqual(['must not contain control characters (U+0000 at position 1)']);
    expect(found[3]!.reasons).toEqual(['must not be blank (only spaces)']);
  });

  it('names a parameter by its name, and accepts the empty string (the DTO rules judge it)', () => {
    expect(scanInput('3305\u0000', { name: 'townshipCode' })).toEqual([
      { field: 'townshipCode', reasons: [expect.stringContaining('control characters')] },
    ]);
    expect(scanInput('', { name: 'q' })).toEqual([]);
    expect(stringProblem('正常 text')).toBeUndefined();
  });

  it('stops after 50 findings', () => {
    const body = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, ' ']));
    expect(scanInput(body)).toHaveLength(50);
  });
});
