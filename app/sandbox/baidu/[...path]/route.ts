import { handleBaiduApi } from "@/lib/sandbox/baidu";

// The emulated Baidu smart-program API and its authorization page (lib/sandbox/baidu). It authenticates by platform
// tokens like the real one, not by session; 404 with the sandbox off.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path: string[] }> };

export async function GET(req: Request, { params }: Params) {
  return handleBaiduApi(req, (await params).path);
}

export async function POST(req: Request, { params }: Params) {
  return handleBaiduApi(req, (await params).path);
}
