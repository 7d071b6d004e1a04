import { handleWechatApi } from "@/lib/sandbox";

// The emulated WeChat API (lib/sandbox). It authenticates by platform tokens like the real one, not by session.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path: string[] }> };

export async function GET(req: Request, { params }: Params) {
  return handleWechatApi(req, (await params).path);
}

export async function POST(req: Request, { params }: Params) {
  return handleWechatApi(req, (await params).path);
}
