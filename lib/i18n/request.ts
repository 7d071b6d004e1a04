import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, type Locale } from "@/lib/vocab";
import { CATALOGS } from "./catalogs";
import { isLocale, negotiateLocale } from "./locale";

export async function currentLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: CATALOGS[locale], timeZone: "Asia/Shanghai" };
});
