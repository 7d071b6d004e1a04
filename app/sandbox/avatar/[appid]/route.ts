import { env } from "@/lib/env";
import { getAuthorizer } from "@/lib/sandbox/registry";

// The emulated mini-programs' head_img: a small SVG with the name's first character, served by the sandbox itself
// so the console shows a real image without reaching any other host.
export const dynamic = "force-dynamic";

const COLORS = ["#07a153", "#2563eb", "#d97706", "#7c3aed", "#db2777", "#0891b2"];
const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function GET(_req: Request, { params }: { params: Promise<{ appid: string }> }) {
  if (!env.SANDBOX) return new Response("Not Found", { status: 404 });
  const appid = (await params).appid.replace(/\.(png|svg)$/, "");
  const authorizer = /^wx[0-9a-f]{16}$/.test(appid) ? await getAuthorizer(appid) : null;
  if (!authorizer) return new Response("Not Found", { status: 404 });
  const color = COLORS[parseInt(appid.slice(-2), 16) % COLORS.length];
  const initial = escapeXml(Array.from(authorizer.nickname.trim())[0] ?? "?");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${color}"/><text x="32" y="42" font-size="30" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial}</text></svg>`;
  return new Response(svg, { headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=3600" } });
}
