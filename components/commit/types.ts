/** What the Code page hands its client components: plain data, no secret (the variables are shown to operators anyway). */
export type TemplateOption = {
  id: number;
  userVersion: string;
  userDesc: string;
  kind: "standard" | "custom";
  pages: string[] | null;
  source: string | null;
  createdAt: string | null;
};
export type PresetOption = { id: string; name: string; extJson: string };
export type LastCommit = { extJson: string; userVersion: string; templateId: number; at: string };
