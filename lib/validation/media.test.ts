import { describe, expect, it } from "vitest";
import { acceptOf, formatBytes, mediaIssue } from "./media";

const MB = 1024 * 1024;

describe("mediaIssue", () => {
  it("takes pictures up to 2 MB and videos up to 10 MB, each only where its kind is taken", () => {
    expect(mediaIssue({ name: "a.PNG", size: 2 * MB }, ["image"])).toBeNull();
    expect(mediaIssue({ name: "a.jpeg", size: 2 * MB + 1 }, ["image"])).toEqual({ rule: "tooLarge", maxBytes: 2 * MB });
    expect(mediaIssue({ name: "v.mp4", size: 10 * MB }, ["image", "video"])).toBeNull();
    expect(mediaIssue({ name: "v.mp4", size: 10 * MB + 1 }, ["video"])).toEqual({ rule: "tooLarge", maxBytes: 10 * MB });
    expect(mediaIssue({ name: "v.mp4", size: 5 }, ["image"])).toEqual({ rule: "format" });
    expect(mediaIssue({ name: "notes.txt", size: 5 }, ["image", "video"])).toEqual({ rule: "format" });
    expect(mediaIssue({ name: "noextension", size: 5 }, ["image"])).toEqual({ rule: "format" });
    expect(mediaIssue({ name: "a.gif", size: 0 }, ["image"])).toEqual({ rule: "empty" });
  });

  it("names the accepted extensions and sizes as people read them", () => {
    expect(acceptOf(["image"])).toBe(".png,.jpg,.jpeg,.gif");
    expect(acceptOf(["video"])).toBe(".mp4");
    expect(formatBytes(2 * MB)).toBe("2 MB");
    expect(formatBytes(340 * 1024)).toBe("340 KB");
  });
});
