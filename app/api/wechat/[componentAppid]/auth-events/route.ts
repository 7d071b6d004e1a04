import { after } from "next/server";
import { receivePush } from "@/lib/console/ingress";

// 授权事件接收 URL: component_verify_ticket and authorization changes. Public: authenticated by msg_signature.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ componentAppid: string }> };

export async function POST(req: Request, { params }: Params) {
  const { componentAppid } = await params;
  return receivePush(req, { componentAppid }, { schedule: after });
}
