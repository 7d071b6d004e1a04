import "server-only";
import QRCode from "qrcode";
import { encode } from "jpeg-js";

/**
 * A real, scannable QR code as a JPEG, for /wxa/get_qrcode. The platform answers a binary `image/jpeg` (not JSON) of
 * about 430 × 430 px; clients that save it or show it must cope with exactly that, so the sandbox draws a genuine one.
 */

export type QrImageOptions = {
  /** Minimum side of the image in pixels; the code is centred in it. The platform's trial codes are 430 px. */
  size?: number;
  /** Minimum pixels per module: below ~6 phone cameras and decoders start to miss modules after JPEG compression. */
  minScale?: number;
  /** Light border in modules; the QR specification asks for 4. */
  quietZone?: number;
  errorCorrectionLevel?: "L" | "M" | "Q" | "H";
  /** JPEG quality 1–100. */
  quality?: number;
};

export type QrImage = { jpeg: Buffer; width: number; height: number; modules: number; scale: number };

export const QR_DEFAULTS = { size: 430, minScale: 6, quietZone: 4, errorCorrectionLevel: "M", quality: 90 } as const satisfies Required<QrImageOptions>;

/** Renders `text` as black modules on white, scale ≥ minScale, centred in a square of at least `size` px. */
export function renderQrJpeg(text: string, options: QrImageOptions = {}): QrImage {
  const o = { ...QR_DEFAULTS, ...options };
  const { modules } = QRCode.create(text, { errorCorrectionLevel: o.errorCorrectionLevel });
  const total = modules.size + 2 * o.quietZone;
  const scale = Math.max(o.minScale, Math.floor(o.size / total));
  const side = Math.max(o.size, total * scale);
  // Centre the symbol: any pixels left over from the integer scale join the quiet zone.
  const origin = Math.floor((side - total * scale) / 2) + o.quietZone * scale;

  const rgba = Buffer.alloc(side * side * 4, 0xff); // white, opaque
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const x0 = origin + col * scale;
      const y0 = origin + row * scale;
      for (let y = y0; y < y0 + scale; y++) {
        // RGB to 0, alpha stays 255: fill the whole run of one module row at once.
        const start = (y * side + x0) * 4;
        for (let i = start; i < start + scale * 4; i += 4) rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
  }
  const jpeg = encode({ data: rgba, width: side, height: side }, o.quality).data;
  return { jpeg, width: side, height: side, modules: modules.size, scale };
}

// Encoding a 430 px JPEG in pure JS takes a few hundred milliseconds of CPU, and consoles fetch the same trial code
// again and again (page reloads, bulk views). Same text → same image, so a small LRU keeps repeats free.
const CACHE_MAX = 64;
const cache = new Map<string, QrImage>();

/** renderQrJpeg with default options, memoised per text. */
export function trialQrJpeg(text: string): QrImage {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit); // most recently used last
    return hit;
  }
  const image = renderQrJpeg(text);
  cache.set(text, image);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return image;
}
