/**
 * A WeCom error answer. Handlers throw it; the server turns it into
 * `{ errcode, errmsg }` with WeCom's errmsg shape (`…, more info at …?e=CODE`).
 */
export class WeComError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message)
    this.name = 'WeComError'
  }
}

/** 40058: WeCom's catch-all for a missing, malformed or out-of-range parameter. */
export function invalidParameter(detail: string): WeComError {
  return new WeComError(40058, `invalid parameter: ${detail}`)
}

/** The errmsg WeCom would write for an errcode. */
export function errmsgFor(errcode: number, message: string): string {
  if (errcode === 0) return 'ok'
  return `${message}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`
}
