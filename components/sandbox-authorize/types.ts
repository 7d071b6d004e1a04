/** The page's query parameters as checked by the server, sent back with the confirmation (checked again there). */
export type HiddenRequest = {
  component_appid: string;
  pre_auth_code: string;
  redirect_uri: string;
  auth_type?: string;
  biz_appid?: string;
  category_id_list?: string;
};
