import { getCurrentUser } from "@/lib/auth/session";
import { handleSandboxControl } from "@/lib/sandbox/control";

// The sandbox control surface (lib/sandbox/control.ts): admin session or the control bearer token; 404 with the sandbox off.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path: string[] }> };

export async function GET(req: Request, { params }: Params) {
  return handleSandboxControl(req, (await params).path, { currentUser: getCurrentUser });
}

export async function POST(req: Request, { params }: Params) {
  return handleSandboxControl(req, (await params).path, { currentUser: getCurrentUser });
}
