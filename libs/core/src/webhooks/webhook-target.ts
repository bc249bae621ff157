import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '@threadline/domain';

// Loopback, private, link-local (cloud metadata), carrier-grade NAT and unspecified ranges.
const INTERNAL = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) INTERNAL.addSubnet(net, prefix, 'ipv6');

/** True for an address a webhook must not reach from a shared deployment (IPv4-mapped IPv6 included). */
export function isInternalAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  return INTERNAL.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Refuses a webhook URL whose host is, or resolves to, an internal address: a tenant must not make the
 * server call its own network (SSRF). Checked when the endpoint is created and again before each delivery.
 */
export async function assertExternalWebhookUrl(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new DomainError('VALIDATION_FAILED', `url: the host ${host} does not resolve.`, { field: 'url' });
  const internal = addresses.find(isInternalAddress);
  if (internal) {
    throw new DomainError('VALIDATION_FAILED', `url: ${host} resolves to the internal address ${internal}; webhooks go to public addresses (set WEBHOOK_ALLOW_PRIVATE_URLS=true for a receiver on your own network).`, { field: 'url' });
  }
}
