import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, decryptWith, DecryptionError, encryptOptional, encryptSecret, encryptWith } from "./index";

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips a secret and never stores the plaintext", () => {
    const secret = "refresh@@@token-中文-" + randomBytes(8).toString("hex");
    const stored = encryptSecret(secret);
    expect(stored.startsWith("v1:")).toBe(true);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored)).toBe(secret);
  });

  it("uses a fresh IV: the same plaintext encrypts differently each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("rejects a tampered ciphertext", () => {
    const stored = encryptSecret("top secret");
    const raw = Buffer.from(stored.slice(3), "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0x01;
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`)).toThrow(DecryptionError);
  });

  it("rejects a tampered authentication tag and a truncated value", () => {
    const raw = Buffer.from(encryptSecret("x").slice(3), "base64");
    raw[13] = raw[13]! ^ 0xff;
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`)).toThrow(DecryptionError);
    expect(() => decryptSecret("v1:AAAA")).toThrow(DecryptionError);
    expect(() => decryptSecret("plaintext")).toThrow(DecryptionError);
  });

  it("refuses to decrypt under another key", () => {
    const other = randomBytes(32).toString("base64");
    const stored = encryptWith(other, "secret");
    expect(decryptWith(other, stored)).toBe("secret");
    expect(() => decryptSecret(stored)).toThrow(DecryptionError);
  });

  it("keeps empty optional values as null", () => {
    expect(encryptOptional(null)).toBeNull();
    expect(encryptOptional("")).toBeNull();
    expect(decryptSecret(encryptOptional("a")!)).toBe("a");
  });
});
