/**
 * The address classifier, table-driven. No traffic: this is where the
 * non-loopback private ranges are covered (the live guard tests only ever
 * aim at loopback).
 */
import { describe, expect, it } from 'vitest';
import { isPublicAddress, nonPublicReason } from '../../../src/fetch/address.ts';

describe('non-public addresses are refused (IANA special-purpose registries, RFC 6890)', () => {
  it.each([
    ['127.0.0.1', 'IPv4 loopback 127/8 (RFC 1122 §3.2.1.3)', /loopback/],
    ['127.255.255.254', 'the whole of 127/8 is loopback, not just .1 (RFC 1122 §3.2.1.3)', /loopback/],
    ['10.0.0.1', 'private 10/8 (RFC 1918)', /private/],
    ['172.16.0.1', 'private 172.16/12, low end (RFC 1918)', /private/],
    ['172.31.255.255', 'private 172.16/12, high end (RFC 1918)', /private/],
    ['192.168.1.1', 'private 192.168/16 (RFC 1918)', /private/],
    ['169.254.169.254', 'link-local 169.254/16, the cloud metadata endpoint (RFC 3927)', /link-local/],
    ['100.64.0.1', 'carrier-grade NAT 100.64/10 (RFC 6598)', /carrier-grade NAT/],
    ['100.127.255.255', 'carrier-grade NAT 100.64/10, high end (RFC 6598)', /carrier-grade NAT/],
    ['0.0.0.0', 'unspecified 0.0.0.0, which Linux connects to loopback (RFC 6890)', /this network/],
    ['224.0.0.1', 'multicast 224/4 (RFC 5771)', /multicast/],
    ['255.255.255.255', 'limited broadcast (RFC 919)', /broadcast/],
    ['240.0.0.1', 'reserved 240/4 (RFC 1112)', /reserved/],
    ['192.0.2.10', 'documentation TEST-NET-1 (RFC 5737)', /documentation/],
    ['198.18.0.1', 'benchmarking 198.18/15 (RFC 2544)', /benchmarking/],
    ['::1', 'IPv6 loopback (RFC 4291 §2.5.3)', /loopback/],
    ['::', 'IPv6 unspecified (RFC 4291 §2.5.2)', /unspecified/],
    ['fc00::1', 'unique local fc00::/7, fc half (RFC 4193)', /unique local/],
    ['fd12:3456:789a::1', 'unique local fc00::/7, fd half (RFC 4193)', /unique local/],
    ['fe80::1', 'IPv6 link-local fe80::/10 (RFC 4291 §2.5.6)', /link-local/],
    ['fe80::1%eth0', 'link-local with a zone index (RFC 4007 §11)', /link-local/],
    ['febf::1', 'IPv6 link-local fe80::/10, high end (RFC 4291 §2.5.6)', /link-local/],
    ['fec0::1', 'deprecated site-local fec0::/10 (RFC 3879)', /site-local/],
    ['ff02::1', 'IPv6 multicast ff00::/8 (RFC 4291 §2.7)', /multicast/],
    ['2001:db8::1', 'IPv6 documentation 2001:db8::/32 (RFC 3849)', /documentation/],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted form (RFC 4291 §2.5.5.2)', /IPv4-mapped.*loopback/],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form (RFC 4291 §2.5.5.2)', /IPv4-mapped.*loopback/],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local (RFC 4291 §2.5.5.2)', /IPv4-mapped.*link-local/],
    ['::ffff:10.1.2.3', 'IPv4-mapped private (RFC 4291 §2.5.5.2)', /IPv4-mapped.*private/],
    ['::ffff:0:127.0.0.1', 'IPv4-translated loopback (SIIT, RFC 2765 §2.1)', /IPv4-translated.*loopback/],
    ['64:ff9b::a00:1', 'NAT64 of a private address (RFC 6052)', /NAT64.*private/],
    ['2002:7f00:1::1', '6to4 of loopback (RFC 3056)', /6to4.*loopback/],
    ['::127.0.0.1', 'deprecated IPv4-compatible address (RFC 4291 §2.5.5.1)', /IPv4-compatible/],
    ['2001::1', 'Teredo 2001::/32 (RFC 4380)', /Teredo/],
  ])('%s: %s', (address, _rule, reason) => {
    expect(nonPublicReason(address)).toMatch(reason);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([['localhost'], ['example.org'], [''], ['999.1.1.1'], ['1.2.3']])(
    'refuses %j, which is not an IP address (fail closed)',
    (input) => {
      expect(nonPublicReason(input)).toBe('not an IP address');
    },
  );
});

describe('globally reachable unicast addresses are allowed', () => {
  it.each([
    ['93.184.215.14', 'ordinary IPv4'],
    ['8.8.8.8', 'ordinary IPv4'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.0', 'just above 172.16/12'],
    ['100.63.255.255', 'just below 100.64/10'],
    ['100.128.0.0', 'just above 100.64/10'],
    ['169.253.255.255', 'just below 169.254/16'],
    ['11.0.0.0', 'just above 10/8'],
    ['2606:4700:4700::1111', 'ordinary IPv6'],
    ['2a00:1450:4001:80b::200e', 'ordinary IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public address (RFC 4291 §2.5.5.2)'],
    ['64:ff9b::808:808', 'NAT64 of a public address (RFC 6052)'],
    ['2002:808:808::1', '6to4 of a public address (RFC 3056)'],
  ])('%s (%s)', (address) => {
    expect(nonPublicReason(address)).toBeNull();
    expect(isPublicAddress(address)).toBe(true);
  });
});
