/** Request and response schemas of every endpoint the client calls. Pure: forms import these too. */
export * from "./common";
export * from "./auth";
export * from "./templates";
export * from "./code";
export * from "./audit";
export * from "./release";
export * from "./qrcode-jump";
export * from "./quota";
export * from "./media";
