import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '@threadline/domain';

/**
 * True only for a public unicast address (ipaddr.js ranges: loopback, private, link-local, CGNAT,
 * reserved, benchmarking, multicast, broadcast, ULA, site-local… are not). An IPv6 address that
 * embeds an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4) is judged by that IPv4.
 */
export function isPublicAddress(ip: string): boolean {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(ip);
  } catch {
    return false;
  }
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  const embedded = embeddedIpv4(v6);
  return embedded ? embedded.range() === 'unicast' : v6.range() === 'unicast';
}

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = address.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  if (zeros(0, 6)) return fromWords(p[6]!, p[7]!); // IPv4-compatible ::a.b.c.d (:: and ::1 included)
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return fromWords(p[6]!, p[7]!); // NAT64
  if (p[0] === 0x2002) return fromWords(p[1]!, p[2]!); // 6to4
  return null;
}

/** What a connect-time lookup answers when a name has no public address left; its code is ENOTPUBLIC. */
export class NonPublicAddressError extends Error {
  readonly code = 'ENOTPUBLIC';

  constructor(readonly hostname: string, readonly address: string) {
    super(`${hostname} resolves only to non-public addresses (${address})`);
    this.name = 'NonPublicAddressError';
  }
}

/**
 * A `net.connect` lookup that keeps only the public addresses of a name, so the check holds for the
 * address the socket really connects to (a second resolution cannot rebind it). IP literals never reach
 * a lookup: check those with assertPublicLiteral.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const allowed = addresses.filter((a) => isPublicAddress(a.address));
    if (allowed.length === 0) return callback(new NonPublicAddressError(hostname, addresses.map((a) => a.address).join(', ')), '', 0);
    if (options.all) return callback(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

function refusal(field: string, host: string, address: string, hint: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${host === address ? host : `${host} resolves to ${address}, which`} is not a public address; ${hint}`, { field });
}

/** Refuses a URL whose host is a non-public IP literal; no DNS (connect-time lookups cover names). */
export function assertPublicLiteral(url: string, field: string, hint: string): void {
  const host = hostOf(url);
  if (isIP(host) && !isPublicAddress(host)) throw refusal(field, host, host, hint);
}

/** Refuses, naming `field`, a URL whose host is or resolves to any non-public address: the clear 400 at the edge. */
export async function assertPublicUrl(url: string, field: string, hint: string): Promise<void> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new DomainError('VALIDATION_FAILED', `${field}: the host ${host} does not resolve.`, { field });
  const internal = addresses.find((a) => !isPublicAddress(a));
  if (internal) throw refusal(field, host, internal, hint);
}
