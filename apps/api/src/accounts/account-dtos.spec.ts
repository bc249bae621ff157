import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ConnectAccountDto } from './connect-account.dto';
import { UpdateAccountDto } from './update-account.dto';

const connect = { liAt: 'AQEDAR-li-at-cookie', jsessionId: '"ajax:1234567890"', userAgent: 'Mozilla/5.0 (test agent)' };

async function problems(dto: object): Promise<string[]> {
  return (await validate(dto)).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
}

describe('proxyUrl of the account DTOs', () => {
  it.each(['socks5://user:pass@proxy.example:1080', 'socks4://proxy.example:1080', 'socks5h://proxy.example:1080', 'ftp://proxy.example', 'proxy.example:8080', 'http://'])(
    'does refuse %s, saying which schemes work',
    async (proxyUrl) => {
      for (const dto of [plainToInstance(ConnectAccountDto, { ...connect, proxyUrl }), plainToInstance(UpdateAccountDto, { proxyUrl })]) {
        expect(await problems(dto)).toEqual([expect.stringMatching(/^proxyUrl: must be an http:\/\/ or https:\/\/ proxy URL.*SOCKS proxies are not supported/)]);
      }
    },
  );

  it.each(['https://evil.example/path', 'http://proxy.example:8080/?a=1', 'http://proxy.example#frag', 'http://proxy.example?'])('does refuse %s (a proxy is an origin; the HTTP client would throw)', async (proxyUrl) => {
    for (const dto of [plainToInstance(ConnectAccountDto, { ...connect, proxyUrl }), plainToInstance(UpdateAccountDto, { proxyUrl })]) {
      expect(await problems(dto)).toEqual([expect.stringMatching(/^proxyUrl: must be an http:\/\/ or https:\/\/ proxy URL.*no path, query or fragment/)]);
    }
  });

  it.each(['http://user:pass@proxy.example:8080', 'https://proxy.example', 'http://10.0.0.5:3128', 'http://[2606:4700::1111]:8080'])('does accept %s', async (proxyUrl) => {
    expect(await problems(plainToInstance(ConnectAccountDto, { ...connect, proxyUrl }))).toEqual([]);
    expect(await problems(plainToInstance(UpdateAccountDto, { proxyUrl }))).toEqual([]);
  });

  it('does accept null on update (removes the proxy)', async () => {
    expect(await problems(plainToInstance(UpdateAccountDto, { proxyUrl: null }))).toEqual([]);
  });
});
