/**
 * Numbers the forms show or enforce, apart from the zod schemas that use them: importing a schema module into a
 * client component ships zod to every page that renders it (about 34 KiB gzipped, measured with bench:pages).
 */

/** EncodingAESKey: 43 characters (base64 of 32 bytes without its trailing "="). */
export const AES_KEY_LENGTH = 43;
