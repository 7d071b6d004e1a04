"use client";

// Rendered when the root layout itself fails, so it cannot rely on the message catalogs: both languages.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh" }}>
        <div style={{ textAlign: "center" }}>
          <h1>出错了 · Something went wrong</h1>
          <button type="button" onClick={reset} style={{ marginTop: 12, padding: "6px 14px" }}>
            重试 · Try again
          </button>
        </div>
      </body>
    </html>
  );
}
