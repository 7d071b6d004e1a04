import { isIP } from "node:net";

/**
 * The client's address as the console's own HTTP server (scripts/serve.ts) determined it. That server deletes any
 * copy a client sent and sets it on every request; the sign-in and setup throttles read nothing else.
 */
export const CLIENT_IP_HEADER = "x-mpc-client-ip";

const unmapped = (address: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

/**
 * The address `trustedHops` proxies away from this server. Every proxy appends the address it received the request
 * from to X-Forwarded-For, so only the last `trustedHops` entries were written by proxies we run; anything to their
 * left was written by the client and can be forged. With 0 hops the socket's peer is the client.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  const socket = socketAddress ? unmapped(socketAddress) : null;
  if (trustedHops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    ...(socket ? [socket] : []),
  ];
  // Fewer entries than trusted proxies: the request skipped one of them; the farthest address is the best we know.
  const candidate = unmapped(chain[Math.max(0, chain.length - 1 - trustedHops)] ?? "");
  return isIP(candidate) ? candidate : socket;
}
