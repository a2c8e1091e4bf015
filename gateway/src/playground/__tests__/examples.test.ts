import { loadExampleOperations, parseExampleOperation } from '../examples';
import { renderPlaygroundPage } from '../playground-page';

describe('playground examples', () => {
  it('reads the title, description and variables from the leading comments', () => {
    const example = parseExampleOperation(
      '01-x',
      '# Start-ups\n# of the cluster,\n# with datasets\n# variables: {"first": 5}\nquery X($first: Int) { organizations(first: $first) { totalCount } }\n',
    );
    expect(example.title).toBe('Start-ups');
    expect(example.description).toBe('of the cluster, with datasets');
    expect(JSON.parse(example.variables)).toEqual({ first: 5 });
    expect(example.query).toContain('query X');
  });

  it('reads French lines, then English ones (# en:), title first', () => {
    const example = parseExampleOperation('02-y', '# Les start-ups\n# du pôle\n# en: Start-ups\n# en: of the cluster\n# variables: {}\n{ a }\n');
    expect(example.titles).toEqual({ fr: 'Les start-ups', en: 'Start-ups' });
    expect(example.descriptions).toEqual({ fr: 'du pôle', en: 'of the cluster' });
    expect(example.title).toBe('Les start-ups');
  });

  it('gives every example of the collection a French and an English title', () => {
    for (const example of loadExampleOperations()) {
      expect([example.name, example.titles.en === example.titles.fr && example.titles.fr.length > 0]).toEqual([example.name, false]);
      expect(example.descriptions.en.length).toBeGreaterThan(20);
    }
  });

  it('refuses variables that are not JSON', () => {
    expect(() => parseExampleOperation('bad', '# t\n# variables: {first: 5}\n{ a }')).toThrow(/bad.graphql/);
  });
});

describe('playground page', () => {
  it('references only same-origin assets and keeps its configuration inert', () => {
    const html = renderPlaygroundPage({ endpoint: '/graphql', assetsPath: '/playground/assets', examplesUrl: '/x</script><script>alert(1)</script>' });
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('<script src="/playground/assets/graphiql.min.js"></script>');
  });
});
