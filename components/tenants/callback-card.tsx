import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The callback page's one card, whether the server renders the result or the browser is still waiting for it. */
export function CallbackCard({
  icon,
  title,
  description,
  alert = false,
  children,
}: {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  /** The description is the failure itself (read out at once). */
  alert?: boolean;
  children: ReactNode;
}) {
  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {icon}
          {title}
        </CardTitle>
        {description ? <CardDescription role={alert ? "alert" : undefined}>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}

/** Back to the authorize page: "another" after a success, "a new link" otherwise. */
export function AgainButton({ done, label }: { done: boolean; label: string }) {
  return (
    <Button asChild variant={done ? "outline" : "default"} className="justify-self-start">
      <Link href="/tenants/authorize">{label}</Link>
    </Button>
  );
}
