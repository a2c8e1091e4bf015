import { parseExampleOperation } from '../examples';
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
