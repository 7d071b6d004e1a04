CREATE TABLE "sandbox_call_trace" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appid" text,
	"path" text NOT NULL,
	"arrived_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone NOT NULL
);
