CREATE TABLE "sandbox_applied" (
	"appid" text NOT NULL,
	"path" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sandbox_applied_appid_path_pk" PRIMARY KEY("appid","path")
);
--> statement-breakpoint
CREATE TABLE "sandbox_rate_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"started_ms" bigint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_requests" (
	"appid" text NOT NULL,
	"path" text NOT NULL,
	"errcode" integer DEFAULT 0 NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"lost" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "sandbox_requests_appid_path_errcode_pk" PRIMARY KEY("appid","path","errcode")
);
--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD COLUMN "appid" text;--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD COLUMN "lose_answer" boolean DEFAULT false NOT NULL;