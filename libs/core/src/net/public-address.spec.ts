import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import fc from 'fast-check';
import { assertPublicLiteral, assertPublicUrl, isPublicAddress, publicOnlyLookup } from './public-address';

// Every range a tenant-supplied URL must not reach, one address each (and its edges where a range is new).
const NON_PUBLIC: Array<[string, string]> = [
  ['0.0.0.0', 'unspecified'], ['0.1.2.3', '0.0.0.0/8'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
  ['192.168.1.10', 'private'], ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['169.254.169.254', 'link-local (cloud metadata)'],
  ['100.64.0.1', 'carrier-grade NAT'], ['100.127.255.255', 'carrier-grade NAT'], ['198.18.0.1', '198.18.0.0/15'], ['198.19.255.255', '198.18.0.0/15'],
  ['192.0.0.8', '192.0.0.0/24'], ['192.0.0.255', '192.0.0.0/24'], ['192.0.2.1', 'TEST-NET-1'], ['198.51.100.1', 'TEST-NET-2'], ['203.0.113.1', 'TEST-NET-3'],
  ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['255.255.255.255', 'broadcast'], ['240.0.0.1', 'reserved'],
  ['::', 'unspecified'], ['::1', 'loopback'], ['fc00::1', 'unique local'], ['fd12:3456::1', 'unique local'], ['fe80::1', 'link-local'],
  ['fec0::1', 'site-local fec0::/10'], ['feff::1', 'site-local fec0::/10'], ['ff02::1', 'multicast'], ['ff0e::1', 'multicast'],
  ['2001:db8::1', 'documentation'], ['100::1', 'discard'], ['2001::1', 'teredo'], ['64:ff9b:1::1', 'local-use NAT64'], ['::ffff:0:7f00:1', 'IPv4-translated'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'], ['::ffff:10.0.0.1', 'IPv4-mapped private'], ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
  ['::127.0.0.1', 'IPv4-compatible loopback'], ['::7f00:1', 'IPv4-compatible loopback (hex)'], ['::a9fe:a9fe', 'IPv4-compatible metadata'],
  ['64:ff9b::127.0.0.1', 'NAT64 of loopback'], ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'], ['64:ff9b::10.0.0.1', 'NAT64 of private'],
  ['2002:7f00:1::', '6to4 of loopback'], ['2002:a9fe:a9fe::1', '6to4 of metadata'], ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
  ['not-an-ip', 'not an address'], ['', 'empty'],
];

const PUBLIC: Array<[string, string]> = [
  ['93.184.216.34', 'public IPv4'], ['8.8.8.8', 'public IPv4'], ['172.32.0.1', 'just past 172.16/12'], ['198.20.0.1', 'just past 198.18/15'],
  ['192.0.1.1', 'just past 192.0.0.0/24'], ['100.128.0.1', 'just past CGNAT'], ['2606:4700::1111', 'public IPv6'], ['2a00:1450:4007:80f::200e', 'public IPv6'],
  ['::ffff:8.8.8.8', 'IPv4-mapped public'], ['64:ff9b::808:808', 'NAT64 of a public IPv4 (DNS64 networks)'], ['2002:808:808::1', '6to4 of a public IPv4'],
];

const toIpv4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const fromIpv4 = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const inCidr = (base: string, prefix: number) => fc.integer({ min: 0, max: 2 ** (32 - prefix) - 1 }).map((n) => toIpv4(fromIpv4(base) + n));
const hex = (ip: string) => {
  const n = fromIpv4(ip);
  return `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
};
/** Every IPv6 spelling that carries an IPv4 address. */
const embeddings = (ip: string) => [`::ffff:${ip}`, `::${ip}`, `::${hex(ip)}`, `64:ff9b::${ip}`, `64:ff9b::${hex(ip)}`, `2002:${hex(ip)}::1`];

const BLOCKED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

describe('isPublicAddress', () => {
  it.each(NON_PUBLIC)('does refuse %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(PUBLIC)('does allow %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it('does refuse every address of every blocked IPv4 range, in every IPv6 spelling too', () => {
    const blocked = fc.oneof(...BLOCKED_V4.map(([base, prefix]) => inCidr(base, prefix)));
    fc.assert(fc.property(blocked, (ip) => [ip, ...embeddings(ip)].every((a) => !isPublicAddress(a))), { numRuns: 2000 });
  });

  it('does judge an IPv6 spelling of an IPv4 address exactly as the IPv4 address', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => embeddings(ip).every((a) => isPublicAddress(a) === isPublicAddress(ip))), { numRuns: 2000 });
  });

  it('does refuse every address of the non-public IPv6 ranges', () => {
    const word = fc.integer({ min: 0, max: 0xffff });
    const inPrefix = (first: number, bits: number) =>
      fc.tuple(word, fc.array(word, { minLength: 7, maxLength: 7 })).map(([w, rest]) => [((first >> (16 - bits)) << (16 - bits)) | (w & ((1 << (16 - bits)) - 1)), ...rest].map((x) => x.toString(16)).join(':'));
    const ranges = fc.oneof(inPrefix(0xfc00, 7), inPrefix(0xfe80, 10), inPrefix(0xfec0, 10), inPrefix(0xff00, 8));
    fc.assert(fc.property(ranges, (ip) => !isPublicAddress(ip)), { numRuns: 2000 });
  });
});

describe('publicOnlyLookup', () => {
  const resolving = (addresses: LookupAddress[]) =>
    jest.spyOn(dns, 'lookup').mockImplementation(((_host: string, _opts: unknown, cb: (err: null, a: LookupAddress[]) => void) => cb(null, addresses)) as unknown as typeof dns.lookup);
  const run = (options: dns.LookupOptions) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
      publicOnlyLookup('receiver.example', options, (err, address, family) => resolve({ err, address, family })),
    );

  afterEach(() => jest.restoreAllMocks());

  it('does refuse a name that resolves only to loopback, with code ENOTPUBLIC', async () => {
    const { err } = await new Promise<{ err: NodeJS.ErrnoException | null }>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve({ err: e })));
    expect(err).toMatchObject({ code: 'ENOTPUBLIC', message: expect.stringContaining('127.0.0.1') });
  });

  it('does keep only the public addresses when a name resolves to public and internal ones (all: true)', async () => {
    resolving([{ address: '127.0.0.1', family: 4 }, { address: '93.184.216.34', family: 4 }, { address: '::ffff:10.0.0.1', family: 6 }]);
    expect(await run({ all: true })).toEqual({ err: null, address: [{ address: '93.184.216.34', family: 4 }], family: undefined });
  });

  it('does answer one public address when the caller asks for one', async () => {
    resolving([{ address: '169.254.169.254', family: 4 }, { address: '2606:4700::1111', family: 6 }]);
    expect(await run({})).toEqual({ err: null, address: '2606:4700::1111', family: 6 });
  });

  it('does refuse a rebinding name whose every address is internal, naming them', async () => {
    resolving([{ address: '::127.0.0.1', family: 6 }, { address: '198.18.0.1', family: 4 }]);
    const { err } = await run({ all: true });
    expect(err).toMatchObject({ code: 'ENOTPUBLIC', message: 'receiver.example resolves only to non-public addresses (::127.0.0.1, 198.18.0.1)' });
  });
});

describe('assertPublicUrl and assertPublicLiteral', () => {
  it.each(['http://127.0.0.1:8080/hooks', 'http://[::1]/x', 'http://[::127.0.0.1]/x', 'http://[64:ff9b::7f00:1]/x', 'http://[2002:7f00:1::]/x', 'http://169.254.169.254/latest', 'http://198.18.0.1/', 'http://0x7f.1/'])(
    'does refuse %s, naming the field',
    async (url) => {
      await expect(assertPublicUrl(url, 'url', 'hint')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
      expect(() => assertPublicLiteral(url, 'proxyUrl', 'hint')).toThrow(expect.objectContaining({ field: 'proxyUrl' }));
    },
  );

  it('does refuse a name that resolves to loopback, saying what it resolves to', async () => {
    await expect(assertPublicUrl('http://localhost:3000/hooks', 'url', 'set X.')).rejects.toMatchObject({
      field: 'url',
      message: expect.stringMatching(/^url: localhost resolves to (127\.0\.0\.1|::1), which is not a public address; set X\.$/),
    });
  });

  it('does accept a public literal, and leaves names to the connect-time lookup', async () => {
    await expect(assertPublicUrl('https://93.184.216.34/hooks', 'url', 'hint')).resolves.toBeUndefined();
    expect(() => assertPublicLiteral('https://[2606:4700::1111]/hooks', 'url', 'hint')).not.toThrow();
    expect(() => assertPublicLiteral('http://localhost/hooks', 'url', 'hint')).not.toThrow();
  });
});
