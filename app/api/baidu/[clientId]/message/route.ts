import { after } from "next/server";
import { receiveBaiduPush } from "@/lib/console/ingress-baidu";

// Baidu's message URL: package audit results (PACKAGE_AUDIT_PASS / PACKAGE_AUDIT_FAIL). Public: authenticated by MsgSignature.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ clientId: string }> };

export async function POST(req: Request, { params }: Params) {
  const { clientId } = await params;
  return receiveBaiduPush(req, { clientId, channel: "message" }, { schedule: after });
}
