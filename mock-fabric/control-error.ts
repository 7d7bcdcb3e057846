/** The QA control's error: a bad request from the tester, with the HTTP status it gets. */
import { HttpError } from '../src/server/http-io.js';

/**
 * Thrown by the QA control for a bad request. Over HTTP it is answered as it is: its status
 * (400/404/409) and `{ error: message }`.
 *
 * @example
 * try { fabric.control.hangupCall('1-1'); } catch (e) { if (e instanceof ControlError) console.log(e.status); } // 404
 */
export class ControlError extends HttpError {
  override readonly name = 'ControlError';
  constructor(
    message: string,
    override readonly status: 400 | 404 | 409,
  ) {
    super(status, message);
  }
}
