/** The QA control's error: a bad request from the tester, with the HTTP status it gets. */

/**
 * Thrown by the QA control for a bad request (HTTP 400/404/409).
 *
 * @example
 * try { fabric.control.hangupCall('1-1'); } catch (e) { if (e instanceof ControlError) console.log(e.status); } // 404
 */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
  }
}
