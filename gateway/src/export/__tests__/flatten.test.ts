import { columnsOf, csvField, csvLine, findList, flattenRow } from '../flatten';

describe('CSV flattening', () => {
  it('finds the first list or connection in field order, or the one at a path', () => {
    const data = { ecosystem: { code: 'ADS', members: { totalCount: 2, edges: [{ node: { id: 'a' } }, { node: { id: 'b' } }] } }, other: [1] };
    expect(findList(data)).toMatchObject({ path: 'ecosystem.members', rows: [{ id: 'a' }, { id: 'b' }] });
    expect(findList(data)?.connection?.totalCount).toBe(2);
    expect(findList(data, 'other')).toEqual({ path: 'other', rows: [1] });
    expect(findList(data, 'ecosystem.code')).toBeUndefined();
    expect(findList({ a: { b: 1 } })).toBeUndefined();
  });

  it('turns nested objects into dotted columns and joins lists', () => {
    const row = flattenRow({
      name: 'Télécom Paris',
      sectors: ['E_HEALTH', 'DATA_AI'],
      address: { city: 'Palaiseau', country: null },
      memberships: [
        { role: 'MEMBER', ecosystem: { code: 'ADS' } },
        { role: 'TRAINING_PARTNER', ecosystem: { code: 'PSC' } },
      ],
      datasets: [],
      people: { edges: [{ node: { id: 'p1' } }, { node: { id: 'p2' } }] },
      count: 3,
      open: false,
    });
    expect(Object.fromEntries(row)).toEqual({
      name: 'Télécom Paris',
      sectors: 'E_HEALTH; DATA_AI',
      'address.city': 'Palaiseau',
      'address.country': '',
      'memberships.role': 'MEMBER; TRAINING_PARTNER',
      'memberships.ecosystem.code': 'ADS; PSC',
      datasets: '',
      'people.id': 'p1; p2',
      count: '3',
      open: 'false',
    });
    expect(columnsOf([flattenRow({ a: 1 }), flattenRow({ a: 2, b: 3 })])).toEqual(['a', 'b']);
  });

  it('writes RFC 4180 fields and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });
});
