import "server-only";
import type { JobParams } from "./params";
import { auditStep, commitStep, submitStep } from "./steps-code";
import { baseLibraryStep, cancelGrayStep, grayStepOf, refreshStep, releaseStep, rollbackStep, visitStep } from "./steps-release";
import type { StepContext, StepOutcome } from "./step-types";

/** Runs the item's current step with the part of the job's parameters it needs (a pipeline's commit gets its commit part…). */
export async function runStep(ctx: StepContext, params: JobParams[keyof JobParams]): Promise<StepOutcome> {
  const kind = ctx.item.kind;
  const pipeline = kind === "pipeline" ? (params as JobParams["pipeline"]) : null;
  switch (ctx.item.step) {
    case "commit":
      return commitStep(ctx, pipeline ? pipeline.commit : (params as JobParams["commit"]));
    case "submit":
      return submitStep(ctx, pipeline ? pipeline.submit : (params as JobParams["submit"]));
    case "audit":
      return auditStep(ctx);
    case "release":
      return releaseStep(ctx);
    case "gray": {
      const gray = pipeline ? pipeline.gray : (params as JobParams["gray"]);
      if (!gray) return { kind: "fail", reason: "jobs.messages.internal" };
      return grayStepOf(ctx, gray);
    }
    case "cancel_gray":
      return cancelGrayStep(ctx);
    case "rollback":
      return rollbackStep(ctx);
    case "visit":
      return visitStep(ctx, params as JobParams["visit_status"]);
    case "base_library":
      return baseLibraryStep(ctx, params as JobParams["base_library"]);
    case "refresh":
      return refreshStep(ctx);
    default:
      return { kind: "fail", reason: "jobs.messages.internal", message: `unknown step ${ctx.item.step}` };
  }
}
