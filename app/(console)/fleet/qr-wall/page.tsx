import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QrCode } from "lucide-react";
import { z } from "zod";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { QrWall } from "@/components/fleet/qr-wall";
import { requireUser } from "@/lib/auth/session";
import { QR_WALL_MAX, qrWallTenants } from "@/lib/console/fleet-queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fleet.qrWall"))("title") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `ids=a,b,c`: the valid uuids in order, without repeats; anything else in the list is ignored. */
function idsOf(value: string | undefined): { ids: string[]; truncated: boolean } {
  const all = [...new Set((value ?? "").split(",").map((s) => s.trim()).filter((s) => z.uuid().safeParse(s).success))];
  return { ids: all.slice(0, QR_WALL_MAX), truncated: all.length > QR_WALL_MAX };
}

/**
 * The QR wall: `/fleet/qr-wall?ids=<tenant ids, at most 200>&path=<page path + query>`. The trial QR codes of the
 * chosen mini-programs with their names on one screen (and one sheet of paper). Every role may look; the images come
 * from the tenant page's QR route, which caches them until the next commit.
 */
export default async function QrWallPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("viewer");
  const search = await searchParams;
  const { ids, truncated } = idsOf(first(search.ids));
  const path = (first(search.path) ?? "").trim().slice(0, 1024);
  const [t, tenants] = await Promise.all([getTranslations("fleet.qrWall"), qrWallTenants(ids)]);

  return (
    <>
      <div data-print-hide>
        <PageHeader title={t("title")} description={tenants.length ? t("description", { count: tenants.length }) : undefined} />
      </div>
      {tenants.length === 0 ? (
        <EmptyState icon={<QrCode />} title={t("emptyTitle")} description={t("emptyDescription", { max: QR_WALL_MAX })} />
      ) : (
        <QrWall
          tenants={tenants.map(({ id, appid, nickname, trialVersion, known }) => ({ id, appid, nickname, trialVersion, known }))}
          path={path}
          ids={tenants.map((x) => x.id).join(",")}
          truncatedAt={truncated ? QR_WALL_MAX : null}
        />
      )}
    </>
  );
}
