import { loadRegistryCliConfig } from '../registry-cli-env';

// The CLIs talk to the gateway that `npm start` runs with the same environment.
describe('the subgraph / supergraph CLI settings', () => {
  it('default to npm start\'s gateway: http://localhost:4000, or the port PORT names', () => {
    expect(loadRegistryCliConfig({}).GATEWAY_URL).toBe('http://localhost:4000');
    expect(loadRegistryCliConfig({ PORT: '5123' }).GATEWAY_URL).toBe('http://localhost:5123');
  });

  it('take GATEWAY_URL over PORT, and refuse a bad one with the variable named', () => {
    expect(loadRegistryCliConfig({ PORT: '5123', GATEWAY_URL: 'https://graph.example.org' }).GATEWAY_URL).toBe('https://graph.example.org');
    expect(() => loadRegistryCliConfig({ GATEWAY_URL: 'not a url' })).toThrow(/GATEWAY_URL/);
    expect(() => loadRegistryCliConfig({ PORT: 'x' })).toThrow(/PORT/);
  });
});
