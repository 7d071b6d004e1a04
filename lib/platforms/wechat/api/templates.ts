import "server-only";
import type { z } from "zod";
import { okAnswer } from "@/lib/platforms/wechat/schemas/common";
import { addToTemplateInput, deleteTemplateInput, draftListAnswer, templateListAnswer, templateListInput } from "@/lib/platforms/wechat/schemas/templates";
import { call, input, type ComponentTransport } from "./transport";

/** Template library (reference §3): the platform's drafts and code templates, with its own token. */
export function templatesApi(t: ComponentTransport) {
  return {
    /** GET /wxa/gettemplatedraftlist: uploads from the platform's 开发小程序 (one kept per 开发小程序). */
    getTemplateDraftList: () => call(t.send, { method: "GET", path: "/wxa/gettemplatedraftlist", action: "wxa.gettemplatedraftlist" }, draftListAnswer),

    /** POST /wxa/addtotemplate: copies a draft into the library (85065 when 200 templates exist). */
    addToTemplate: async (value: z.input<typeof addToTemplateInput>) => {
      const body = input(addToTemplateInput, value, "wxa.addtotemplate");
      return call(t.send, { method: "POST", path: "/wxa/addtotemplate", body, action: "wxa.addtotemplate" }, okAnswer);
    },

    /** GET /wxa/gettemplatelist[?template_type=0|1]: the document lists the type under "body", but the call is a GET. */
    getTemplateList: async (value: z.input<typeof templateListInput> = {}) => {
      const { template_type } = input(templateListInput, value, "wxa.gettemplatelist");
      return call(t.send, { method: "GET", path: "/wxa/gettemplatelist", query: { template_type }, action: "wxa.gettemplatelist" }, templateListAnswer);
    },

    /** POST /wxa/deletetemplate. */
    deleteTemplate: async (value: z.input<typeof deleteTemplateInput>) => {
      const body = input(deleteTemplateInput, value, "wxa.deletetemplate");
      return call(t.send, { method: "POST", path: "/wxa/deletetemplate", body, action: "wxa.deletetemplate" }, okAnswer);
    },
  };
}
