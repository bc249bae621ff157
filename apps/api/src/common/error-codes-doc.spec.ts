import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@threadline/domain';

describe('the README error list', () => {
  it('does name every error code the API can answer', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
    expect(ERROR_CODES.filter((code) => !section.includes(`\`${code}\``))).toEqual([]);
  });
});
