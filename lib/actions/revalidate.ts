import "server-only";
import { revalidatePath } from "next/cache";

/**
 * revalidatePath for code that also runs outside a request (tests, scripts calling an action directly): there
 * Next has no cache to invalidate and throws an invariant, which is not a failure of the action. Any other error
 * is thrown as is.
 */
export function revalidatePaths(...paths: string[]) {
  for (const path of paths) {
    try {
      revalidatePath(path);
    } catch (error) {
      if (error instanceof Error && error.message.includes("static generation store missing")) return;
      throw error;
    }
  }
}
