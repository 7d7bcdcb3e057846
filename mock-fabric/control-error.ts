/** The QA control's error: a bad request from the tester, with the HTTP status it gets. */
import { HttpError } from '../src/server/http-io.js';

/**
 * Thrown by the QA control for a bad request. Over HTTP it is answered as it is: its status
 * (400/404/409) and `{ error: message }`.
 *
 * @example
 * ```ts
 * import { startMockFabric, ControlError } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * try {
 *   fabric.control.hangupCall('no-such-call');
 * } catch (error) {
 *   if (error instanceof ControlError) console.log(error.status); // 404
 * }
 * ```
 */
export class ControlError extends HttpError {
  /** Always `'ControlError'`. */
  override readonly name = 'ControlError';
  /**
   * Thrown by the control; your tests catch it rather than make one.
   *
   * @param message - What is wrong with the request.
   * @param status - 400 a bad request, 404 no such call or agent, 409 not in a state that allows it.
   */
  constructor(
    message: string,
    override readonly status: 400 | 404 | 409,
  ) {
    super(status, message);
  }
}
