/**
 * The private-network guard at the socket (DESIGN "Fetching politely and
 * safely"). DNS-rebinding safe: the addresses judged are the very addresses
 * the socket is given to connect to, not the result of an earlier lookup.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { nonPublicReason } from './address.ts';

/** The host as an IP address, or null for a domain name. URL keeps brackets around IPv6 literals. */
export function hostAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}

/**
 * Appended to every refusal: the usual reason to meet one is a test or a local
 * demo, and the user should not have to hunt for the setting that allows it.
 */
export const ALLOW_PRIVATE_HINT = 'set ALLOW_PRIVATE_NETWORKS=true to allow non-public addresses';

const refusal = (why: string) => `${why} (${ALLOW_PRIVATE_HINT})`;

/** Why a URL whose host is a literal IP must not be fetched, or null (also null for domain names: those are judged at connect time). */
export function literalAddressRefusal(url: URL): string | null {
  const address = hostAddress(url.hostname);
  if (address === null) return null;
  const reason = nonPublicReason(address);
  return reason === null ? null : refusal(`${address} is ${reason}`);
}

/**
 * Why a URL would be refused on every fetch, known before any (watch.ts
 * refuses it up front): its host is a literal non-public IP, or
 * `localhost` (RFC 6761 §6.3: localhost and *.localhost name the loopback).
 * Null for any other name: what a name resolves to is judged at fetch time
 * (the guard is DNS-rebinding safe; an early lookup would not be).
 */
export function privateAddressRefusal(url: URL): string | null {
  const host = url.hostname.replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return refusal(`${url.hostname} is the loopback (RFC 6761)`);
  return literalAddressRefusal(url);
}

/** The `code` of errors raised by the guard, found by the fetcher on undici's error `cause` chain. */
export const BLOCKED_ADDRESS = 'ESTET_BLOCKED_ADDRESS';

export class BlockedAddressError extends Error {
  readonly code = BLOCKED_ADDRESS;
}

/** dns.lookup, minus every address that is not public; fails when none is left. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  const lookupOptions: LookupOptions = { ...options, all: true };
  dnsLookup(hostname, lookupOptions, (error, found) => {
    if (error) return callback(error, '', 0);
    const addresses = found as unknown as LookupAddress[];
    const allowed = addresses.filter((entry) => nonPublicReason(entry.address) === null);
    if (allowed.length === 0) {
      const listed = addresses.map((entry) => `${entry.address} (${nonPublicReason(entry.address)})`).join(', ');
      return callback(new BlockedAddressError(refusal(`${hostname} resolves only to non-public addresses: ${listed}`)), '', 0);
    }
    if (options.all) return callback(null, allowed);
    const first = allowed[0]!;
    return callback(null, first.address, first.family);
  });
};

/**
 * An undici connector that only ever connects to public addresses.
 * `options` are passed to undici's buildConnector (TLS settings and such).
 */
export function createPublicOnlyConnector(options: buildConnector.BuildOptions = {}): buildConnector.connector {
  const connectWithLookup = buildConnector({ ...options, lookup: publicOnlyLookup });
  return (connectOptions, callback) => {
    // Node skips `lookup` for literal IPs, so they are judged here before any packet is sent.
    const literal = hostAddress(connectOptions.hostname);
    const literalReason = literal === null ? null : nonPublicReason(literal);
    if (literalReason !== null) {
      callback(new BlockedAddressError(refusal(`${literal} is ${literalReason}`)), null);
      return;
    }
    connectWithLookup(connectOptions, (...result) => {
      const [error, socket] = result;
      if (error !== null) return callback(error, null);
      // Belt and braces: judge the peer actually connected to.
      const peer = socket.remoteAddress;
      const peerReason = peer === undefined ? 'unknown' : nonPublicReason(peer);
      if (peerReason !== null) {
        socket.destroy();
        return callback(new BlockedAddressError(refusal(`connected peer ${peer} is ${peerReason}`)), null);
      }
      return callback(null, socket);
    });
  };
}
