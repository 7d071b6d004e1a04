import { after } from "next/server";
import { receiveBaiduPush } from "@/lib/console/ingress-baidu";

// Baidu's authorization event URL: the ticket every 10 minutes and authorization changes. Public: authenticated by MsgSignature.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ clientId: string }> };

export async function POST(req: Request, { params }: Params) {
  const { clientId } = await params;
  return receiveBaiduPush(req, { clientId, channel: "auth" }, { schedule: after });
}
