import { describe, expect, it } from "vitest";
import { renderQrJpeg, trialQrJpeg } from "./qr-image";
import { readQr } from "@/scripts/vitest/sandbox";

describe("renderQrJpeg", () => {
  it("draws a JPEG of about 430 px that decodes back to the text", () => {
    const text = "https://sandbox.invalid/trial?appid=wx0123456789abcdef&path=page%2Findex%3Faction%3D1";
    const image = renderQrJpeg(text);
    // JPEG SOI marker, and the size the platform's trial codes have.
    expect([...image.jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(image.width).toBe(430);
    expect(image.height).toBe(430);
    expect(image.scale).toBeGreaterThanOrEqual(6);
    const read = readQr(image.jpeg);
    expect(read.width).toBe(430);
    expect(read.text).toBe(text);
  });

  it("keeps a white quiet zone of 4 modules and black finder patterns", () => {
    const image = renderQrJpeg("hello sandbox");
    const read = readQr(image.jpeg);
    const symbol = image.modules * image.scale;
    const origin = Math.floor((image.width - (image.modules + 8) * image.scale) / 2) + 4 * image.scale;
    expect(origin).toBeGreaterThanOrEqual(4 * image.scale);
    // Corners of the image and the band just outside the symbol are white; the finder pattern's centre is black.
    expect(read.pixel(1, 1)).toBeGreaterThan(200);
    expect(read.pixel(origin - 2, origin - 2)).toBeGreaterThan(200);
    expect(read.pixel(origin + symbol + 1, origin + symbol + 1)).toBeGreaterThan(200);
    expect(read.pixel(origin + Math.floor(3.5 * image.scale), origin + Math.floor(3.5 * image.scale))).toBeLessThan(60);
  });

  it("grows past 430 px rather than going under 6 px per module for long texts", () => {
    const text = "https://sandbox.invalid/trial?appid=wx0123456789abcdef&path=" + encodeURIComponent("pages/detail/detail?" + "x=1&".repeat(120));
    const image = renderQrJpeg(text);
    expect(image.scale).toBe(6);
    expect(image.width).toBe((image.modules + 8) * 6);
    expect(image.width).toBeGreaterThan(430);
    expect(readQr(image.jpeg).text).toBe(text);
  });

  it("honours the error-correction level (a higher level needs more modules)", () => {
    const text = "https://sandbox.invalid/trial?appid=wx0123456789abcdef&path=index";
    const low = renderQrJpeg(text, { errorCorrectionLevel: "L" });
    const high = renderQrJpeg(text, { errorCorrectionLevel: "H" });
    expect(high.modules).toBeGreaterThan(low.modules);
    expect(readQr(high.jpeg).text).toBe(text);
  });

  it("trialQrJpeg memoises per text (same image object for a repeat, a new one for another text)", () => {
    const a = trialQrJpeg("memo-a");
    expect(trialQrJpeg("memo-a")).toBe(a);
    const b = trialQrJpeg("memo-b");
    expect(b).not.toBe(a);
    expect(readQr(b.jpeg).text).toBe("memo-b");
  });
});
