import { after } from "next/server";
import { receivePush } from "@/lib/console/ingress";

// 消息与事件接收 URL ($APPID$ = the authorizer): weapp_audit_* and other events. Public: authenticated by msg_signature.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ componentAppid: string; authorizerAppid: string }> };

export async function POST(req: Request, { params }: Params) {
  const { componentAppid, authorizerAppid } = await params;
  return receivePush(req, { componentAppid, authorizerAppid }, { schedule: after });
}
