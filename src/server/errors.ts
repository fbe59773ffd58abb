/** An error the API reports to its caller as {error: {code, message, issues?}} with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const notSignedIn = (): ApiError => new ApiError(401, 'not_signed_in', 'Sign in first.');
export const forbidden = (what = 'this'): ApiError => new ApiError(403, 'forbidden', `You may not access ${what}.`);
export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} was not found.`);
