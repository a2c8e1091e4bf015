import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { seededFaker } from '../random';

describe('seededFaker', () => {
  it('gives the same demo data for the same seed', () => {
    expect(seededFaker(7).person.fullName()).toBe(seededFaker(7).person.fullName());
  });

  it('is loaded on first use, not with the shared package (its locales stayed in every process heap)', () => {
    const shared = join(__dirname, '..', '..', '..', 'dist', 'index.js');
    const loaded = execFileSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(shared)}); process.stdout.write(String(Object.keys(require.cache).filter((file) => file.includes('@faker-js')).length))`],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(loaded).toBe('0');
  });
});
