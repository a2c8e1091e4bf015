import { columnsOf, csvField, csvLine, findList, flattenRow, leafRows, MAX_LEAF_ROWS } from '../flatten';

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

  it('gives one row per leaf row: nested lists become rows repeating their parents', () => {
    const dataset = {
      title: { fr: 'Base A' },
      keywords: ['cancer', 'sein'],
      publisher: { name: 'HDH' },
      presentedAt: [
        { title: 'MeetMyData #1', start: '2024-01-25' },
        { title: 'MeetMyData #7', start: '2024-07-25' },
      ],
      distributions: [],
    };
    expect(leafRows(dataset).map((row) => Object.fromEntries(row))).toEqual([
      { 'title.fr': 'Base A', keywords: 'cancer; sein', 'publisher.name': 'HDH', 'presentedAt.title': 'MeetMyData #1', 'presentedAt.start': '2024-01-25' },
      { 'title.fr': 'Base A', keywords: 'cancer; sein', 'publisher.name': 'HDH', 'presentedAt.title': 'MeetMyData #7', 'presentedAt.start': '2024-07-25' },
    ]);
    // Two levels, through a connection: one row per (domain, module).
    const domain = { code: 'D', modules: { edges: [{ node: { code: 'M1', providers: [{ name: 'P1' }, { name: 'P2' }] } }, { node: { code: 'M2', providers: [] } }] } };
    expect(leafRows(domain).map((row) => [row.get('modules.code'), row.get('modules.providers.name') ?? ''])).toEqual([
      ['M1', 'P1'],
      ['M1', 'P2'],
      ['M2', ''],
    ]);
  });

  it('adds no column for an empty nested list, in both shapes: the parent row once, the leaves\u2019 columns from rows that have items', () => {
    const events = [
      { title: 'A', tags: [], presentedDatasets: [{ title: { fr: 'D1' } }, { title: { fr: 'D2' } }] },
      { title: 'B', tags: [], presentedDatasets: [] },
    ];
    const items = events.map(flattenRow);
    expect(columnsOf(items)).toEqual(['title', 'presentedDatasets.title.fr']);
    expect(items.map((row) => columnsOf([row]).map((c) => row.get(c)))).toEqual([['A', 'D1; D2'], ['B']]);
    const leaves = events.flatMap(leafRows);
    expect(columnsOf(leaves)).toEqual(['title', 'presentedDatasets.title.fr']);
    expect(leaves.map((row) => [row.get('title'), row.get('presentedDatasets.title.fr') ?? ''])).toEqual([
      ['A', 'D1'],
      ['A', 'D2'],
      ['B', ''],
    ]);
    // A list empty in every row: no column at all.
    expect(columnsOf([{ title: 'C', presentedDatasets: [] }].map(flattenRow))).toEqual(['title']);
    expect(columnsOf([{ title: 'C', presentedDatasets: [] }].flatMap(leafRows))).toEqual(['title']);
  });

  it('refuses a row that would expand past the leaf-row bound (sibling lists multiply)', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ i }));
    expect(() => leafRows({ a: many, b: many })).toThrow(String(MAX_LEAF_ROWS));
  });
});
