/**
 * Localized texts of problem+json titles and messages, keyed by a stable code.
 * zh-CN is the default; `en` when the client asks for it (Accept-Language).
 * `{name}` placeholders are filled from the error's params.
 */
export type Locale = 'zh-CN' | 'en';
type Text = Record<Locale, string>;

const STATUS_TITLES: Record<number, Text> = {
  400: { 'zh-CN': '请求参数有误', en: 'Invalid request' },
  401: { 'zh-CN': '未登录或登录已失效', en: 'Not authenticated' },
  403: { 'zh-CN': '无权执行此操作', en: 'Forbidden' },
  404: { 'zh-CN': '资源不存在', en: 'Not found' },
  405: { 'zh-CN': '不支持的请求方法', en: 'Method not allowed' },
  409: { 'zh-CN': '与当前状态冲突', en: 'Conflict' },
  412: { 'zh-CN': '数据已被他人修改', en: 'Precondition failed' },
  413: { 'zh-CN': '请求体过大', en: 'Payload too large' },
  415: { 'zh-CN': '不支持的内容类型', en: 'Unsupported media type' },
  422: { 'zh-CN': '无法处理的请求', en: 'Unprocessable request' },
  423: { 'zh-CN': '账号已锁定', en: 'Account locked' },
  429: { 'zh-CN': '请求过于频繁', en: 'Too many requests' },
  500: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  503: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
};

const MESSAGES: Record<string, Text> = {
  // plumbing
  validation_failed: { 'zh-CN': '有{count}个字段不符合要求', en: '{count} field(s) are invalid' },
  unknown_field: { 'zh-CN': '不允许的字段', en: 'unknown field' },
  invalid_json: { 'zh-CN': '请求体不是合法的 JSON', en: 'request body is not valid JSON' },
  json_too_deep: { 'zh-CN': 'JSON 嵌套不能超过 {limit} 层', en: 'JSON must not nest deeper than {limit} levels' },
  too_many_fields: { 'zh-CN': '字段数不能超过 {limit} 个', en: 'must not hold more than {limit} fields' },
  too_many_items: { 'zh-CN': '元素不能超过 {limit} 个', en: 'must not hold more than {limit} items' },
  body_too_large: { 'zh-CN': '请求体不能超过 {limit}', en: 'request body must not exceed {limit}' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型 {type}', en: 'unsupported content type {type}' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'no such route' },
  not_found: { 'zh-CN': '{resource}不存在', en: '{resource} not found' },
  forbidden_role: { 'zh-CN': '当前角色不能执行此操作', en: 'your role may not do this' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'sign in first' },
  token_invalid: { 'zh-CN': '登录凭证无效或已过期', en: 'token is invalid or expired' },
  session_ended: { 'zh-CN': '会话已结束，请重新登录', en: 'session has ended; sign in again' },
  conflict: { 'zh-CN': '记录已存在或与现有数据冲突', en: 'conflicts with an existing record' },
  illegal_transition: {
    'zh-CN': '当前状态为 {state}，不能执行 {event}；允许的操作：{allowed}',
    en: 'cannot {event} while {state}; allowed actions: {allowed}',
  },
  version_mismatch: {
    'zh-CN': '记录已被修改（当前版本 {current}，提交版本 {expected}），请刷新后重试',
    en: 'record was changed (current version {current}, you sent {expected}); reload and retry',
  },
  if_match_invalid: { 'zh-CN': 'If-Match 须为记录版本号，如 "3"', en: 'If-Match must be a record version such as "3"' },
  idempotency_key_invalid: { 'zh-CN': 'Idempotency-Key 长度须为 1 到 128 个字符', en: 'Idempotency-Key must be 1 to 128 characters' },
  idempotency_key_reused: {
    'zh-CN': '该 Idempotency-Key 已用于另一个请求',
    en: 'this Idempotency-Key was already used with a different request',
  },
  idempotency_in_progress: {
    'zh-CN': '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试',
    en: 'a request with this Idempotency-Key is still being processed; retry shortly',
  },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'too many requests; retry later' },
  invalid_cursor: { 'zh-CN': '分页游标无效', en: 'cursor is invalid' },
  internal_error: { 'zh-CN': '服务器内部错误，已记录', en: 'internal error; it has been logged' },
  service_unavailable: { 'zh-CN': '服务暂不可用，请稍后重试', en: 'the service is not ready; retry shortly' },
  database_unavailable: {
    'zh-CN': '数据库暂时无法访问，请稍后重试',
    en: 'the database cannot be reached right now; retry shortly',
  },
  // auth
  bad_credentials: { 'zh-CN': '用户名或密码错误', en: 'wrong username or password' },
  account_locked: {
    'zh-CN': '连续登录失败次数过多，账号已锁定至 {until}',
    en: 'too many failed sign-ins; account locked until {until}',
  },
  account_disabled: { 'zh-CN': '账号已停用', en: 'account is disabled' },
  refresh_token_invalid: { 'zh-CN': '刷新令牌无效或已过期', en: 'refresh token is invalid or expired' },
  refresh_token_reused: {
    'zh-CN': '刷新令牌被重复使用，该登录会话已全部注销',
    en: 'refresh token was reused; every token of this session is revoked',
  },
  password_weak: {
    'zh-CN': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'password needs at least 8 characters from at least 3 of: upper case, lower case, digits, symbols',
  },
  password_wrong: { 'zh-CN': '当前密码不正确', en: 'the current password is wrong' },
  password_reused: { 'zh-CN': '新密码不能与最近 5 次使用过的密码相同', en: 'the new password must differ from the last 5' },
  // identity
  id_number_format: { 'zh-CN': '身份证号须为 18 位（17 位数字加数字或 X）', en: 'ID number must be 17 digits and a digit or X' },
  id_number_region: { 'zh-CN': '身份证号的地区码无效', en: 'ID number has an unknown region code' },
  id_number_birth_date: { 'zh-CN': '身份证号中的出生日期无效', en: 'ID number holds an impossible birth date' },
  id_number_check_digit: { 'zh-CN': '身份证号校验位错误', en: 'ID number check character is wrong' },
  phone_format: { 'zh-CN': '手机号须为 11 位大陆手机号', en: 'phone must be an 11-digit mainland mobile number' },
  name_format: { 'zh-CN': '姓名须为 1 到 30 个字符，不含数字和符号', en: 'name must be 1-30 characters without digits or symbols' },
  invalid_date: { 'zh-CN': '日期须为 YYYY-MM-DD 格式的有效日期', en: 'must be a real date YYYY-MM-DD' },
};

/** class-validator constraint names, for localized field messages. */
const CONSTRAINTS: Record<string, Text> = {
  whitelistValidation: MESSAGES.unknown_field,
  isDefined: { 'zh-CN': '必填', en: 'is required' },
  isNotEmpty: { 'zh-CN': '不能为空', en: 'must not be empty' },
  isNotBlank: { 'zh-CN': '不能为空或只有空格', en: 'must not be blank' },
  isString: { 'zh-CN': '须为字符串', en: 'must be a string' },
  isInt: { 'zh-CN': '须为整数', en: 'must be an integer' },
  isNumber: { 'zh-CN': '须为数字', en: 'must be a number' },
  isBoolean: { 'zh-CN': '须为布尔值', en: 'must be a boolean' },
  isArray: { 'zh-CN': '须为数组', en: 'must be an array' },
  isObject: { 'zh-CN': '须为对象', en: 'must be an object' },
  isIn: { 'zh-CN': '不是允许的取值', en: 'is not one of the allowed values' },
  isEnum: { 'zh-CN': '不是允许的取值', en: 'is not one of the allowed values' },
  maxLength: { 'zh-CN': '过长', en: 'is too long' },
  minLength: { 'zh-CN': '过短', en: 'is too short' },
  min: { 'zh-CN': '过小', en: 'is too small' },
  max: { 'zh-CN': '过大', en: 'is too large' },
  arrayMinSize: { 'zh-CN': '元素太少', en: 'has too few items' },
  arrayMaxSize: { 'zh-CN': '元素太多', en: 'has too many items' },
  arrayUnique: { 'zh-CN': '不能有重复元素', en: 'must not repeat items' },
  isDateString: { 'zh-CN': '须为 ISO 8601 时间（含时区）', en: 'must be an ISO 8601 instant with offset' },
  isISO8601: { 'zh-CN': '须为 ISO 8601 时间（含时区）', en: 'must be an ISO 8601 instant with offset' },
  isIso8601: { 'zh-CN': '须为 ISO 8601 时间（含时区）', en: 'must be an ISO 8601 instant with offset' },
  matches: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  isUUID: { 'zh-CN': '须为有效的 ID', en: 'must be a valid ID' },
  nestedValidation: { 'zh-CN': '须为对象', en: 'must be an object' },
  isCalendarDate: MESSAGES.invalid_date,
};

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function statusTitle(status: number, locale: Locale): string {
  return (STATUS_TITLES[status] ?? STATUS_TITLES[status >= 500 ? 500 : 400])[locale];
}

/** The message for `code`, or `fallback` when the catalog has none. */
export function message(code: string, locale: Locale, params: Record<string, unknown> = {}, fallback?: string): string {
  const text = MESSAGES[code];
  if (!text) return fallback ?? code;
  return fill(text[locale], params);
}

/**
 * Message of one field error: the catalog's text for our own codes; for a
 * class-validator constraint, its (more specific) English text or a Chinese
 * text per constraint.
 */
export function fieldMessage(code: string, locale: Locale, params: Record<string, unknown>, fallback: string): string {
  if (MESSAGES[code]) return fill(MESSAGES[code][locale], params);
  if (locale === 'en') return fallback;
  return CONSTRAINTS[code]?.[locale] ?? '取值无效';
}

/** Adds texts for a bounded context's own codes (each context registers its catalog once). */
export function registerMessages(texts: Record<string, Text>): void {
  Object.assign(MESSAGES, texts);
}

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
