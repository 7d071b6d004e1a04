import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("client address behind trusted proxies", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For claims", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.9", "10.0.0.1, 10.0.0.2", 0)).toBe("127.0.0.9");
    expect(clientAddress("::1", "1.2.3.4", 0)).toBe("::1");
  });

  it("with one trusted proxy, is the entry that proxy appended, not the forged ones to its left", () => {
    // client forged "6.6.6.6"; the balancer (socket 10.0.0.5) appended the real peer 198.51.100.20.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.20", 1)).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.5", "198.51.100.20", 1)).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.5", ["6.6.6.6", "198.51.100.20"], 1)).toBe("198.51.100.20");
  });

  it("with two trusted proxies, skips both", () => {
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.20, 10.0.0.4", 2)).toBe("198.51.100.20");
  });

  it("falls back to the farthest known address when fewer proxies were crossed than configured", () => {
    expect(clientAddress("198.51.100.20", undefined, 1)).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.5", "198.51.100.20", 3)).toBe("198.51.100.20");
  });

  it("ignores an entry that is not an address", () => {
    expect(clientAddress("10.0.0.5", "6.6.6.6, not-an-ip", 1)).toBe("10.0.0.5");
    expect(clientAddress(undefined, undefined, 0)).toBeNull();
  });
});
