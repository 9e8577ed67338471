/**
 * Which IP addresses stet may connect to. The fetcher refuses every address
 * that is not globally reachable unicast unless the operator allows private
 * networks (DESIGN "Fetching politely and safely"): otherwise a watched URL
 * could make stet probe the loopback interface, the LAN or a cloud metadata
 * endpoint (169.254.169.254) — server-side request forgery.
 *
 * Ranges follow the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (RFC 6890 and its updates). Matching uses Node's built-in net.BlockList.
 */
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

/** [network, prefix length, why it is refused]. Order matters only for the reason reported. */
const NON_PUBLIC_RANGES: ReadonlyArray<readonly [string, number, Family, string]> = [
  ['0.0.0.0', 8, 'ipv4', '"this network", incl. unspecified 0.0.0.0 (RFC 791, RFC 6890)'],
  ['10.0.0.0', 8, 'ipv4', 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'ipv4', 'shared address space / carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback (RFC 1122 §3.2.1.3)'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (RFC 3927)'],
  ['172.16.0.0', 12, 'ipv4', 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0', 24, 'ipv4', 'documentation TEST-NET-1 (RFC 5737)'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay anycast, deprecated (RFC 7526)'],
  ['192.168.0.0', 16, 'ipv4', 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'ipv4', 'documentation TEST-NET-2 (RFC 5737)'],
  ['203.0.113.0', 24, 'ipv4', 'documentation TEST-NET-3 (RFC 5737)'],
  ['224.0.0.0', 4, 'ipv4', 'multicast (RFC 5771)'],
  ['240.0.0.0', 4, 'ipv4', 'reserved, incl. limited broadcast 255.255.255.255 (RFC 1112, RFC 919)'],

  ['::', 128, 'ipv6', 'unspecified (RFC 4291 §2.5.2)'],
  ['::1', 128, 'ipv6', 'loopback (RFC 4291 §2.5.3)'],
  ['::', 96, 'ipv6', 'IPv4-compatible, deprecated (RFC 4291 §2.5.5.1)'],
  ['64:ff9b:1::', 48, 'ipv6', 'local-use IPv4/IPv6 translation (RFC 8215)'],
  ['100::', 64, 'ipv6', 'discard-only (RFC 6666)'],
  ['2001::', 23, 'ipv6', 'IETF protocol assignments, incl. Teredo (RFC 2928, RFC 4380)'],
  ['2001:db8::', 32, 'ipv6', 'documentation (RFC 3849)'],
  ['3fff::', 20, 'ipv6', 'documentation (RFC 9637)'],
  ['5f00::', 16, 'ipv6', 'segment routing SIDs (RFC 9602)'],
  ['fc00::', 7, 'ipv6', 'unique local (RFC 4193)'],
  ['fe80::', 10, 'ipv6', 'link-local (RFC 4291 §2.5.6)'],
  ['fec0::', 10, 'ipv6', 'site-local, deprecated (RFC 3879)'],
  ['ff00::', 8, 'ipv6', 'multicast (RFC 4291 §2.7)'],
];

const RULES = NON_PUBLIC_RANGES.map(([network, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { family, list, reason };
});

/**
 * Why `address` must not be fetched from, or null when it is globally
 * reachable unicast. Anything that is not an IP address is refused.
 * IPv6 forms that embed an IPv4 address are judged by that address:
 * IPv4-mapped ::ffff:a.b.c.d (RFC 4291 §2.5.5.2), NAT64 64:ff9b::/96
 * (RFC 6052) and 6to4 2002::/16 (RFC 3056).
 */
export function nonPublicReason(address: string): string | null {
  // A scope id ("fe80::1%eth0") is not part of the address (RFC 4007 §11).
  const bare = address.replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return matchRule(bare, 'ipv4');
  if (version !== 6) return 'not an IP address';
  const embedded = embeddedIpv4(bare);
  if (embedded !== null) {
    const reason = matchRule(embedded.ipv4, 'ipv4');
    return reason === null ? null : `${embedded.kind} form of ${embedded.ipv4}: ${reason}`;
  }
  return matchRule(bare, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  return nonPublicReason(address) === null;
}

function matchRule(address: string, family: Family): string | null {
  for (const rule of RULES) {
    if (rule.family === family && rule.list.check(address, family)) return rule.reason;
  }
  return null;
}

/** Sixteen bytes of an IPv6 address already validated by net.isIP. */
function ipv6Bytes(address: string): Uint8Array {
  // The WHATWG URL host parser canonicalises the address (lower case,
  // dotted-quad tails rewritten as hex), leaving only "::" to expand.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros: string[] = Array.from({ length: 8 - headParts.length - tailParts.length }, () => '0');
  const groups = tail === undefined ? headParts : [...headParts, ...zeros, ...tailParts];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function embeddedIpv4(address: string): { kind: string; ipv4: string } | null {
  const b = ipv6Bytes(address);
  const startsWith = (prefix: number[]) => prefix.every((byte, i) => b[i] === byte);
  const quad = (at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
  if (startsWith([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])) return { kind: 'IPv4-mapped', ipv4: quad(12) };
  // ::ffff:0:a.b.c.d, the "IPv4-translated" form of SIIT (RFC 2765 §2.1).
  if (startsWith([0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0])) return { kind: 'IPv4-translated', ipv4: quad(12) };
  if (startsWith([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return { kind: 'NAT64', ipv4: quad(12) };
  if (startsWith([0x20, 0x02])) return { kind: '6to4', ipv4: quad(2) };
  return null;
}
